/**
 * The program the `external` data source runs (`node .../read-result.js`):
 * one look at the operation, never a wait. Terraform writes the query (the
 * service and the wait's inputs, all strings) as JSON on stdin and reads a
 * flat JSON object of strings from stdout. It always exits 0, because a later
 * plan must not fail when the API has forgotten the operation or the
 * credentials are absent: the `read` attribute says so instead. Transient
 * errors are retried briefly, so the read right after a finished wait (the
 * one the result resource keeps) survives a throttled or flaky API.
 */
import { getProvider } from "../../providers";
import { ApiError, InputError } from "../core/errors";
import { readOperation, type OperationReading, type WaitForOperationOptions } from "../wait";
import { readFields } from "./fields";
import { readingRecord, unreadRecord, type ResultRecord } from "./result-record";

/** Pauses before the retries of a transient error: at most three more tries over 7 s. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000] as const;
/** The whole look, retries included, ends within this time, so a plan never hangs on an unreachable API. */
export const READ_BUDGET_MS = 20_000;

/** What `readResult` uses to look and to pause (replaceable in tests). */
export interface ReadDependencies {
  read: (options: WaitForOperationOptions) => Promise<OperationReading>;
  sleep: (ms: number) => Promise<void>;
  /** Credentials, region and endpoint fallbacks: the environment of `terraform plan/apply`. */
  env: Record<string, string | undefined>;
}

const DEFAULTS: ReadDependencies = {
  read: readOperation,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  env: process.env,
};

/** One look at the operation `query` names; resolves with the record for every outcome. */
export async function readResult(query: unknown, deps: ReadDependencies = DEFAULTS): Promise<ResultRecord> {
  let options: WaitForOperationOptions;
  try {
    options = queryOptions(query, deps.env);
  } catch (err) {
    return unreadRecord("UNAVAILABLE", describe(err));
  }
  const signal = AbortSignal.timeout(READ_BUDGET_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      return readingRecord(await deps.read({ ...options, signal }));
    } catch (err) {
      const transient = err instanceof ApiError && err.kind === "transient";
      if (!transient || attempt >= RETRY_DELAYS_MS.length || signal.aborted) return unreadRecord("UNAVAILABLE", describe(err));
      await deps.sleep(RETRY_DELAYS_MS[attempt]);
    }
  }
}

/** The library options the query stands for: its `service` and that service's fields, all strings. */
function queryOptions(query: unknown, env: Record<string, string | undefined>): WaitForOperationOptions {
  if (query === null || typeof query !== "object" || Array.isArray(query)) throw new InputError("query", "must be a JSON object");
  const given = query as Record<string, unknown>;
  const provider = getProvider(given.service);
  const options: Record<string, unknown> = { service: provider.name, env };
  for (const field of readFields(provider)) {
    if (given[field.name] !== undefined) options[field.name] = given[field.name];
  }
  return options as unknown as WaitForOperationOptions;
}

/** A one-line reason; API and input errors carry no secret. */
function describe(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<ResultRecord> {
  let query: unknown;
  try {
    query = JSON.parse(await readStdin());
  } catch {
    query = undefined;
  }
  return readResult(query);
}

/** Prints the record and exits 0 once stdout has taken it (open HTTP agents would otherwise keep the process alive). */
function finish(record: ResultRecord): void {
  process.stdout.write(JSON.stringify(record) + "\n", () => process.exit(0));
}

if (require.main === module) {
  main().then(finish, (err: unknown) => finish(unreadRecord("UNAVAILABLE", describe(err))));
}

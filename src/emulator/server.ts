/**
 * The emulator's HTTP server: one `node:http` server for the four APIs,
 * serving a given set of providers.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "../core/errors";
import { type EmulatorCredentials, resolveCredentials } from "./credentials";
import { EmulatorCore } from "./emulator-core";
import type { RequestRecord } from "./request-log";
import type { EmulatedService } from "./router";
import { type EmulatedServiceName, type RateLimit, type Scenario, type ScenarioOperation, parseRateLimit } from "./scenario";

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on (default `127.0.0.1`). */
  host?: string;
  /** The operations to play from the start. */
  scenario?: Scenario;
  /** Accepted credentials; the documented defaults fill the rest. The environment is not read. */
  credentials?: Partial<EmulatorCredentials>;
  /** The emulator clock, ms since the epoch (default `Date.now`): signature dates, timelines, rate limit. */
  now?: () => number;
  /** Server-wide rate limit; wins over the scenario's. */
  rateLimit?: RateLimit;
  /** Receives one line per request (never a secret). */
  log?: (line: string) => void;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:PORT`: the endpoint to point clients at. */
  readonly url: string;
  readonly port: number;
  /** Adds (or replaces, with a fresh state) one operation. @throws InputError when it is invalid. */
  addOperation(op: ScenarioOperation): void;
  /** Replaces every operation with the scenario's. @throws InputError when it is invalid. */
  loadScenario(scenario: Scenario): void;
  /** The requests answered so far, oldest first (the last 10 000). No credentials, signatures or queries. */
  readonly requests: ReadonlyArray<RequestRecord>;
  /** Requests received, and how many got a throttling answer (rate limit or `throttle` fault). */
  stats(): { requests: number; throttled: number };
  /** Simulates expiry: from now on the API no longer knows operation `id` (of `service`, `api` for a scripted API, or of any). */
  forget(id: string, service?: EmulatedServiceName): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts an emulator serving `services` (the real ones are wired in by
 * `index.ts`; tests may pass their own).
 * @throws InputError("port") when the port cannot be listened on; InputError
 *   naming the key when the scenario is invalid.
 */
export async function startEmulatorServer(options: EmulatorOptions, services: Iterable<EmulatedService>): Promise<Emulator> {
  const rateLimit = options.rateLimit ?? options.scenario?.rateLimit;
  const core = new EmulatorCore({
    services,
    credentials: resolveCredentials(options.credentials),
    now: options.now ?? Date.now,
    rateLimit: rateLimit && parseRateLimit(rateLimit, "rateLimit"),
    log: options.log,
  });
  if (options.scenario) core.loadScenario({ operations: options.scenario.operations });

  const server = createServer((req, res) => void core.handle(req, res));
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code ?? err.message;
      reject(new InputError("port", `cannot listen on ${host}:${port} (${why}): choose another port, or 0 for a free one`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    port: bound,
    addOperation: (op) => core.addOperation(op),
    loadScenario: (scenario) => core.loadScenario(scenario),
    requests: core.records,
    stats: () => core.stats(),
    forget: (id, service) => core.forget(id, service),
    close: () =>
      new Promise<void>((resolve) => {
        core.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

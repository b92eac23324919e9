/**
 * `waitForOperation` with random inputs: it resolves with a Result, or
 * rejects with an InputError naming a real option, before any request;
 * never any other exception. A value of the wrong type for an option of the
 * service is an InputError naming exactly that option.
 *
 * Every run gets its own emulator, and the fallbacks of absent options lead
 * only there (OPGATE_ENDPOINT) or nowhere (no credential of the machine, no
 * ECS metadata, a temporary home): nothing leaves loopback.
 */
import http from "node:http";
import https from "node:https";
import os from "node:os";
import fc from "fast-check";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import { InputError } from "../../src/core/errors";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { startEmulator, type ScenarioOperation } from "../../src/emulator";
import { waitForOperation } from "../../src/wait";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { EMULATOR_ENV, FAST } from "../integration/helpers";
import { notAString, oddValue } from "./support/hostile-text";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** The options the library takes besides the services' fields, and the names of the other inputs an InputError may name. */
const COMMON_OPTIONS = ["service", "endpoint", "timeout", "signal", "onProgress", "env", "allowInsecureHttp", "tuning"];
const REAL_FIELDS = new Set([...COMMON_OPTIONS, ...SERVICES.flatMap((s) => allFields(PROVIDERS[s]).map((f) => f.name)), "credentials", "options"]);

/** Stand-ins, in generated options, for the emulator's URL and the environment that names it, known only per run. */
const EMULATOR_URL = "<emulator url>";
const EMULATOR_ENV_WITH_ENDPOINT = "<emulator env>";

/** Values of the wrong type for each kind of option (null and undefined mean "absent", which is never wrong by type). */
const WRONG: Record<string, fc.Arbitrary<unknown>> = {
  string: notAString,
  boolean: fc.oneof(fc.integer(), fc.constantFrom("yes", "TRUE", "1", "", "on"), fc.object({ maxDepth: 0 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 2 })),
  service: fc.oneof(notAString, oddValue(30).filter((v) => !(SERVICES as readonly string[]).includes(v))),
  endpoint: fc.oneof(notAString, fc.constant([EMULATOR_URL])),
  timeout: fc.oneof(fc.bigInt(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), fc.constant(Symbol("t")), fc.constantFrom(Number.NaN, Infinity, -1, 0)),
  signal: fc.oneof(notAString, fc.string(), fc.constant({ aborted: false, addEventListener: () => undefined })),
  onProgress: fc.oneof(fc.integer(), fc.string(), fc.object({ maxDepth: 1 }), fc.constant(Symbol("p")), fc.boolean()),
  env: fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.bigInt(), fc.array(fc.string(), { maxLength: 2 }), fc.constant(() => ({})), fc.dictionary(fc.constantFrom("HW_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "OPGATE_ENDPOINT"), fc.oneof(fc.integer(), fc.boolean(), fc.object({ maxDepth: 0 })), { minKeys: 1 })),
  allowInsecureHttp: fc.oneof(fc.constantFrom("false", "true", "", "no"), fc.integer(), fc.object({ maxDepth: 0 })),
  tuning: fc.oneof(
    fc.integer(),
    fc.string(),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.record({ minDelayMs: fc.oneof(fc.string(), fc.bigInt(), fc.constantFrom(-1, 0, Number.NaN, Infinity)) }),
    fc.record({ requestTimeoutMs: fc.oneof(fc.string(), fc.constantFrom(-5, 0, Number.NaN)) }),
    fc.record({ clock: fc.oneof(fc.integer(), fc.string(), fc.constant({ now: 1 })) }),
    fc.record({ random: fc.oneof(fc.integer(), fc.string()) }),
    fc.record({ minDelayMs: fc.constant(100), maxDelayMs: fc.constant(10) }),
    fc.record({ jitter: fc.constantFrom(1, 2, -0.5) }),
  ),
};

function scriptOf(service: ServiceName) {
  return SERVICE_SCRIPTS.find((s) => s.service === service)!;
}

/**
 * `input` with the stand-ins replaced for the emulator at `url`. Generated
 * credentials always come with OPGATE_ENDPOINT, so that a wait without an
 * endpoint never falls back to the cloud's.
 */
function pointedAt(input: unknown, url: string): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const substitutes: Record<string, unknown> = { [EMULATOR_URL]: url, [EMULATOR_ENV_WITH_ENDPOINT]: { ...EMULATOR_ENV, OPGATE_ENDPOINT: url } };
  const substitute = (value: unknown): unknown => (typeof value === "string" && value in substitutes ? substitutes[value] : value);
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value.map(substitute) : substitute(value)]));
}

/** A valid wait of `service` for the emulator at `url`, whose operation succeeds at once. */
function validOptions(service: ServiceName, url: string): Record<string, unknown> {
  return { ...scriptOf(service).wait("op-fuzz"), endpoint: url, env: { ...EMULATOR_ENV }, timeout: "5s", tuning: FAST };
}

const OPERATIONS = SERVICES.map((service) => scriptOf(service).operation("op-fuzz", timeline(scriptOf(service), ["success"]))) as ScenarioOperation[];

/**
 * Calls `waitForOperation(options)` against a fresh emulator (the fallback
 * endpoint too) and says how it ended. A wait that would go on is
 * interrupted after 150 ms unless the options bring their own signal.
 */
async function attempt(build: (url: string) => unknown): Promise<{ error?: unknown; outcome?: string; requests: number }> {
  const emulator = await startEmulator({ scenario: { operations: OPERATIONS } });
  process.env.OPGATE_ENDPOINT = emulator.url;
  try {
    const options = build(emulator.url);
    const bounded = options !== null && typeof options === "object" && !("signal" in options) ? { ...options, signal: AbortSignal.timeout(150) } : options;
    try {
      const result = await waitForOperation(bounded as never);
      return { outcome: result.outcome, requests: emulator.requests.length };
    } catch (error) {
      return { error, requests: emulator.requests.length };
    }
  } finally {
    await emulator.close();
  }
}

/** The problem with how an attempt ended, or null when it is one of the allowed endings. */
function problem(ended: { error?: unknown; outcome?: string; requests: number }): string | null {
  if (ended.outcome !== undefined) return ["SUCCESS", "FAILURE", "CANCELLED", "TIMEOUT", "ERROR", "INTERRUPTED"].includes(ended.outcome) ? null : `unknown outcome ${ended.outcome}`;
  const error = ended.error;
  if (!(error instanceof InputError)) return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  // An option of some service, or a key the service does not take, named as such.
  if (!REAL_FIELDS.has(error.field) && !error.reason.startsWith("does not apply to the ")) return `InputError names ${JSON.stringify(error.field)}, which is no option`;
  if (!error.message.startsWith(`${error.field}: `) || error.reason.trim() === "") return `unclear message ${JSON.stringify(error.message)}`;
  if (ended.requests !== 0) return `InputError after ${ended.requests} request(s)`;
  return null;
}

const saved = { ...process.env };
/** Requests to anywhere but loopback (the guard below refuses them): must stay empty. */
const escaped: string[] = [];
beforeAll(() => {
  for (const transport of [http, https]) {
    const request = transport.request;
    jest.spyOn(transport, "request").mockImplementation(((url: string | URL, ...rest: unknown[]) => {
      const host = new URL(url).hostname;
      if (host !== "127.0.0.1") {
        escaped.push(String(url));
        throw new Error(`the fuzz test tried to reach ${host}`);
      }
      return (request as (...args: unknown[]) => http.ClientRequest)(url, ...rest);
    }) as typeof transport.request);
  }
  for (const name of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_|HW_|OPGATE_)/.test(name)) delete process.env[name];
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  // The Alibaba Cloud credential chain reads profile files under os.homedir().
  jest.spyOn(os, "homedir").mockReturnValue(EMULATOR_ENV.HOME);
});
afterAll(() => {
  process.env = saved;
  jest.restoreAllMocks();
  expect(escaped).toEqual([]);
});

test(`random option objects: a Result, or an InputError naming a real option before any request (seed ${SEED})`, async () => {
  const anyValue = fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, maxDepth: 2 });
  /** A valid value of an option most of the time, anything at all otherwise. */
  const mostly = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyValue, weight: 1 });
  const options = fc.oneof(
    { arbitrary: anyValue, weight: 1 },
    {
      arbitrary: fc.record(
        {
          service: mostly(fc.constantFrom(...SERVICES)),
          operationId: mostly(fc.oneof(fc.constant("op-fuzz"), oddValue())),
          clusterId: mostly(fc.constant("c-reliability00001")),
          projectId: mostly(fc.constant("051ddda57400d2982fccc014fab5749d")),
          executionId: mostly(fc.oneof(fc.constant("op-fuzz"), oddValue())),
          region: mostly(fc.constantFrom("cn-hangzhou", "cn-north-4")),
          allowPartial: mostly(fc.boolean()),
          timeout: mostly(fc.constantFrom("1s", "90s", 2)),
          endpoint: mostly(fc.constant(EMULATOR_URL)),
          env: mostly(fc.constant(EMULATOR_ENV_WITH_ENDPOINT)),
          allowInsecureHttp: mostly(fc.boolean()),
          tuning: mostly(fc.constant(FAST)),
          onProgress: mostly(fc.constant(() => undefined)),
        },
        { requiredKeys: ["service"] },
      ),
      weight: 4,
    },
  );
  await fc.assert(
    fc.asyncProperty(options, async (input) => {
      const ended = await attempt((url) => pointedAt(input, url));
      const found = problem(ended);
      if (found) throw new Error(found);
    }),
    { numRuns: 150, seed: SEED },
  );
});

test(`a value of the wrong type for an option of the service: InputError naming that option, before any request (seed ${SEED})`, async () => {
  const wrongOption = fc.constantFrom(...SERVICES).chain((service) => {
    const fields = allFields(PROVIDERS[service]).map((field) => ({ name: field.name, wrong: WRONG[field.kind] }));
    const common = COMMON_OPTIONS.map((name) => ({ name, wrong: WRONG[name] }));
    return fc.constantFrom(...fields, ...common).chain(({ name, wrong }) => wrong.map((value) => ({ service, name, value })));
  });
  await fc.assert(
    fc.asyncProperty(wrongOption, async ({ service, name, value }) => {
      const ended = await attempt((url) => ({ ...validOptions(service, url), [name]: value }));
      const found = problem(ended) ?? (ended.error instanceof InputError && ended.error.field === name ? null : `expected InputError(${name}), got ${ended.outcome ?? String(ended.error)}`);
      if (found) throw new Error(found);
    }),
    {
      numRuns: 200,
      seed: SEED,
      // Always tried: values that once slipped through (taken for a URL, serialized into a message, or looking true).
      examples: [
        [{ service: "emr", name: "endpoint", value: [EMULATOR_URL] }],
        [{ service: "bpstudio", name: "timeout", value: 10n }],
        [{ service: "oos", name: "allowInsecureHttp", value: "false" }],
        [{ service: "bcs", name: "signal", value: "abort" }],
        [{ service: "bcs", name: "tuning", value: { minDelayMs: 5n } }],
      ],
    },
  );
});

test("the options a valid wait of each service is built from succeed (the properties above start from them)", async () => {
  for (const service of SERVICES) expect((await attempt((url) => validOptions(service, url))).outcome).toBe("SUCCESS");
});

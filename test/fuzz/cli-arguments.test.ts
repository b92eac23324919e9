/**
 * Random argument vectors for the BUILT `opgate wait <service>`, each against
 * its own emulator, four processes at a time.
 *
 * - Invalid input (one defect among valid flags in random order: an empty,
 *   padded, too long or control-character value, a bad region, duration,
 *   endpoint or output, an unknown or repeated flag, a flag without its value,
 *   a missing required flag, a stray argument, an unknown service): exit 2,
 *   nothing on stdout, one short line on stderr naming the problem (plus the
 *   usage line), no stack trace, and no request reached the emulator.
 * - Valid but odd IDs (unicode, shell metacharacters, Terraform templates,
 *   values that look like flags): they reach the emulator verbatim, which
 *   knows them as failed operations, so the exit code 1 and the request log
 *   prove the ID arrived byte for byte; nothing is ever executed.
 *   (An ID the emulator does not know would end with ERROR, exit 4, only
 *   after the 30 s not-found grace, too slow for a fuzz run.)
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { startEmulator, type ScenarioOperation } from "../../src/emulator";
import { cliEnv, runCli, STACK_LINE, type CliRun } from "../cli/support/run-cli";
import { blank, oddValue, padded, SENTINEL, tooLong, withControlCharacter } from "./support/hostile-text";

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** Generated cases per property, and processes at a time (one property run = one batch). */
const BATCH = 4;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** The IDs of a valid wait, by flag, for each service. */
const VALID: Readonly<Record<ServiceName, Record<string, string>>> = {
  bpstudio: { "--operation-id": "op_fuzz", "--resource-group-id": "rg-fuzz" },
  emr: { "--region": "cn-hangzhou", "--cluster-id": "c-fuzz", "--operation-id": "op-fuzz" },
  bcs: { "--region": "cn-north-4", "--project-id": "p-fuzz", "--operation-id": "op-fuzz" },
  oos: { "--region": "cn-hangzhou", "--execution-id": "exec-fuzz" },
};
/** The flag of the ID the emulator keys its operations on. */
const PRIMARY: Readonly<Record<ServiceName, string>> = { bpstudio: "--operation-id", emr: "--operation-id", bcs: "--operation-id", oos: "--execution-id" };
/** Flags every service knows (values or switches), and what commander answers to on its own. */
const KNOWN_FLAGS = new Set(["--timeout", "--endpoint", "--output", "--quiet", "--allow-insecure-http", "--allow-partial", "--help", "-h", "-V", "--version", ...SERVICES.flatMap((s) => allFields(PROVIDERS[s]).map((f) => f.flag))]);

/** One generated command line and what it must give. */
interface Case {
  service: ServiceName;
  /** Flag/value pairs (a value of null is a switch), in order. */
  pairs: [string, string | null][];
  /** Written `--flag=value` instead of `--flag value`. */
  joined: boolean;
  /** Put in place of the service name. */
  serviceWord?: string;
  /** Put in place of the emulator's URL. */
  endpoint?: string;
  /** Appended after the pairs (a stray argument, a flag without its value). */
  tail: string[];
  /** What stderr must name, for an invalid case. */
  names?: string;
}

function argsOf(c: Case, endpoint: string): string[] {
  const words = c.pairs.flatMap(([flag, value]) => (value === null ? [flag] : c.joined || value.startsWith("-") ? [`${flag}=${value}`] : [flag, value]));
  const url = c.endpoint ?? endpoint;
  return ["wait", c.serviceWord ?? c.service, ...words, ...(url.startsWith("-") ? [`--endpoint=${url}`] : ["--endpoint", url]), ...c.tail];
}

/** A valid case of `service`: its IDs, a deadline and an output format, in random order. */
function validCase(service: ServiceName): fc.Arbitrary<Case> {
  const pairs: [string, string | null][] = [...Object.entries(VALID[service]), ["--timeout", "20s"]];
  return fc
    .tuple(fc.shuffledSubarray(pairs, { minLength: pairs.length }), fc.constantFrom<[string, string | null][]>([["--output", "json"]], [["--output", "text"]], [["--quiet", null]], []), fc.boolean())
    .map(([ordered, output, joined]) => ({ service, pairs: [...ordered, ...output], joined, tail: [] }));
}

/** Sets the value of `flag` (adding the flag when absent). */
function withValue(c: Case, flag: string, value: string): Case {
  const pairs = c.pairs.some(([f]) => f === flag) ? c.pairs.map(([f, v]): [string, string | null] => [f, f === flag ? value : v]) : [...c.pairs, [flag, value] as [string, string]];
  return { ...c, pairs };
}

/** The string flags of a case that take an ID (region included). */
function idFlags(c: Case): string[] {
  return Object.keys(VALID[c.service]);
}

const badRegion = fc.oneof(oddValue(60), fc.constantFrom("cn--hangzhou", "-cn", "cn-", "cn_hangzhou", "cn.hangzhou", "${var.region}")).filter((v) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/i.test(v) && v.trim() === v && v !== "");
const badTimeout = fc.oneof(
  fc.constantFrom("-5", "5 minutes", "1e5", "0", "0s", "8d", "99999999", "soon", "1h 30m", "${var.timeout}", "1.5.5s", "m", "Infinity", "NaN", "", " "),
  oddValue(30).filter((v) => !/^\s*\d/.test(v)),
);
const badEndpoint = fc.constantFrom("", "not a url", "ftp://127.0.0.1", "http://127.0.0.1:1/api", "http://user:pass@127.0.0.1:1", "http://127.0.0.1:1/?q=1", "//127.0.0.1", "127.0.0.1:8080", "javascript:alert(1)", "file:///etc/passwd", "http://[::1", "$(touch pwned)");
const badOutput = fc.oneof(fc.constantFrom("yaml", "JSON", "", "1", "text,json", "$(touch pwned)"), oddValue(20)).filter((v) => v !== "json" && v !== "text");
const unknownFlag = fc
  .oneof(fc.stringMatching(/^--[a-z][a-z0-9-]{0,24}$/), fc.stringMatching(/^-[a-zA-Z]$/), oddValue(20).map((v) => `--${v}`), tooLong.map((v) => `--${v}`), withControlCharacter.map((v) => `--${v}`))
  .filter((flag) => !KNOWN_FLAGS.has(flag.split("=")[0]) && !flag.startsWith("---"));
const strayWord = oddValue(30).filter((word) => !word.startsWith("-"));
const unknownService = fc.oneof(oddValue(30), fc.constantFrom("", "ecs", "BP-STUDIO", "emr2", " emr"), withControlCharacter, tooLong).filter((word) => !(SERVICES as readonly string[]).includes(word.toLowerCase()) && word !== "help" && !word.startsWith("-"));

/** One defect added to a valid case: the case must end with exit 2 and stderr naming `names`. */
function invalidCase(): fc.Arbitrary<Case> {
  return fc.constantFrom(...SERVICES).chain((service) =>
    validCase(service).chain((c) => {
      const flag = fc.constantFrom(...idFlags(c));
      return fc.oneof(
        fc.tuple(flag, blank).map(([f, v]) => ({ ...withValue(c, f, v), names: `${f} must not be empty` })),
        fc.tuple(flag, padded).map(([f, v]) => ({ ...withValue(c, f, v), names: `${f} must not start or end with white space` })),
        fc.tuple(flag, withControlCharacter).map(([f, v]) => ({ ...withValue(c, f, v), names: `${f} must not contain control characters` })),
        fc.tuple(flag, tooLong).map(([f, v]) => ({ ...withValue(c, f, v), names: `${f} is longer than 512 characters (Unicode code points)` })),
        badRegion.map((v) => ({ ...withValue(c, "--region", v), names: "--region" })),
        badTimeout.map((v) => ({ ...withValue(c, "--timeout", v), names: "--timeout" })),
        badEndpoint.map((v) => ({ ...c, endpoint: v, names: "--endpoint" })),
        badOutput.map((v) => ({ ...withValue(c, "--output", v), names: "--output" })),
        fc.tuple(unknownFlag, fc.nat(c.pairs.length)).map(([f, at]) => ({ ...c, pairs: [...c.pairs.slice(0, at), [f, null] as [string, null], ...c.pairs.slice(at)], names: "unknown option" })),
        fc.tuple(flag, fc.constantFrom("op-2", "cn-beijing", "another")).map(([f, v]) => ({ ...c, pairs: [...c.pairs, [f, v] as [string, string]], names: `${f} is given more than once` })),
        fc.constantFrom("--timeout", "--output", ...idFlags(c)).map((f) => ({ ...c, tail: [f], names: "argument missing" })),
        fc.constantFrom(...requiredFlags(service)).map((f) => ({ ...c, pairs: c.pairs.filter(([p]) => p !== f), names: `${f} is required` })),
        strayWord.map((word) => ({ ...c, tail: [word], names: "too many arguments" })),
        unknownService.map((word) => ({ ...c, serviceWord: word, names: "unknown service" })),
      );
    }),
  );
}

/** Flags a service cannot do without (no default; the CLI's environment sets no fallback). */
function requiredFlags(service: ServiceName): string[] {
  return allFields(PROVIDERS[service]).filter((f) => f.required && f.default === undefined).map((f) => f.flag);
}

/** A valid case whose primary ID is odd. */
function oddCase(): fc.Arbitrary<Case & { id: string }> {
  return fc
    .tuple(fc.constantFrom(...SERVICES), oddValue())
    .chain(([service, id]) => validCase(service).map((c) => ({ ...withValue(c, PRIMARY[service], id), id })));
}

/** The emulator's operation for an odd case: a failed one, with the case's IDs. */
function failedOperation(c: Case & { id: string }): ScenarioOperation {
  const ids = VALID[c.service];
  const frames: Record<ServiceName, Record<string, unknown>> = {
    bpstudio: { status: "FAILURE", message: "fuzz" },
    emr: { state: "FAILED" },
    bcs: { status: "failed" },
    oos: { count: 1, status: "Failed" },
  };
  const attributes: Record<ServiceName, Record<string, string>> = {
    bpstudio: { resourceGroupId: ids["--resource-group-id"] },
    emr: { clusterId: ids["--cluster-id"], region: ids["--region"] },
    bcs: { projectId: ids["--project-id"] },
    oos: { region: ids["--region"] },
  };
  return { service: c.service, id: c.id, ...attributes[c.service], timeline: [frames[c.service]] } as ScenarioOperation;
}

/** Runs one case against a fresh emulator holding `operations`; returns the run and the emulator's log. */
async function runCase(c: Case, operations: ScenarioOperation[] = []): Promise<{ run: CliRun; requests: { operationId: string | null }[] }> {
  const emulator = await startEmulator({ scenario: { operations } });
  try {
    const run = await runCli(argsOf(c, emulator.url), cliEnv());
    return { run, requests: [...emulator.requests] };
  } finally {
    await emulator.close();
  }
}

/** A valid case written out, for the regression batch. */
function plainCase(service: ServiceName): Case {
  return { service, pairs: [...Object.entries(VALID[service]), ["--timeout", "20s"]], joined: false, tail: [] };
}

/** Always tried first: inputs that once were taken without a word, or echoed raw. */
const REGRESSIONS: Case[] = [
  { ...plainCase("emr"), pairs: [...plainCase("emr").pairs, ["--operation-id", "op-2"]], names: "--operation-id is given more than once" },
  { ...plainCase("bpstudio"), serviceWord: "bp\u001b[2Jstudio\nline two", names: "unknown service" },
  { ...plainCase("oos"), pairs: [...plainCase("oos").pairs, [`--${"x".repeat(3000)}`, null]], names: "unknown option" },
  { ...plainCase("bcs"), pairs: [...plainCase("bcs").pairs, ["--output", "json"], ["--output", "text"]], names: "--output is given more than once" },
];

function show(c: Case): string {
  return JSON.stringify(argsOf(c, "<emulator>"));
}

afterAll(() => {
  expect(existsSync(join(process.cwd(), SENTINEL))).toBe(false);
});

test(`invalid input: exit 2, one short line naming the problem, no request (${BATCH * 6} cases, seed ${SEED})`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(invalidCase(), { minLength: BATCH, maxLength: BATCH }), async (cases) => {
      const runs = await Promise.all(cases.map((c) => runCase(c)));
      runs.forEach(({ run, requests }, i) => {
        const c = cases[i];
        const lines = run.stderr.trimEnd().split("\n");
        const context = `${show(c)}\nexit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
        if (run.code !== 2 || run.stdout !== "" || requests.length !== 0) throw new Error(`expected exit 2, empty stdout, no request (got ${requests.length}):\n${context}`);
        // The reason is the last line; a usage line may stand above it (usage mistakes only).
        const reason = lines.at(-1)!;
        if (!reason.startsWith("opgate: error: ") || !reason.includes(c.names!)) throw new Error(`stderr does not end with a reason naming ${JSON.stringify(c.names)}:\n${context}`);
        if (lines.length > 2 || lines.some((line) => line.length > 500) || CONTROL_BUT_NEWLINE.test(run.stderr)) throw new Error(`stderr is not one short message:\n${context}`);
        if (STACK_LINE.test(run.stderr) || /^\w*Error: /m.test(run.stderr) || run.stderr.includes("internal error")) throw new Error(`stack trace or internal error:\n${context}`);
      });
    }),
    { numRuns: 6, seed: SEED, endOnFailure: true, examples: [[REGRESSIONS]] },
  );
});

test(`valid but odd IDs reach the emulator verbatim and run nothing (${BATCH * 4} cases, seed ${SEED})`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(oddCase(), { minLength: BATCH, maxLength: BATCH }), async (cases) => {
      const runs = await Promise.all(cases.map((c) => runCase(c, [failedOperation(c)])));
      runs.forEach(({ run, requests }, i) => {
        const c = cases[i];
        const context = `${show(c)}\nexit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
        if (run.code !== 1) throw new Error(`expected FAILURE (exit 1) of the emulator's operation:\n${context}`);
        if (!requests.some((r) => r.operationId === c.id)) throw new Error(`no request carried the ID verbatim (${JSON.stringify(requests.map((r) => r.operationId))}):\n${context}`);
        const json = c.pairs.some(([f, v]) => f === "--output" && v === "json");
        if (json && JSON.parse(run.stdout).operationId !== c.id) throw new Error(`the Result names another ID:\n${context}`);
        if (STACK_LINE.test(run.stderr)) throw new Error(`stack trace:\n${context}`);
      });
      expect(existsSync(join(process.cwd(), SENTINEL))).toBe(false);
    }),
    { numRuns: 4, seed: SEED, endOnFailure: true },
  );
});

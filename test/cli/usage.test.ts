/**
 * Bad usage and bad input of `opgate wait`: exit 2 before any request (the
 * emulator's request log stays empty), nothing on stdout, the reason naming
 * the flag as the last line on stderr, never a stack trace. The usage line
 * comes above it for usage mistakes only (an unknown flag or service, a
 * missing argument), never for a bad value or missing credentials.
 */
import { startEmulator, type Emulator } from "../../src/emulator";
import { cliEnv, runCli, STACK_LINE } from "./support/run-cli";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, scenario: { operations: [{ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ state: "COMPLETED" }] }] } });
});
afterAll(() => emulator.close());

const EMR_OK = ["--region", "cn-hangzhou", "--cluster-id", "c-1", "--operation-id", "op-1"];
const EMR_USAGE = "usage: opgate wait emr --region ID --cluster-id ID --operation-id ID [--allow-partial] [options]";
const WAIT_USAGE = "usage: opgate wait <service> [options]  (service: bpstudio, emr, bcs, oos or api; opgate wait --help shows an example of each)";

/** [case, arguments after `wait` (the emulator's endpoint is added), what the last line must name, the usage line above it (usage mistakes only), env changes]. */
const CASES: [string, string[], string, string | null, Record<string, string | undefined>?][] = [
  ["missing operation ID", ["emr", "--region", "cn-hangzhou", "--cluster-id", "c-1"], "--operation-id is required", EMR_USAGE],
  ["empty cluster ID", ["emr", "--region", "cn-hangzhou", "--cluster-id", "", "--operation-id", "op-1"], "--cluster-id must not be empty", null],
  ["blank operation ID", ["emr", "--region", "cn-hangzhou", "--cluster-id", "c-1", "--operation-id", "  "], "--operation-id must not be empty", null],
  ["missing region", ["emr", "--cluster-id", "c-1", "--operation-id", "op-1"], "--region is required", EMR_USAGE],
  ["missing BCS project", ["bcs", "--region", "cn-north-4", "--operation-id", "r-1"], "--project-id is required", "usage: opgate wait bcs "],
  ["missing OOS execution ID", ["oos", "--region", "cn-hangzhou"], "--execution-id is required", "usage: opgate wait oos "],
  ["unknown service", ["ecs", ...EMR_OK], "unknown service 'ecs'", WAIT_USAGE],
  ["missing service", [], "missing service", WAIT_USAGE],
  ["bad duration", ["emr", ...EMR_OK, "--timeout", "5 minutes"], "--timeout is not a duration: use e.g. 90s, 10m, 1h30m", null],
  ["zero duration", ["emr", ...EMR_OK, "--timeout", "0s"], "--timeout must be at least 1ms", null],
  ["bad URL", ["emr", ...EMR_OK, "--endpoint", "not a url"], "--endpoint (or OPGATE_ENDPOINT) must start with http:// or https://", null],
  ["URL with a path", ["emr", ...EMR_OK, "--endpoint", "http://127.0.0.1:1/api"], "--endpoint (or OPGATE_ENDPOINT) must be a base URL", null],
  ["unknown option", ["emr", ...EMR_OK, "--regoin", "x"], "unknown option '--regoin' (Did you mean --region?)", EMR_USAGE],
  ["service flags without a service", ["--operation-id", "op-1"], "missing service", WAIT_USAGE],
  ["bad output format", ["emr", ...EMR_OK, "--output", "yaml"], "'--output <format>' argument 'yaml' is invalid", null],
  ["stray argument", ["emr", ...EMR_OK, "now"], "too many arguments", EMR_USAGE],
  ["a missing value", ["emr", ...EMR_OK, "--endpoint", "http://127.0.0.1:1", "--timeout"], "option '--timeout <duration>' argument missing", EMR_USAGE],
  [
    "missing Alibaba Cloud credentials",
    ["emr", ...EMR_OK],
    "no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID",
    null,
    { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined },
  ],
  [
    "missing Huawei Cloud credentials",
    ["bcs", "--region", "cn-north-4", "--project-id", "p-1", "--operation-id", "r-1"],
    "no Huawei Cloud credentials found: set HW_ACCESS_KEY",
    null,
    { HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined },
  ],
  ["a region from the environment that is not a region", ["emr", "--cluster-id", "c-1", "--operation-id", "op-1"], "region", null, { ALIBABA_CLOUD_REGION_ID: "cn-" }],
];

describe("bad usage exits 2 before any request, the reason last", () => {
  test.concurrent.each(CASES)("%s", async (_name, args, names, usage, envChanges) => {
    const run = await runCli(["wait", ...args, ...(args.includes("--endpoint") ? [] : ["--endpoint", emulator.url])], cliEnv(envChanges));
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^opgate: error: /);
    expect(lines.at(-1)).toContain(names);
    expect(lines.slice(0, -1)).toEqual(usage === null ? [] : [expect.stringContaining(usage)]);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(emulator.requests).toHaveLength(0);
  });

  test.concurrent("a token never goes over plain http:// to a remote host without --allow-insecure-http", async () => {
    const env = cliEnv({ HW_AUTH_TOKEN: "token-for-test-only" }, {});
    const run = await runCli(["wait", "bcs", "--region", "cn-north-4", "--project-id", "p-1", "--operation-id", "r-1", "--endpoint", "http://192.0.2.1:9"], env);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toContain("--allow-insecure-http");
    expect(run.stderr).not.toContain("token-for-test-only");
  });

  test.concurrent("an invalid OPGATE_ENDPOINT is named as such", async () => {
    const run = await runCli(["wait", "emr", ...EMR_OK], cliEnv({ OPGATE_ENDPOINT: "ftp://127.0.0.1" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--endpoint (or OPGATE_ENDPOINT) must start with http:// or https://");
  });
});

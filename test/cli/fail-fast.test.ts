/**
 * Issue 11 through the BUILT CLI: what will never heal ends the wait early
 * (a permanent code in a 2xx body, a wrong endpoint, missing credentials),
 * what heals is still retried, and the rough edges a new user hits. Every
 * address is loopback; no test asserts on wall-clock time (the waits'
 * `--timeout` is 30 min, jest's timeout bounds them).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type http from "node:http";
import { join } from "node:path";
import type { ScenarioFault, ScenarioFrame, ScenarioOperation } from "../../src/emulator";
import { loadScenarioFile, startEmulator, type Emulator } from "../../src/emulator";
import { startServer, type LocalServer } from "../clients/local-server";
import { CLI, cliEnv, finished, runCli, startCli, tempDir, type CliRun } from "./support/run-cli";
import { BCS, EMR, githubOutputs, resultOf, useEmulator } from "./support/wait-fixture";

const ROOT = join(__dirname, "..", "..");
const LONG = ["--timeout", "30m", "--output", "json"];
const SERVICES = ["bpstudio", "emr", "bcs", "oos"] as const;
type Service = (typeof SERVICES)[number];

/** The frame of each service in a neutral phase. */
const FRAMES: Record<Service, Record<"running" | "success" | "failure", ScenarioFrame>> = {
  bpstudio: { running: { status: "RUNNING" }, success: { status: "SUCCESS" }, failure: { status: "FAILURE" } },
  emr: { running: { state: "IN_PROGRESS" }, success: { state: "COMPLETED" }, failure: { state: "FAILED" } },
  bcs: { running: { status: "processing" }, success: { status: "finished" }, failure: { status: "failed" } },
  oos: { running: { status: "Running" }, success: { status: "Success" }, failure: { status: "Failed" } },
};
const ATTRIBUTES: Record<Service, Record<string, string>> = { bpstudio: {}, emr: EMR, bcs: BCS, oos: {} };

function operation(service: Service, id: string, phases: ("running" | "success" | "failure")[], faults: ScenarioFault[] = []): ScenarioOperation {
  const timeline = phases.map((phase, i) => ({ ...(i < phases.length - 1 ? { polls: 1 } : {}), ...FRAMES[service][phase] }));
  return { service, id, ...ATTRIBUTES[service], timeline, faults } as ScenarioOperation;
}

/** A class of permanent code per cloud: permission, parameter, signature, credentials, and a code nobody listed. */
const PERMANENT_CODES: Record<"alibaba" | "huawei", string[]> = {
  alibaba: ["Forbidden.RAM", "InvalidParameter", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "Some.NewCode"],
  huawei: ["BCS.4030403", "BCS.4000400", "APIGW.0301", "APIGW.0101", "Some.NewCode"],
};
const cloudOf = (service: Service) => (service === "bcs" ? "huawei" : "alibaba");

const permanentCases = SERVICES.flatMap((service) => PERMANENT_CODES[cloudOf(service)].map((code) => [service, code] as const));
const idOf = (service: string, code: string) => `ff-${service}-${code.replace(/\W/g, "-").toLowerCase()}`;

const operations: ScenarioOperation[] = [
  ...permanentCases.map(([service, code]) => operation(service, idOf(service, code), ["running"], [{ from: 1, kind: "error-body", code, message: "denied" }])),
  ...SERVICES.flatMap((service) => [
    operation(service, `ff-${service}-transient-200`, ["running", "running", "success"], [{ poll: 2, kind: "error-body" }]),
    // One poll's request and its two immediate re-sends: beyond the client's own re-sends.
    operation(service, `ff-${service}-reset-after-answer`, ["running", "running", "success"], [{ from: 2, to: 4, kind: "reset" }]),
    operation(service, `ff-${service}-ok`, ["success"]),
    operation(service, `ff-${service}-failed`, ["failure"]),
  ]),
];

const waitArgs = useEmulator(operations);
let emulatorUrl: string;
beforeAll(() => {
  emulatorUrl = waitArgs("bpstudio", "x").at(-1)!;
});

/** The wait's ids flags, pointed at `endpoint` instead of the emulator. */
function argsAt(service: Service, id: string, endpoint: string, flags: string[] = LONG): string[] {
  const args = waitArgs(service, id);
  args[args.indexOf("--endpoint") + 1] = endpoint;
  return [...args, ...flags];
}

/** A loopback server answering every request with an HTML page. */
async function htmlServer(status: number, page: string): Promise<LocalServer> {
  return startServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
}

function expectOneLine(run: CliRun, result: Record<string, unknown>): void {
  const error = result.error as { message: string };
  expect(error.message).not.toContain("\n");
  expect(error.message).not.toMatch(/<[a-z!/]/i);
  expect(run.stderr).not.toMatch(/<(html|body|head|title|h1)/i);
}

describe("a permanent error code in a 2xx body", () => {
  test.concurrent.each(permanentCases)("%s: %s in an HTTP 200 ends the wait at the first poll with exit 4", async (service, code) => {
    const run = await runCli([...waitArgs(service, idOf(service, code)), ...LONG]);
    expect(run.code).toBe(4);
    const result = resultOf(run);
    expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code } });
  });

  test.concurrent.each(SERVICES.map((s) => [s]))("%s: a transient code in an HTTP 200 is still retried to SUCCESS", async (service) => {
    const run = await runCli([...waitArgs(service, `ff-${service}-transient-200`), ...LONG]);
    expect(run.code).toBe(0);
    expect(resultOf(run)).toMatchObject({ outcome: "SUCCESS", error: null });
    expect(run.stderr).toMatch(/retrying after (InternalError|BCS\.5000500)/);
  });
});

describe("a wrong endpoint", () => {
  test.concurrent.each(SERVICES.map((s) => [s]))(
    "%s: a refused connection (http://127.0.0.1:1) ends with ERROR within the budget, not the 30 min deadline",
    async (service) => {
      const run = await runCli(argsAt(service, `ff-${service}-ok`, "http://127.0.0.1:1"));
      expect(run.code).toBe(4);
      const result = resultOf(run);
      expect(result).toMatchObject({ outcome: "ERROR", status: null, error: { code: "NetworkError" } });
      expect(result.polls).toBeGreaterThanOrEqual(3);
      expect((result.error as { message: string }).message).toMatch(/^127\.0\.0\.1:1: ECONNREFUSED \(no answer from the API in \d+ polls over [\d.]+s: is the endpoint right\?\)$/);
      expectOneLine(run, result);
    },
    60_000,
  );

  test.concurrent.each(SERVICES.map((s) => [s]))("%s: https:// against the (plain-HTTP) emulator ends at the first poll", async (service) => {
    const host = new URL(emulatorUrl).host;
    const run = await runCli(argsAt(service, `ff-${service}-ok`, `https://${host}`));
    expect(run.code).toBe(4);
    const result = resultOf(run);
    expect(result).toMatchObject({
      outcome: "ERROR",
      polls: 1,
      error: { code: "TlsError", message: `${host}: the TLS handshake failed (wrong version number); if the server speaks plain HTTP, use http://${host}` },
    });
  });

  test.concurrent("an HTML 404 page from a server that is not the API ends at the first poll, in one readable line", async () => {
    const server = await htmlServer(404, "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>");
    try {
      const json = await runCli(argsAt("bpstudio", "ff-bpstudio-ok", server.url));
      expect(json.code).toBe(4);
      const result = resultOf(json);
      expect(result).toMatchObject({
        outcome: "ERROR",
        polls: 1,
        error: { code: "HTTP404", message: `HTTP 404 from ${server.url}/: not an Alibaba Cloud API answer (text/html: "404 Not Found")` },
      });
      expectOneLine(json, result);
      const text = await runCli(argsAt("bcs", "ff-bcs-ok", server.url, ["--timeout", "30m"]));
      expect(text.code).toBe(4);
      expect(text.stdout).toContain(`HTTP 404 from ${server.url}/v2/${BCS.projectId}/operation/record: not a Huawei Cloud API answer (text/html: "404 Not Found")`);
      expect(text.stdout).not.toMatch(/<(html|title|h1)/i);
    } finally {
      await server.close();
    }
  });

  test.concurrent.each([
    ["an HTML 501 page", 501, "HTTP501"],
    ["an HTML page in an HTTP 200", 200, "MalformedResponse"],
  ] as const)("%s ends with ERROR within the budget, in one readable line", async (_, status, code) => {
    const server = await htmlServer(status, "<html><head><title>Error response</title></head><body><h1>Unsupported method ('POST')</h1></body></html>");
    try {
      const run = await runCli(argsAt("oos", "ff-oos-ok", server.url));
      expect(run.code).toBe(4);
      const result = resultOf(run);
      expect(result).toMatchObject({ outcome: "ERROR", error: { code } });
      expect(result.polls).toBeGreaterThanOrEqual(3);
      expect((result.error as { message: string }).message).toMatch(
        new RegExp(`^HTTP ${status} from ${server.url}/: not an Alibaba Cloud API answer \\(text/html: "Error response"\\) \\(no answer from the API in \\d+ polls`),
      );
      expectOneLine(run, result);
    } finally {
      await server.close();
    }
  }, 60_000);

  test.concurrent.each(SERVICES.map((s) => [s]))("%s: a connection reset after a good answer is still retried to SUCCESS", async (service) => {
    const run = await runCli([...waitArgs(service, `ff-${service}-reset-after-answer`), ...LONG]);
    expect(run.code).toBe(0);
    expect(resultOf(run)).toMatchObject({ outcome: "SUCCESS", error: null });
    expect(run.stderr).toContain("retrying after NetworkError");
  });
});

describe("missing Alibaba Cloud credentials", () => {
  test.concurrent("a credential chain that never answers is bounded: exit 2, stdout empty, the reason in GitHub's files", async () => {
    // The chain's credentials URI on a loopback server that accepts and never answers; ECS metadata
    // stays disabled (run-cli) and HOME is temporary: nothing leaves the machine.
    const sockets: import("node:net").Socket[] = [];
    const server = await startServer((req) => sockets.push(req.socket));
    const dir = tempDir();
    const env = cliEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: server.url, GITHUB_OUTPUT: join(dir, "out"), GITHUB_STEP_SUMMARY: join(dir, "summary") }, {});
    try {
      const run = await runCli([...waitArgs("emr", "ff-emr-ok"), ...LONG], env);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n")[0]).toMatch(/^opgate: error: no Alibaba Cloud credentials found: /);
      const outputs = githubOutputs(readFileSync(join(dir, "out"), "utf8"));
      expect(outputs).toMatchObject({ status: "", outcome: "USAGE_ERROR", outputs: "{}" });
      expect(outputs.error).toMatch(/^no Alibaba Cloud credentials found: /);
      expect(readFileSync(join(dir, "summary"), "utf8")).toContain("### ⛔ opgate wait emr: USAGE_ERROR (exit 2)");
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.close();
    }
  }, 30_000);
});

describe("pipeline edges", () => {
  test.concurrent("bad usage (exit 2) writes the outcome and the error to GITHUB_OUTPUT and GITHUB_STEP_SUMMARY", async () => {
    const dir = tempDir();
    const env = cliEnv({ GITHUB_OUTPUT: join(dir, "out"), GITHUB_STEP_SUMMARY: join(dir, "summary") });
    const run = await runCli(["wait", "emr", "--region", "cn-hangzhou", "--operation-id", "op-1"], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const outputs = githubOutputs(readFileSync(join(dir, "out"), "utf8"));
    expect(outputs).toEqual({ status: "", outcome: "USAGE_ERROR", outputs: "{}", error: expect.stringContaining("--cluster-id") });
    const summary = readFileSync(join(dir, "summary"), "utf8");
    expect(summary).toContain("USAGE_ERROR (exit 2)");
    // The reason as literal Markdown: each punctuation mark escaped.
    expect(summary).toContain(`**Error:** ${outputs.error.replace(/[!-/:-@[-`{-~]/g, "\\$&")}`);
  });

  test.concurrent("a repeated flag is refused in opgate's own words", async () => {
    const run = await runCli([...waitArgs("emr", "ff-emr-ok"), "--operation-id", "op-2"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("opgate: error: --operation-id is given more than once: pass it once");
  });

  test.concurrent("service names compare case-insensitively", async () => {
    const args = waitArgs("emr", "ff-emr-ok", LONG);
    args[1] = "EMR";
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(resultOf(run)).toMatchObject({ service: "emr", outcome: "SUCCESS" });
  });

  test.concurrent.each([
    ["emr", ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"]],
    ["bcs", ["HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_AUTH_TOKEN"]],
  ] as const)("wait %s --help lists the credential variables of its cloud", async (service, names) => {
    const run = await runCli(["wait", service, "--help"]);
    expect(run.code).toBe(0);
    for (const name of names) expect(run.stdout).toContain(name);
  });

  test.concurrent("one poll is `1 poll`, and EMR times read as ISO-8601 in the text summary", async () => {
    const run = await runCli(waitArgs("emr", "ff-emr-ok", ["--timeout", "30m"]));
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/, after \d+s and 1 poll$/);
    expect(run.stdout).toMatch(/createTime\s+2021-08-10T09:57:19\.114Z/);
    expect(run.stdout).not.toContain("1628589439114");
    const json = resultOf(await runCli(waitArgs("emr", "ff-emr-ok", LONG)));
    expect(json.outputs).toMatchObject({ createTime: 1628589439114, description: "Create cluster" });
  });

  test.concurrent("emulator --help points at SCENARIOS.md, shipped in the package", async () => {
    const run = await runCli(["emulator", "--help"]);
    expect(run.stdout).toContain("node_modules/opgate/src/emulator/SCENARIOS.md");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("src/emulator/SCENARIOS.md");
  });
});

describe("emulator defaults", () => {
  test.concurrent("a BPStudio FAILURE frame shows no tagMap of the docs' example", async () => {
    const result = resultOf(await runCli([...waitArgs("bpstudio", "ff-bpstudio-failed"), ...LONG]));
    expect(result).toMatchObject({ outcome: "FAILURE", outputs: { arguments: null, tagMap: null } });
  });

  test.concurrent("a BCS record has a plausible cluster name and Preparation's only sub-step is 1.1", async () => {
    const result = resultOf(await runCli([...waitArgs("bcs", "ff-bcs-ok"), ...LONG]));
    const outputs = result.outputs as { clusterInfo: { name: string } };
    expect(outputs.clusterInfo.name).toBe("cce-bcs-i3b0ms");
    const steps = result.steps as { name: string; subSteps: { serialNum: number; startTime: string | null }[] }[];
    expect(steps[0]).toMatchObject({ name: "Preparation", subSteps: [{ serialNum: 1 }] });
    const starts = steps.flatMap((step) => step.subSteps.map((sub) => sub.startTime!));
    expect([...starts].sort()).toEqual(starts);
  });
});

describe("the documented background emulator", () => {
  test("gate.sh leaves no result file in the working tree", async () => {
    const emulator: Emulator = await startEmulator({ port: 0, scenario: loadScenarioFile(join(ROOT, "examples", "pipeline", "scenario.json")) });
    const cwd = tempDir();
    try {
      const env = cliEnv({ OPGATE: `${process.execPath} ${CLI}`, OPGATE_ENDPOINT: emulator.url, TIMEOUT: "1m" });
      const run = await finished(spawn("sh", [join(ROOT, "examples", "pipeline", "gate.sh"), "bpstudio"], { env, cwd, stdio: "pipe" }));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('tagMap: {"cadt":["12xxxxxxx","34xxxxxxx"]}');
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  test("an emulator whose parent is killed (as `kill $!` kills npx) stops by itself", async () => {
    // A stand-in for npx: starts the emulator and does not pass signals on.
    const wrapper = `const c = require("child_process").spawn(process.execPath, [${JSON.stringify(CLI)}, "emulator", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
      c.stdout.once("data", () => console.log(c.pid)); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["-e", wrapper], { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const pid = await new Promise<number>((resolve) => parent.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      expect(alive()).toBe(true);
      parent.kill("SIGKILL");
      while (alive()) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alive()).toBe(false);
    } finally {
      if (alive()) process.kill(pid, "SIGTERM");
    }
  }, 20_000);

  test("the CLI still stops on SIGTERM sent to it directly", async () => {
    const child = startCli(["emulator", "--port", "0"], cliEnv({}, {}));
    const done = finished(child);
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.kill("SIGTERM");
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("opgate emulator stopped");
  });
});

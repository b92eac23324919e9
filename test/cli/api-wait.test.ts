/**
 * `opgate wait api` as a pipeline runs it (the built CLI, a loopback server
 * playing the API): the exit code of each outcome, the Result on stdout,
 * the spec from a file, standard input, JSON text or a preset, vars from
 * `--var` (repeatable, a name twice is bad usage) and `--vars-json`, and
 * every spec error exit 2 before any request, naming the JSON path.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answer, startServer, type LocalServer } from "../clients/local-server";
import { cliEnv, finished, runCli, startCli, tempDir } from "./support/run-cli";

let server: LocalServer | undefined;
let requests: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  requests = [];
});

/** A loopback API answering each request with the next of `bodies` (the last one from then on): `[status, body]`. */
async function api(...bodies: [number, unknown][]): Promise<string> {
  server = await startServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const [status, body] = bodies[Math.min(requests.length - 1, bodies.length - 1)];
    answer(res, status, body);
  });
  return server.url;
}

const SPEC = {
  id: "job:{{job_id}}",
  call: { cloud: "alibaba", product: "ecs", version: "2014-05-26", action: "DescribeTasks", params: { RegionId: "{{region}}", TaskIds: ["{{job_id}}"] } },
  status: "TaskSet.Task[0].TaskStatus",
  success: ["Finished"],
  failure: ["Failed"],
  cancelled: ["Cancelled"],
  running: ["Processing"],
  message: "TaskSet.Task[0].Reason",
  outputs: { taskId: "TaskSet.Task[0].TaskId" },
};

function specFile(spec: unknown = SPEC): string {
  const file = join(tempDir(), "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

const task = (status: string, reason = "") => [200, { RequestId: "r", TaskSet: { Task: [{ TaskId: "t-1", TaskStatus: status, Reason: reason, Secret: "never printed" }] } }] as [number, unknown];

test.each<[string, number, [number, unknown][]]>([
  ["SUCCESS", 0, [task("Processing"), task("Finished")]],
  ["FAILURE", 1, [task("Failed", "disk full")]],
  ["CANCELLED", 1, [task("Cancelled")]],
  ["ERROR", 4, [[403, { Code: "Forbidden.RAM", Message: "not allowed", RequestId: "r" }]]],
])("%s: exit %s and one Result on stdout", async (outcome, code, bodies) => {
  const url = await api(...bodies);
  const run = await runCli(["wait", "api", "--spec", specFile(), "--var", "job_id=t-1", "--region", "cn-hangzhou", "--endpoint", url, "--output", "json", "--quiet"]);
  expect(run.code).toBe(code);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(result).toMatchObject({ service: "api", operationId: "job:t-1", outcome });
  expect(run.stdout).not.toContain("never printed");
  expect(requests[0]).toBe("POST /?RegionId=cn-hangzhou&TaskIds=%5B%22t-1%22%5D");
});

test("nothing of the answer but the selected outputs reaches stdout, stderr, GITHUB_OUTPUT or the job summary", async () => {
  const url = await api(task("Processing"), task("Finished"));
  const folder = tempDir();
  const files = { GITHUB_OUTPUT: join(folder, "output"), GITHUB_STEP_SUMMARY: join(folder, "summary") };
  const run = await runCli(["wait", "api", "--spec", specFile(), "--var", "job_id=t-1", "--region", "cn-hangzhou", "--endpoint", url], cliEnv(files));
  expect(run.code).toBe(0);
  const written = Object.values(files).map((file) => (existsSync(file) ? readFileSync(file, "utf8") : "")).join("\n");
  expect(written).toContain("t-1");
  expect(`${run.stdout}${run.stderr}${written}`).not.toContain("never printed");
});

test("TIMEOUT: exit 3", async () => {
  const url = await api(task("Processing"));
  const run = await runCli(["wait", "api", "--spec", specFile(), "--var", "job_id=t-1", "--region", "cn-hangzhou", "--endpoint", url, "--timeout", "3s", "--output", "json", "--quiet"]);
  expect(run.code).toBe(3);
  expect(JSON.parse(run.stdout)).toMatchObject({ outcome: "TIMEOUT", rawStatus: "Processing" });
});

test("the text summary names the outcome and the reason; only the selected outputs are shown", async () => {
  const url = await api(task("Failed", "disk full"));
  const run = await runCli(["wait", "api", "--spec", specFile(), "--var", "job_id=t-1", "--region", "cn-hangzhou", "--endpoint", url]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("FAILURE: api job:t-1");
  expect(run.stdout).toContain("disk full");
  expect(run.stdout + run.stderr).not.toContain("never printed");
});

test("the spec from standard input, JSON text or a preset; vars from --vars-json", async () => {
  const url = await api(task("Finished"));
  const stdin = startCli(["wait", "api", "--spec", "-", "--vars-json", '{"job_id":"t-1"}', "--region", "cn-hangzhou", "--endpoint", url, "--quiet"]);
  stdin.stdin.end(JSON.stringify(SPEC));
  expect((await finished(stdin)).code).toBe(0);
  const text = await runCli(["wait", "api", "--spec-json", JSON.stringify(SPEC), "--var", "job_id=t-1", "--region", "cn-hangzhou", "--endpoint", url, "--quiet"]);
  expect(text.code).toBe(0);
  await server?.close();
  await api([200, { Instances: { Instance: [{ InstanceId: "i-1", Status: "Running" }] } }]);
  const preset = await runCli(["wait", "api", "--preset", "alibaba-ecs-instance-running", "--var", "instance_id=i-1", "--region", "cn-hangzhou", "--endpoint", server!.url, "--output", "json", "--quiet"]);
  expect(preset.code).toBe(0);
  expect(JSON.parse(preset.stdout)).toMatchObject({ operationId: "ecs:i-1", outputs: { instanceId: "i-1" } });
});

test.each<[string, (file: string) => string[], RegExp]>([
  ["a write action", () => ["--spec-json", JSON.stringify({ ...SPEC, call: { ...SPEC.call, action: "RunInstances" } }), "--var", "job_id=t"], /spec\.call\.action: "RunInstances" is not named like a read API/],
  ["a signing field as a parameter", () => ["--spec-json", JSON.stringify({ ...SPEC, call: { ...SPEC.call, params: { ...SPEC.call.params, SignatureNonce: "x" } } }), "--var", "job_id=t"], /spec\.call\.params\.SignatureNonce: is a field the request's signer sets/],
  ["an unknown function", () => ["--spec-json", JSON.stringify({ ...SPEC, outputs: { all: "items(@)" } }), "--var", "job_id=t"], /spec\.outputs\.all: unknown function items\(\)/],
  ["a missing var", (file) => ["--spec", file], /spec\.call\.params\.TaskIds\[0\]: \{\{job_id\}\} has no value: give a var named job_id/],
  ["an unused var", (file) => ["--spec", file, "--var", "job_id=t", "--var", "other=x"], /vars\.other: is not used/],
  ["a var given twice", (file) => ["--spec", file, "--var", "job_id=a", "--var", "job_id=b"], /--var job_id is given more than once/],
  ["a var without a value", (file) => ["--spec", file, "--var", "job_id"], /--var takes NAME=VALUE/],
  ["a spec file that is not JSON", () => ["--spec-json", "{not json"], /--spec-json is not JSON/],
  ["a spec file that cannot be read", () => ["--spec", "/nonexistent/spec.json"], /--spec cannot read "\/nonexistent\/spec\.json" \(ENOENT\)/],
  ["no spec", () => ["--var", "job_id=t"], /--spec is required: pass one of --spec FILE/],
  ["two specs", (file) => ["--spec", file, "--preset", "huawei-ecs-job"], /--spec is given more than once/],
  ["an unknown preset", () => ["--preset", "../etc/passwd"], /--preset "\.\.\/etc\/passwd" is not a preset: use one of alibaba-ecs-instance-running/],
])("%s: exit 2 before any request, naming what to fix", async (_, args, message) => {
  const url = await api(task("Finished"));
  const run = await runCli(["wait", "api", ...args(specFile()), "--region", "cn-hangzhou", "--endpoint", url]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(message);
  expect(requests).toEqual([]);
});

test("opgate wait --help lists api; opgate wait api --help shows the spec's flags and examples", async () => {
  const wait = await runCli(["wait", "--help"]);
  expect(wait.stdout).toContain("bpstudio, emr, bcs, oos or api");
  const help = await runCli(["wait", "api", "--help"]);
  for (const flag of ["--spec <file>", "--spec-json <json>", "--var <name=value>", "--vars-json <json>", "--preset <name>", "--project-id <id>", "--region <id>", "--timeout"]) expect(help.stdout).toContain(flag);
  expect(help.stdout).toContain("opgate api check");
});

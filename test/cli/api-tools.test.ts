/**
 * The authoring commands, offline (the built CLI with no credentials at all
 * and an endpoint that would refuse any connection: nothing may be sent):
 * `api check` prints the request each poll would send, `api eval` reads a
 * saved answer as a wait reads it (errors given by their HTTP status),
 * `api presets` lists the presets, `api schema` prints the shipped schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cliEnv, runCli } from "./support/run-cli";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "providers", "api", "fixtures");
/** No credential of either cloud: the commands must not need one. */
const NO_CREDENTIALS = cliEnv({}, {});
/** A closed loopback port: a request sent there would fail, and the commands send none. */
const CLOSED = "http://127.0.0.1:9";

test("api check prints the request each poll would send, with no credentials", async () => {
  const run = await runCli(["api", "check", "--preset", "alibaba-ecs-instance-running", "--var", "instance_id=i-bp1", "--region", "cn-hangzhou"], NO_CREDENTIALS);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    [
      "spec OK: ecs:i-bp1",
      "each poll sends: POST https://ecs.cn-hangzhou.aliyuncs.com/?InstanceIds=%5B%22i-bp1%22%5D&RegionId=cn-hangzhou",
      "  x-acs-action: DescribeInstances",
      "  x-acs-version: 2014-05-26",
      "signed with ACS3-HMAC-SHA256 when the wait runs (no credential was read; nothing was sent)",
      "",
    ].join("\n"),
  );
});

test("api check --output json, for a Huawei call with the endpoint given", async () => {
  const run = await runCli(["api", "check", "--preset", "huawei-cce-job", "--var", "job_id=j 1", "--project-id", "p1", "--region", "cn-north-4", "--endpoint", CLOSED, "--output", "json"], NO_CREDENTIALS);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    operationId: "cce-job:j 1",
    cloud: "huawei",
    request: { method: "GET", url: `${CLOSED}/api/v3/projects/p1/jobs/j%201`, headers: { "x-project-id": "p1" } },
  });
});

test("api check refuses a bad spec with exit 2, naming the JSON path", async () => {
  const spec = { call: { cloud: "huawei", service: "ecs", method: "GET", path: "/v1/{project_id}/jobs" }, status: "status", success: ["SUCCESS"] };
  const run = await runCli(["api", "check", "--spec-json", JSON.stringify(spec)], NO_CREDENTIALS);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("spec.call.path: {project_id} is how the API reference writes a parameter: write {{project_id}}");
});

test.each<[string, string, string[], string[]]>([
  ["a successful answer", "alibaba-ros-stack-complete.json", [], ["state: SUCCESS", "rawStatus: CREATE_COMPLETE", "message: Stack CREATE completed successfully", "progress: 100 of 100 %", "stackName     app-prod"]],
  ["a failed stack", "alibaba-ros-stack-rollback-complete.json", [], ["state: FAILURE", "message: Resource CREATE failed: InvalidVSwitchId.NotFound"]],
  ["an error answer, given by its HTTP status", "alibaba-ros-stack-not-found.json", ["--status", "404"], ["error StackNotFound (HTTP 404): not found: tolerated for the grace period (30 s), then ERROR (exit 4)"]],
])("api eval on %s", async (_, fixture, extra, lines) => {
  const run = await runCli(["api", "eval", "--preset", "alibaba-ros-stack-create", "--var", "stack_id=s-1", "--region", "cn-hangzhou", "--answer", join(FIXTURES, fixture), ...extra], NO_CREDENTIALS);
  expect(run.code).toBe(0);
  for (const line of lines) expect(run.stdout).toContain(line);
});

test("api eval --output json: the snapshot, or the error and its kind", async () => {
  const args = ["api", "eval", "--preset", "alibaba-ros-stack-delete", "--var", "stack_id=s-1", "--region", "cn-hangzhou", "--output", "json", "--answer", join(FIXTURES, "alibaba-ros-stack-not-found.json")];
  const gone = await runCli([...args, "--status", "404"], NO_CREDENTIALS);
  expect(JSON.parse(gone.stdout)).toMatchObject({ state: "SUCCESS", rawStatus: "StackNotFound" });
  const forbidden = await runCli([...args.slice(0, -1), join(FIXTURES, "alibaba-ros-stack-deleting.json"), "--status", "403"], NO_CREDENTIALS);
  expect(JSON.parse(forbidden.stdout)).toEqual({ error: { code: "HTTP403", kind: "permanent", message: expect.stringContaining("HTTP 403"), httpStatus: 403 } });
});

test.each<[string[], RegExp]>([
  [["--answer", join(FIXTURES, "alibaba-ros-stack-creating.json"), "--status", "20"], /--status must be an HTTP status from 100 to 599, got "20"/],
  [["--answer", "/nonexistent.json"], /--answer cannot read "\/nonexistent\.json" \(ENOENT\)/],
  [[], /required option '--answer <file>' not specified/],
])("api eval refuses %j with exit 2", async (extra, message) => {
  const run = await runCli(["api", "eval", "--preset", "alibaba-ros-stack-create", "--var", "stack_id=s-1", "--region", "cn-hangzhou", ...extra], NO_CREDENTIALS);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
});

test("api presets lists each preset with its description", async () => {
  const run = await runCli(["api", "presets"], NO_CREDENTIALS);
  expect(run.code).toBe(0);
  for (const name of ["alibaba-ecs-instance-running", "alibaba-ros-stack-create", "alibaba-ros-stack-delete", "huawei-cce-job", "huawei-ecs-job"]) expect(run.stdout).toContain(`${name}\n  `);
  expect(run.stdout).toContain("API reference: https://support.huaweicloud.com/intl/en-us/api-ecs/ecs_02_0901.html");
});

test("api schema prints the schema that ships", async () => {
  const run = await runCli(["api", "schema"], NO_CREDENTIALS);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(readFileSync(join(ROOT, "schema", "api-wait.schema.json"), "utf8"));
});

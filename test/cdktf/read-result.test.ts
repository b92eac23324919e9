/** The program the `external` data source runs: one look, strings out, exit 0 whatever happens. */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { readResult, RETRY_DELAYS_MS, type ReadDependencies } from "../../src/cdktf/read-result";
import { ApiError, InputError } from "../../src/core/errors";
import type { OperationReading, WaitForOperationOptions } from "../../src/wait";
import { REPO, temporaryHome, terraformEnvironment } from "./helpers";
import { applyTestSetup } from "./fixtures";

const setup = applyTestSetup();
const PROGRAM = path.join(REPO, "dist/src/cdktf/read-result.js");

const FOUND: OperationReading = {
  found: true,
  service: "bpstudio",
  operationId: "op_1",
  snapshot: {
    state: "SUCCESS",
    rawStatus: "success",
    message: null,
    outputs: { tagMap: { cadt: ["1", "2"] }, big: 12345678901234567890n },
    steps: [],
    resources: [],
  },
};

/** Dependencies whose `read` answers from `answers` in turn (an Error is thrown), recording calls and pauses. */
function fake(answers: (OperationReading | Error)[]) {
  const calls: WaitForOperationOptions[] = [];
  const pauses: number[] = [];
  const deps: ReadDependencies = {
    read: async (options) => {
      calls.push(options);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    sleep: async (ms) => void pauses.push(ms),
    env: { HW_PROJECT_ID: "from-env" },
  };
  return { deps, calls, pauses };
}

test("a found operation becomes a flat record of strings; JSON fields keep big integers exact", async () => {
  const { deps, calls } = fake([FOUND]);
  const record = await readResult({ service: "bpstudio", operationId: "op_1", endpoint: "http://127.0.0.1:1", timeout: "5m", other: "x" }, deps);
  expect(record).toEqual({
    read: "OK",
    readMessage: "",
    status: "SUCCESS",
    rawStatus: "success",
    message: "",
    outputsJson: '{"tagMap":{"cadt":["1","2"]},"big":12345678901234567890}',
    tagMapJson: '{"cadt":["1","2"]}',
  });
  expect(calls).toEqual([{ service: "bpstudio", operationId: "op_1", endpoint: "http://127.0.0.1:1", env: deps.env, signal: expect.any(AbortSignal) }]);
});

test("an operation the API forgot is NOT_FOUND, without a retry", async () => {
  const { deps, calls } = fake([{ found: false, service: "bpstudio", operationId: "op_1", error: { code: "NotFound", message: "unknown or expired" } }]);
  expect(await readResult({ service: "bpstudio", operationId: "op_1" }, deps)).toMatchObject({
    read: "NOT_FOUND",
    readMessage: "NotFound: unknown or expired",
    status: "",
    outputsJson: "{}",
    tagMapJson: "{}",
  });
  expect(calls).toHaveLength(1);
});

test("transient errors are retried briefly, then the answer counts", async () => {
  const throttled = new ApiError("transient", "Throttling.User", "slow down", 400);
  const { deps, pauses } = fake([throttled, throttled, FOUND]);
  expect(await readResult({ service: "bpstudio", operationId: "op_1" }, deps)).toMatchObject({ read: "OK", status: "SUCCESS" });
  expect(pauses).toEqual(RETRY_DELAYS_MS.slice(0, 2));
});

test.each<[string, Error[], number]>([
  ["transient errors that outlast the retries", [new ApiError("transient", "ServiceUnavailable", "down", 503)], RETRY_DELAYS_MS.length + 1],
  ["a permanent error", [new ApiError("permanent", "Forbidden.RAM", "no permission", 403)], 1],
  ["missing credentials", [new InputError("credentials", "no Alibaba Cloud credentials found")], 1],
])("%s: UNAVAILABLE with the reason", async (_name, answers, tries) => {
  const { deps, calls } = fake(answers);
  const record = await readResult({ service: "emr", region: "cn-hangzhou", clusterId: "c", operationId: "o" }, deps);
  expect(record).toMatchObject({ read: "UNAVAILABLE", status: "", readMessage: expect.stringMatching(/down|no permission|credentials/) });
  expect(calls).toHaveLength(tries);
});

test.each([null, [], "text", { service: "nosuch" }])("the query %j gives UNAVAILABLE without asking", async (query) => {
  const { deps, calls } = fake([FOUND]);
  expect(await readResult(query, deps)).toMatchObject({ read: "UNAVAILABLE", readMessage: expect.any(String) });
  expect(calls).toHaveLength(0);
});

describe("the program", () => {
  const run = (stdin: string, env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile("node", [PROGRAM], { env }, (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }));
      child.stdin!.end(stdin);
    });

  test.each(["", "not json", "[1]"])("exits 0 with one JSON object of strings for stdin %j", async (stdin) => {
    const { code, stdout } = await run(stdin, terraformEnvironment(temporaryHome()));
    expect(code).toBe(0);
    const record = JSON.parse(stdout) as Record<string, unknown>;
    expect(record.read).toBe("UNAVAILABLE");
    expect(Object.values(record).every((value) => typeof value === "string")).toBe(true);
  });

  test("reads through a throttled first answer (the read right after a wait)", async () => {
    setup.emulator().addOperation({ service: "oos", id: "exec-t", region: "cn-hangzhou", timeline: [{ count: 2, status: "Success" }], faults: [{ poll: 1, kind: "throttle" }] });
    const query = JSON.stringify({ service: "oos", region: "cn-hangzhou", executionId: "exec-t", endpoint: setup.emulator().url });
    const { code, stdout } = await run(query, setup.env());
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ read: "OK", status: "SUCCESS", outputsJson: '{"counts":{"Success":2}}' });
    expect(setup.emulator().requests.map((request) => request.code)).toEqual(["Throttling.User", null]);
  });
});

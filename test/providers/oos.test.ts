import { ApiError, InputError } from "../../src/core/errors";
import { MAX_PAGES, MAX_POLL_BYTES, oos } from "../../providers/oos";
import { ReadBudget } from "../../src/clients/read-budget";
import { readParams } from "../../providers/params";
import { oosEmulator } from "../../providers/oos/emulator";
import { OOS_RESOURCE_STATUS, oosSnapshot, parseOosPage, readOosExecution } from "../../providers/oos/parse";
import type { ApiCaller, ApiRequest, EmulatedOperation, EmulatorRequest } from "../../providers/types";
import { fakeApi, loadSeed, NEVER, overWire, paramsFor } from "./helpers";

const PARAMS = () => paramsFor(oos, { region: "cn-hangzhou", executionId: "exec-1" });

/** A page of `statuses` as OOS answers it. */
function page(statuses: string[], nextToken?: string, prefix = "i-"): Record<string, unknown> {
  return {
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
    RequestId: "R",
    MaxResults: 100,
    ResourceExecutionStatus: statuses.map((Status, i) => ({ Outputs: "{}", Status, ExecutionTime: "2020-11-13T08:48:34Z", ResourceId: `${prefix}${i}`, ExecutionId: "exec-1" })),
  };
}

describe("oos resource status", () => {
  it.each([
    ["Started", "PENDING"],
    ["Queued", "PENDING"],
    ["Waiting", "PENDING"],
    ["Pending", "PENDING"],
    ["Running", "RUNNING"],
    ["Success", "SUCCESS"],
    ["Skipped", "SUCCESS"],
    ["Failed", "FAILURE"],
    ["Cancelled", "CANCELLED"],
    ["RUNNING", "RUNNING"],
    ["success", "SUCCESS"],
    [" failed ", "FAILURE"],
  ])("maps %j to %s", (raw, state) => {
    expect(OOS_RESOURCE_STATUS.lookup(raw)).toBe(state);
  });
});

describe("readOosExecution (the execution-wide rule)", () => {
  it.each<[string[], string, string | null]>([
    [[], "PENDING", null],
    [["Success"], "SUCCESS", "Success"],
    [["success", "Skipped"], "SUCCESS", "Success"],
    [["Skipped"], "SUCCESS", "Success"],
    [["Success", "Failed"], "FAILURE", "Failed"],
    [["Success", "Running", "Failed"], "FAILURE", "Running"],
    [["Cancelled", "Failed"], "FAILURE", "Cancelled"],
    [["Failed", "Cancelled"], "FAILURE", "Failed"],
    [["Success", "Cancelled", "Running"], "CANCELLED", "Cancelled"],
    [["Success", "Running"], "RUNNING", "Running"],
    [["Queued", "Running"], "RUNNING", "Queued"],
    [["Success", "Queued"], "PENDING", "Queued"],
    [["Started", "Waiting", "Pending"], "PENDING", "Started"],
  ])("reads %j as %s with rawStatus %j", (statuses, state, rawStatus) => {
    const reading = readOosExecution(statuses);
    expect(reading.state).toBe(state);
    expect(reading.rawStatus).toBe(rawStatus);
    expect(reading.note).toBeUndefined();
  });

  it("reads an unknown resource status as RUNNING with a note, never success", () => {
    const reading = readOosExecution(["Success", "Stopping"]);
    expect(reading).toEqual({ state: "RUNNING", rawStatus: "Stopping", note: expect.stringContaining('"Stopping"') });
  });
});

describe("parseOosPage and oosSnapshot", () => {
  it("reads the docs' example into the contract outputs", () => {
    const seedPage = parseOosPage(loadSeed("oos.json"), "exec-6be6d6ff805349d9ac13");
    expect(seedPage).toEqual({
      nextToken: "MTRBMDc0NjAtRUJFNy00N0NBLTk3NTctMTJDQzQ",
      resources: [{ resourceId: "i-bp1e1bxxxxxxxxxxxxxx", status: "Success", outputs: { commandOutput: "hello\n" }, executionTime: "2020-11-13T08:48:34Z" }],
    });
    expect(oosSnapshot(seedPage.resources)).toEqual({
      state: "SUCCESS",
      rawStatus: "Success",
      message: null,
      outputs: { counts: { Success: 1 } },
      steps: [],
      resources: seedPage.resources,
      progress: { done: 1, total: 1, unit: "resources" },
    });
  });

  it("keeps outputs that are not JSON as text", () => {
    const answer = { ResourceExecutionStatus: [{ ResourceId: "i-1", Status: "Failed", Outputs: "boom" }] };
    expect(parseOosPage(answer, "exec-1").resources[0]).toEqual({ resourceId: "i-1", status: "Failed", outputs: "boom", executionTime: null });
    expect(parseOosPage({ RequestId: "R" }, "exec-1")).toEqual({ resources: [], nextToken: null });
    expect(parseOosPage({ ResourceExecutionStatus: [], NextToken: "" }, "exec-1").nextToken).toBeNull();
  });

  it("counts statuses, progress and names failed resources", () => {
    const snapshot = oosSnapshot(parseOosPage(page(["Success", "Failed", "Running", "Skipped", "Failed", "Cancelled"]), "exec-1").resources);
    expect(snapshot).toMatchObject({
      state: "FAILURE",
      rawStatus: "Failed",
      message: "2 of 6 resources failed: i-1, i-4",
      outputs: { counts: { Success: 1, Failed: 2, Running: 1, Skipped: 1, Cancelled: 1 } },
      progress: { done: 5, total: 6, unit: "resources" },
    });
  });

  it("an item about another execution is not found (the grace period, then ERROR), naming the ID that came back", () => {
    const foreign = { ResourceExecutionStatus: [{ ResourceId: "i-1", Status: "Success", ExecutionId: "exec-2" }] };
    expect(() => parseOosPage(foreign, "exec-1")).toThrow(expect.objectContaining({ kind: "notFound", code: "OperationMismatch", message: expect.stringContaining('OOS execution "exec-2", not "exec-1"') }));
  });

  it("throws a transient error for a malformed page", () => {
    expect(() => parseOosPage({ ResourceExecutionStatus: "x" }, "exec-1")).toThrow(expect.objectContaining({ kind: "transient" }));
    expect(() => parseOosPage({ ResourceExecutionStatus: [null] }, "exec-1")).toThrow(expect.objectContaining({ kind: "transient" }));
  });
});

describe("oos provider", () => {
  it("declares its fields and region", () => {
    expect(oos.fields.map((f) => [f.name, f.flag, f.required, f.identifying])).toEqual([["executionId", "--execution-id", true, true]]);
    expect(oos.region).toEqual({ env: ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"] });
    expect(() => paramsFor(oos, { executionId: "exec-1" })).toThrow(/region/);
    expect(readParams(oos, { executionId: "exec-1" }, { ALICLOUD_REGION: "cn-beijing" }).region).toBe("cn-beijing");
    expect(oos.defaultEndpoint("cn-hangzhou")).toBe("https://oos.cn-hangzhou.aliyuncs.com");
    expect(oos.operationIdOf(PARAMS())).toBe("exec-1");
  });

  it("reads all three pages on one poll and decides on the whole set", async () => {
    const pages = [page(["Success", "Success"], "t1", "a-"), page(["Success"], "t2", "b-"), page(["Failed"], "", "c-")];
    const api = fakeApi((_, i) => pages[i]);
    const snapshot = await oos.poll(PARAMS(), api, NEVER);
    expect(api.requests.map((r) => (r as Extract<ApiRequest, { style: "rpc" }>).params)).toEqual([
      { RegionId: "cn-hangzhou", ExecutionId: "exec-1", MaxResults: "100" },
      { RegionId: "cn-hangzhou", ExecutionId: "exec-1", MaxResults: "100", NextToken: "t1" },
      { RegionId: "cn-hangzhou", ExecutionId: "exec-1", MaxResults: "100", NextToken: "t2" },
    ]);
    expect(api.requests[0]).toMatchObject({ style: "rpc", action: "ListResourceExecutionStatus", version: "2019-06-01" });
    expect(snapshot.state).toBe("FAILURE");
    expect(snapshot.resources.map((r) => r.resourceId)).toEqual(["a-0", "a-1", "b-0", "c-0"]);
    expect(snapshot.progress).toEqual({ done: 4, total: 4, unit: "resources" });
  });

  it("is not SUCCESS when only the first page is all Success", async () => {
    const pages = [page(["Success"], "t1"), page(["Running"])];
    expect((await oos.poll(PARAMS(), fakeApi((_, i) => pages[i]), NEVER)).state).toBe("RUNNING");
  });

  it("stops on a token loop with a PaginationLoop error", async () => {
    const api = fakeApi((_, i) => page(["Success"], i % 2 === 0 ? "A" : "B"));
    await expect(oos.poll(PARAMS(), api, NEVER)).rejects.toMatchObject({ kind: "transient", code: "PaginationLoop" });
    expect(api.requests).toHaveLength(3);
    await expect(oos.poll(PARAMS(), fakeApi(() => page([], "same")), NEVER)).rejects.toBeInstanceOf(ApiError);
  });

  it("refuses a page with more resources than MaxResults asked for (permanent PageTooLarge)", async () => {
    const api = fakeApi(() => page(Array.from({ length: 101 }, () => "Success")));
    await expect(oos.poll(PARAMS(), api, NEVER)).rejects.toMatchObject({
      kind: "permanent",
      code: "PageTooLarge",
      message: "unexpected API answer: OOS page 1 lists 101 resources where MaxResults=100 asked for at most 100",
    });
  });

  it("reads at most MAX_PAGES pages of fresh tokens, then ends with a permanent PollTooLarge (not an endless retry)", async () => {
    const api = fakeApi((_, i) => page(["Running"], `t${i}`));
    await expect(oos.poll(PARAMS(), api, NEVER)).rejects.toMatchObject({ kind: "permanent", code: "PollTooLarge", message: expect.stringContaining(`more than ${MAX_PAGES} pages`) });
    expect(api.requests).toHaveLength(MAX_PAGES);
  });

  it("gives every page request one byte budget of MAX_POLL_BYTES, and stops before the next page once aborted", async () => {
    const budgets: unknown[] = [];
    const controller = new AbortController();
    const reason = new Error("deadline reached");
    const api: ApiCaller = {
      async call(_request, _signal, budget) {
        budgets.push(budget);
        if (budgets.length === 2) controller.abort(reason);
        return page(["Running"], `t${budgets.length}`);
      },
    };
    await expect(oos.poll(PARAMS(), api, controller.signal)).rejects.toBe(reason);
    expect(budgets).toHaveLength(2);
    expect(budgets[0]).toBeInstanceOf(ReadBudget);
    expect(budgets[1]).toBe(budgets[0]);
    expect((budgets[0] as ReadBudget).maxBytes).toBe(MAX_POLL_BYTES);
  });

  it("passes the signal to every page request", async () => {
    const signals: AbortSignal[] = [];
    const controller = new AbortController();
    const pages = [page(["Success"], "t1"), page(["Success"])];
    await oos.poll(PARAMS(), { call: async (_, signal) => (signals.push(signal), pages[signals.length - 1]) }, controller.signal);
    expect(signals).toEqual([controller.signal, controller.signal]);
  });

  it("treats EntityNotExists.* as not found", () => {
    expect(oos.isNotFound("EntityNotExists.Execution", 404)).toBe(true);
    expect(oos.isNotFound("InvalidAccessKeyId.NotFound", 404)).toBe(false);
  });
});

describe("oos emulator", () => {
  const emulator = oosEmulator;
  const op: EmulatedOperation = { service: "oos", id: "exec-abc", attributes: {} };
  const request = (extra: Record<string, string> = {}): EmulatorRequest => ({
    params: { RegionId: "cn-hangzhou", ExecutionId: "exec-abc", ...extra },
    pathParams: {},
  });

  /** Every resource of the frame, read the way the provider reads them, through the emulator's pages. */
  async function pollEmulator(frame: Record<string, unknown>, target: EmulatedOperation = op) {
    const api = fakeApi((req) => {
      const params = (req as Extract<ApiRequest, { style: "rpc" }>).params;
      const answer = emulator.render(target, frame, { params, pathParams: {} });
      if (answer.status !== 200) throw new Error(`status ${answer.status}`);
      return overWire(answer);
    });
    const snapshot = await oos.poll(paramsFor(oos, { region: "cn-hangzhou", executionId: target.id }), api, NEVER);
    return { snapshot, pages: api.requests.length };
  }

  it("routes ListResourceExecutionStatus 2019-06-01 and checks required parameters", () => {
    expect(emulator.route).toEqual({ cloud: "alibaba", action: "ListResourceExecutionStatus", version: "2019-06-01" });
    expect(emulator.operationIdOf(request())).toBe("exec-abc");
    expect(emulator.operationIdOf({ params: { ExecutionId: "exec-abc" }, pathParams: {} })).toMatchObject({ status: 400, body: { Code: "MissingParameter" } });
    expect(emulator.operationIdOf({ params: { RegionId: "cn-hangzhou" }, pathParams: {} })).toMatchObject({ status: 400, body: { Code: "MissingParameter", Message: expect.stringContaining("ExecutionId") } });
    expect(emulator.operationIdOf(request({ MaxResults: "500" }))).toMatchObject({ status: 400, body: { Code: "InvalidParameter" } });
  });

  it("renders the docs' answer shape", () => {
    const body = emulator.render(op, { resources: [{ resourceId: "i-a", status: "Success" }, { resourceId: "i-b", status: "Running" }] }, request({ MaxResults: "10" })).body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["RequestId", "MaxResults", "ResourceExecutionStatus"]);
    expect(body.MaxResults).toBe(10);
    const items = body.ResourceExecutionStatus as Record<string, unknown>[];
    const docs = loadSeed("oos.json") as { ResourceExecutionStatus: Record<string, unknown>[] };
    expect(Object.keys(items[0])).toEqual(Object.keys(docs.ResourceExecutionStatus[0]));
    expect(items[0]).toEqual({ ...docs.ResourceExecutionStatus[0], ResourceId: "i-a", ExecutionId: "exec-abc" });
    expect(items[1]).toMatchObject({ Status: "Running", Outputs: "{}", ResourceId: "i-b" });
  });

  it("pages 250 resources by MaxResults with opaque tokens, read whole by the provider", async () => {
    const first = emulator.render(op, { count: 250, status: "Running" }, request({ MaxResults: "100" })).body as Record<string, unknown>;
    expect((first.ResourceExecutionStatus as unknown[]).length).toBe(100);
    expect(typeof first.NextToken).toBe("string");
    expect(first.NextToken).not.toMatch(/100/);
    const { snapshot, pages } = await pollEmulator({ count: 250, status: "Running" });
    expect(pages).toBe(3);
    expect(snapshot.resources).toHaveLength(250);
    expect(new Set(snapshot.resources.map((r) => r.resourceId)).size).toBe(250);
    expect(snapshot).toMatchObject({ state: "RUNNING", rawStatus: "Running", progress: { done: 0, total: 250 } });
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, "PENDING"],
    [{ status: "Queued" }, "PENDING"],
    [{ status: "Running" }, "RUNNING"],
    [{ count: 120, status: "Success" }, "SUCCESS"],
    [{ resources: [{ status: "Success" }, { status: "Skipped" }] }, "SUCCESS"],
    [{ resources: [{ status: "Success" }, { status: "Failed" }] }, "FAILURE"],
    [{ resources: [{ status: "Cancelled" }, { status: "Success" }] }, "CANCELLED"],
    [{ resources: [{ status: "Cancelled" }, { status: "Failed" }] }, "FAILURE"],
  ])("round-trips %j to %s", async (frame, state) => {
    expect((await pollEmulator(frame)).snapshot.state).toBe(state);
  });

  it("renders outputs from the frame, parsed back as JSON", async () => {
    const { snapshot } = await pollEmulator({ resources: [{ resourceId: "i-a", status: "Success", outputs: { n: 1 } }, { status: "Failed", outputs: "plain" }] });
    expect(snapshot.resources).toEqual([
      { resourceId: "i-a", status: "Success", outputs: { n: 1 }, executionTime: "2020-11-13T08:48:34Z" },
      { resourceId: "i-opgate00000000000002", status: "Failed", outputs: "plain", executionTime: "2020-11-13T08:48:34Z" },
    ]);
  });

  it("answers 400 for a forged token and 404 EntityNotExists.Execution for an unknown ID or region", () => {
    expect(emulator.render(op, { count: 20, status: "Running" }, request({ NextToken: "bogus" }))).toMatchObject({ status: 400, body: { Code: "InvalidParameter" } });
    const other = emulator.render({ ...op, id: "exec-other" }, { count: 20, status: "Running" }, request({ MaxResults: "10" })).body as { NextToken: string };
    expect(emulator.render(op, { count: 20, status: "Running" }, request({ NextToken: other.NextToken })).status).toBe(400);
    expect(emulator.unknown(request())).toMatchObject({ status: 404, body: { Code: "EntityNotExists.Execution", Message: "The specified execution does not exist." } });
    expect(emulator.render({ ...op, attributes: { region: "cn-beijing" } }, { status: "Running" }, request())).toMatchObject({ status: 404 });
  });

  it("refuses malformed frames", () => {
    expect(() => emulator.render(op, { resources: [{ resourceId: "i-a" }] }, request())).toThrow(InputError);
    expect(() => emulator.render(op, { resources: "x" }, request())).toThrow(/resources/);
    expect(() => emulator.render(op, { count: -1, status: "Running" }, request())).toThrow(/count/);
  });
});

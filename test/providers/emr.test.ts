import { ApiError } from "../../src/core/errors";
import { parse, parseNumberAndBigInt } from "lossless-json";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/core/errors";
import { emr } from "../../providers/emr";
import { emrEmulator } from "../../providers/emr/emulator";
import { HUMAN_PROCESSING_NOTE, parseEmrAnswer, readEmrState } from "../../providers/emr/parse";
import type { EmulatedOperation, EmulatorRequest } from "../../providers/types";
import { fakeApi, loadSeed, NEVER, overWire, paramsFor } from "./helpers";

const REASON = {
  code: "OutOfStock",
  message: "The requested resource is sold out in the specified zone, try other types of resources or other regions and zones.",
};

/** The seed answer with `Operation` fields replaced. */
function seedWith(fields: Record<string, unknown>): unknown {
  const seed = loadSeed("emr.json") as Record<string, Record<string, unknown>>;
  return { ...seed, Operation: { ...seed.Operation, ...fields } };
}

describe("emr status", () => {
  it.each([
    ["IN_PROGRESS", "RUNNING"],
    ["COMPLETED", "SUCCESS"],
    ["FAILED", "FAILURE"],
    ["TERMINATED", "FAILURE"],
    ["in_progress", "RUNNING"],
    ["Completed", "SUCCESS"],
    ["failed\n", "FAILURE"],
    ["terminated", "FAILURE"],
  ])("maps %j to %s", (raw, state) => {
    expect(readEmrState(raw, false)).toEqual({ state });
    expect(readEmrState(raw, true)).toEqual({ state });
  });

  it("keeps waiting on HUMAN_PROCESSING and says a person must act", () => {
    for (const raw of ["HUMAN_PROCESSING", "human_processing"]) {
      expect(readEmrState(raw, false)).toEqual({ state: "RUNNING", note: HUMAN_PROCESSING_NOTE });
    }
    expect(HUMAN_PROCESSING_NOTE).toMatch(/someone must act/);
  });

  it("counts PARTIAL_COMPLETED as success only with allowPartial", () => {
    expect(readEmrState("PARTIAL_COMPLETED", true).state).toBe("SUCCESS");
    expect(readEmrState("partial_completed", false).state).toBe("FAILURE");
    expect(readEmrState("PARTIAL_COMPLETED", false).note).toMatch(/--allow-partial/);
  });

  it("reads an unknown state as RUNNING with a note", () => {
    expect(readEmrState("PAUSED", true)).toEqual({ state: "RUNNING", note: expect.stringContaining('"PAUSED"') });
    expect(readEmrState(null, true).state).toBe("RUNNING");
  });
});

/** The operation the docs' example answers about. */
const SEED_OPERATION = "op-13c37a77c505****";

describe("parseEmrAnswer", () => {
  it("reads the docs' example into the contract outputs", () => {
    expect(parseEmrAnswer(loadSeed("emr.json"), SEED_OPERATION, false)).toEqual({
      state: "SUCCESS",
      rawStatus: "COMPLETED",
      message: REASON.message,
      outputs: {
        operationType: "CREATE_CLUSTER",
        clusterId: "c-b933c5aac8fe****",
        description: "start",
        createTime: 1628589439114,
        startTime: 1628589439114,
        endTime: 1628589439114,
        stateChangeReason: REASON,
      },
      steps: [],
      resources: [],
    });
  });

  it("reads times that arrive as bigints as epoch ms numbers", () => {
    const text = readFileSync(join(__dirname, "fixtures", "emr.json"), "utf8");
    const snapshot = parseEmrAnswer(parse(text, null, parseNumberAndBigInt), SEED_OPERATION, false);
    expect(snapshot.outputs).toMatchObject({ createTime: 1628589439114, startTime: 1628589439114, endTime: 1628589439114 });
  });

  it("gives null for absent times and reason", () => {
    const snapshot = parseEmrAnswer(seedWith({ OperationState: "IN_PROGRESS", EndTime: undefined, StateChangeReason: null }), SEED_OPERATION, false);
    expect(snapshot).toMatchObject({ state: "RUNNING", message: null, outputs: { endTime: null, stateChangeReason: null } });
  });

  it("explains a refused partial completion when EMR gives no reason", () => {
    const partial = seedWith({ OperationState: "PARTIAL_COMPLETED", StateChangeReason: undefined });
    expect(parseEmrAnswer(partial, SEED_OPERATION, false)).toMatchObject({ state: "FAILURE", rawStatus: "PARTIAL_COMPLETED", message: expect.stringMatching(/allow-partial/) });
    expect(parseEmrAnswer(partial, SEED_OPERATION, true)).toMatchObject({ state: "SUCCESS", message: null });
  });

  it("notes HUMAN_PROCESSING in the snapshot", () => {
    expect(parseEmrAnswer(seedWith({ OperationState: "HUMAN_PROCESSING" }), SEED_OPERATION, false)).toMatchObject({ state: "RUNNING", note: HUMAN_PROCESSING_NOTE });
  });

  it("an answer about another operation is not found (the grace period, then ERROR), naming the ID that came back; one without the echo is fine", () => {
    expect(() => parseEmrAnswer(loadSeed("emr.json"), "op-1", false)).toThrow(
      new ApiError({ kind: "notFound", code: "OperationMismatch", message: 'the answer is about EMR operation "op-13c37a77c505****", not "op-1" (a proxy or cache mixing up answers?)' }),
    );
    expect(parseEmrAnswer(seedWith({ OperationId: undefined }), "op-1", false).state).toBe("SUCCESS");
    expect(parseEmrAnswer(seedWith({ OperationId: ` ${SEED_OPERATION} ` }), SEED_OPERATION, false).state).toBe("SUCCESS");
  });

  it("throws a transient error for an answer without Operation", () => {
    expect(() => parseEmrAnswer({ RequestId: "x" }, SEED_OPERATION, false)).toThrow(expect.objectContaining({ kind: "transient", code: "UnexpectedResponse" }));
  });
});

describe("emr provider", () => {
  const input = { region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1" };

  it("declares its fields and region", () => {
    expect(emr.fields.map((f) => [f.name, f.flag, f.kind, f.required, f.identifying])).toEqual([
      ["clusterId", "--cluster-id", "string", true, true],
      ["operationId", "--operation-id", "string", true, true],
      ["allowPartial", "--allow-partial", "boolean", false, false],
    ]);
    expect(emr.region).toEqual({ env: ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"] });
    expect(() => paramsFor(emr, { clusterId: "c-1", operationId: "op-1" })).toThrow(/region/);
    expect(emr.defaultEndpoint("cn-shanghai")).toBe("https://emr.cn-shanghai.aliyuncs.com");
    expect(emr.operationIdOf(paramsFor(emr, input))).toBe("op-1");
  });

  it("polls GetOperation with RegionId, ClusterId, OperationId and applies allowPartial", async () => {
    const api = fakeApi(() => seedWith({ OperationState: "PARTIAL_COMPLETED", OperationId: "op-1" }));
    expect((await emr.poll(paramsFor(emr, input), api, NEVER)).state).toBe("FAILURE");
    expect((await emr.poll(paramsFor(emr, { ...input, allowPartial: true }), api, NEVER)).state).toBe("SUCCESS");
    expect(api.requests[0]).toEqual({
      style: "rpc",
      action: "GetOperation",
      version: "2021-03-20",
      params: { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "op-1" },
    });
  });

  it("treats ResourceNotFound as not found, InvalidAccessKeyId.NotFound not", () => {
    expect(emr.isNotFound("ResourceNotFound", 404)).toBe(true);
    expect(emr.isNotFound("InvalidAccessKeyId.NotFound", 404)).toBe(false);
    expect(emr.isNotFound("InvalidParameter", 400)).toBe(false);
  });
});

describe("emr emulator", () => {
  const emulator = emrEmulator;
  const op: EmulatedOperation = { service: "emr", id: "op-abc", attributes: { clusterId: "c-1" } };
  const req: EmulatorRequest = { params: { RegionId: "cn-hangzhou", ClusterId: "c-1", OperationId: "op-abc" }, pathParams: {} };

  it("routes GetOperation 2021-03-20 and asks for every required parameter", () => {
    expect(emulator.route).toEqual({ cloud: "alibaba", action: "GetOperation", version: "2021-03-20" });
    expect(emulator.operationIdOf(req)).toBe("op-abc");
    for (const name of ["RegionId", "ClusterId", "OperationId"]) {
      const params = { ...req.params, [name]: "" };
      const answer = emulator.operationIdOf({ params, pathParams: {} });
      expect(answer).toMatchObject({ status: 400, body: { Code: "MissingParameter", Message: expect.stringContaining(`"${name}"`), HostId: "emr.aliyuncs.com" } });
    }
  });

  it("renders the docs' answer shape", () => {
    const body = emulator.render(op, { state: "COMPLETED", stateChangeReason: REASON }, req).body as Record<string, Record<string, unknown>>;
    expect(Object.keys(body)).toEqual(["Operation", "RequestId"]);
    const docs = loadSeed("emr.json") as Record<string, Record<string, unknown>>;
    expect(Object.keys(body.Operation)).toEqual(Object.keys(docs.Operation));
    expect(body.Operation).toMatchObject({
      ClusterId: "c-1",
      OperationId: "op-abc",
      CreateTime: 1628589439114,
      StartTime: 1628589439114,
      EndTime: 1628589439114 + 600_000,
      OperationType: "CREATE_CLUSTER",
      OperationState: "COMPLETED",
      Description: "Create cluster",
      StateChangeReason: { Code: REASON.code, Message: REASON.message },
    });
  });

  it.each([
    ["IN_PROGRESS", false, "RUNNING"],
    ["HUMAN_PROCESSING", false, "RUNNING"],
    ["COMPLETED", false, "SUCCESS"],
    ["PARTIAL_COMPLETED", false, "FAILURE"],
    ["PARTIAL_COMPLETED", true, "SUCCESS"],
    ["FAILED", false, "FAILURE"],
    ["TERMINATED", false, "FAILURE"],
  ])("round-trips a %s frame through parse (allowPartial %s)", (state, allowPartial, expected) => {
    const snapshot = parseEmrAnswer(overWire(emulator.render(op, { state }, req)), op.id, allowPartial);
    expect(snapshot.state).toBe(expected);
    expect(snapshot.rawStatus).toBe(state);
    expect(snapshot.outputs.clusterId).toBe("c-1");
  });

  it("leaves EndTime out while running and takes times and texts from the frame", () => {
    const running = emulator.render(op, { status: "IN_PROGRESS" }, req).body as { Operation: Record<string, unknown> };
    expect(running.Operation).not.toHaveProperty("EndTime");
    expect(running.Operation).not.toHaveProperty("StateChangeReason");
    const snapshot = parseEmrAnswer(
      overWire(emulator.render(op, { state: "FAILED", createTime: 1000, endTime: 5000, operationType: "SCALE_OUT", description: "grow", stateChangeReason: { code: "X", message: "broke" } }, req)),
      op.id,
      false,
    );
    expect(snapshot).toMatchObject({
      message: "broke",
      outputs: { createTime: 1000, startTime: 1000, endTime: 5000, operationType: "SCALE_OUT", description: "grow", stateChangeReason: { code: "X", message: "broke" } },
    });
  });

  it("answers 404 ResourceNotFound for an unknown ID, another cluster or another region", () => {
    const unknown = emulator.unknown(req);
    expect(unknown).toMatchObject({ status: 404, body: { Code: "ResourceNotFound" } });
    expect(Object.keys(unknown.body as object)).toEqual(["RequestId", "HostId", "Code", "Message", "Recommend"]);
    expect(emulator.render(op, { state: "COMPLETED" }, { ...req, params: { ...req.params, ClusterId: "c-2" } }).status).toBe(404);
    const regional: EmulatedOperation = { ...op, attributes: { clusterId: "c-1", region: "cn-beijing" } };
    expect(emulator.render(regional, { state: "COMPLETED" }, req).status).toBe(404);
    expect(emulator.render({ ...op, attributes: {} }, { state: "COMPLETED" }, { ...req, params: { ...req.params, ClusterId: "c-9" } }).status).toBe(200);
  });

  it("refuses a frame without a state or with a wrong type", () => {
    expect(() => emulator.render(op, {}, req)).toThrow(InputError);
    expect(() => emulator.render(op, { state: "FAILED", createTime: "soon" }, req)).toThrow(/createTime/);
    expect(() => emulator.render(op, { state: "FAILED", stateChangeReason: "oops" }, req)).toThrow(/stateChangeReason/);
  });
});

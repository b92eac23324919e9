import { toJson } from "../../src/core/values";
import { ApiError, InputError } from "../../src/core/errors";
import { bpstudio } from "../../providers/bpstudio";
import { bpstudioEmulator } from "../../providers/bpstudio/emulator";
import { BPSTUDIO_STATUS, parseBpStudioAnswer } from "../../providers/bpstudio/parse";
import type { EmulatedOperation, EmulatorRequest } from "../../providers/types";
import { fakeApi, loadSeed, NEVER, overWire, paramsFor } from "./helpers";

const TAG_MAP = { cadt: ["12xxxxxxx", "34xxxxxxx"] };

/** The seed answer about `op_1`, with `Data` fields replaced. */
function seedWith(data: Record<string, unknown>): Record<string, unknown> {
  const seed = loadSeed("bpstudio-en.json") as Record<string, Record<string, unknown>>;
  return { ...seed, Data: { ...seed.Data, OperationId: "op_1", ...data } };
}

describe("bpstudio status", () => {
  it.each([
    ["INIT", "PENDING"],
    ["RUNNING", "RUNNING"],
    ["SUCCESS", "SUCCESS"],
    ["FAILURE", "FAILURE"],
    ["init", "PENDING"],
    ["Running", "RUNNING"],
    ["success", "SUCCESS"],
    [" failure\n", "FAILURE"],
  ])("maps %j to %s without a note", (raw, state) => {
    expect(BPSTUDIO_STATUS.read(raw)).toEqual({ state });
  });

  it("reads an unknown status as RUNNING with a note, never success", () => {
    const reading = BPSTUDIO_STATUS.read("DONE");
    expect(reading.state).toBe("RUNNING");
    expect(reading.note).toContain('"DONE"');
  });

  it("reads a missing status as RUNNING with a note", () => {
    expect(BPSTUDIO_STATUS.read(null)).toEqual({ state: "RUNNING", note: "BPStudio answered without a status: still waiting" });
  });
});

describe("parseBpStudioAnswer", () => {
  it.each(["bpstudio-en.json", "bpstudio-zh.json"])("reads the docs' example %s into the contract outputs", (seed) => {
    const snapshot = parseBpStudioAnswer(loadSeed(seed), "op_xxxxxxxx");
    expect(snapshot.outputs.arguments).toEqual({ tagMap: TAG_MAP });
    expect(snapshot.outputs.tagMap).toEqual(TAG_MAP);
    const message = snapshot.outputs.message as Record<string, unknown>[];
    expect(Array.isArray(message)).toBe(true);
    expect(message).toHaveLength(1);
    expect(message[0]).toMatchObject({ listenerPort: 80, vServerGroupId: "rsp-xxxx", rules: [], aclIds: [] });
    // The docs' status is a list of values, not one: unknown, so still waiting.
    expect(snapshot.state).toBe("RUNNING");
    expect(snapshot.note).toMatch(/unknown BPStudio status/);
    // The top-level Message is a quoted blank: ignored.
    expect(snapshot.message).toBeNull();
    expect(snapshot.steps).toEqual([]);
    expect(snapshot.resources).toEqual([]);
  });

  it("trims the raw status and keeps its case", () => {
    const snapshot = parseBpStudioAnswer(seedWith({ Status: "success\n" }), "op_1");
    expect(snapshot).toMatchObject({ state: "SUCCESS", rawStatus: "success", message: null });
    expect(snapshot.note).toBeUndefined();
  });

  it("gives Data.Message as text on FAILURE", () => {
    const snapshot = parseBpStudioAnswer(seedWith({ Status: "FAILURE" }), "op_1");
    expect(snapshot.state).toBe("FAILURE");
    expect(snapshot.message).toMatch(/^\[\{"vServerGroupId":"rsp-xxxx",/);
    expect(JSON.parse(snapshot.message!)).toEqual(snapshot.outputs.message);
  });

  it("gives a plain failure message verbatim and keeps it as the message output", () => {
    const snapshot = parseBpStudioAnswer(seedWith({ Status: "FAILURE", Message: "quota exceeded" }), "op_1");
    expect(snapshot.message).toBe("quota exceeded");
    expect(snapshot.outputs.message).toBe("quota exceeded");
  });

  it("falls back to a non-blank top-level Message", () => {
    const answer = { ...seedWith({ Status: "FAILURE", Message: "" }), Message: "stack rolled back" };
    expect(parseBpStudioAnswer(answer, "op_1").message).toBe("stack rolled back");
    expect(parseBpStudioAnswer({ ...answer, Data: { Status: "RUNNING" } }, "op_1").message).toBe("stack rolled back");
  });

  it("decodes the docs' quote-wrapped message to the array and keeps other quoted text", () => {
    const docs = (loadSeed("bpstudio-en.json") as { Data: { Message: string } }).Data.Message;
    expect(docs.startsWith('"[{"vServerGroupId"')).toBe(true);
    expect(parseBpStudioAnswer(seedWith({ Message: '"say "hi" now"' }), "op_1").outputs.message).toBe('"say "hi" now"');
    expect(parseBpStudioAnswer(seedWith({ Message: '"[{"a": oops}]"' }), "op_1").outputs.message).toBe('"[{"a": oops}]"');
    expect(parseBpStudioAnswer(seedWith({ Message: '"plain words"' }), "op_1").outputs.message).toBe("plain words");
  });

  it("decodes a message encoded three times", () => {
    const text = JSON.stringify(JSON.stringify(JSON.stringify({ a: 1 })));
    expect(parseBpStudioAnswer(seedWith({ Message: text }), "op_1").outputs.message).toEqual({ a: 1 });
  });

  it("keeps non-JSON and scalar-looking arguments as text, and absent ones as null", () => {
    expect(parseBpStudioAnswer(seedWith({ Arguments: "not json" }), "op_1").outputs).toMatchObject({ arguments: "not json", tagMap: null });
    expect(parseBpStudioAnswer(seedWith({ Arguments: "12345" }), "op_1").outputs.arguments).toBe("12345");
    expect(parseBpStudioAnswer(seedWith({ Arguments: "{broken" }), "op_1").outputs.arguments).toBe("{broken");
    expect(parseBpStudioAnswer(seedWith({ Arguments: undefined, Message: undefined }), "op_1").outputs).toEqual({
      arguments: null,
      tagMap: null,
      message: null,
    });
    expect(parseBpStudioAnswer(seedWith({ Arguments: '{"other":1}' }), "op_1").outputs.tagMap).toBeNull();
  });

  it("throws notFound when the answer has no Data (unknown or expired ID)", () => {
    const answer = { Message: "", RequestId: "R", Code: "200" };
    expect(() => parseBpStudioAnswer(answer, "op_gone")).toThrow(
      new ApiError({
        kind: "notFound",
        code: "OperationNotFound",
        message: "BPStudio does not know operation op_gone: the ID is unknown or expired (IDs expire after one hour)",
      }),
    );
    try {
      parseBpStudioAnswer({ ...answer, Data: null }, "op_gone");
      throw new Error("no error");
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).kind).toBe("notFound");
      expect((err as ApiError).code).toBe("OperationNotFound");
    }
  });

  it("an answer about another operation is not found (the grace period, then ERROR), naming the ID that came back", () => {
    expect(() => parseBpStudioAnswer(seedWith({ OperationId: "op_2", Status: "SUCCESS" }), "op_1")).toThrow(
      expect.objectContaining({ kind: "notFound", code: "OperationMismatch", message: 'the answer is about BPStudio operation "op_2", not "op_1" (a proxy or cache mixing up answers?)' }),
    );
    expect(parseBpStudioAnswer(seedWith({ OperationId: undefined, Status: "SUCCESS" }), "op_1").state).toBe("SUCCESS");
  });

  it("keeps the numbers of Arguments and Message exactly, as the answer's own (a double holds neither)", () => {
    const snapshot = parseBpStudioAnswer(seedWith({ Arguments: '{"id":12345678901234567891,"big":1e400}', Message: '"[{"n":12345678901234567891}]"' }), "op_1");
    expect(toJson(snapshot.outputs)).toBe('{"arguments":{"id":12345678901234567891,"big":1e400},"tagMap":null,"message":[{"n":12345678901234567891}]}');
  });

  it("throws a transient error for an answer that is not an object", () => {
    for (const answer of ["<html>", null, [1]]) {
      try {
        parseBpStudioAnswer(answer, "op_1");
        throw new Error("no error");
      } catch (err) {
        expect(err).toMatchObject({ kind: "transient", code: "UnexpectedResponse" });
      }
    }
  });
});

describe("bpstudio provider", () => {
  it("declares its fields and region", () => {
    expect(bpstudio.fields.map((f) => [f.name, f.flag, f.required, f.identifying])).toEqual([
      ["operationId", "--operation-id", true, true],
      ["resourceGroupId", "--resource-group-id", false, true],
    ]);
    expect(bpstudio.region).toEqual({ env: ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"], default: "cn-hangzhou" });
    expect(paramsFor(bpstudio, { operationId: "op_1" })).toEqual({ region: "cn-hangzhou", operationId: "op_1", resourceGroupId: undefined });
    expect(bpstudio.operationIdOf(paramsFor(bpstudio, { operationId: "op_1" }))).toBe("op_1");
  });

  it("builds the endpoint from the region and refuses a region that is not one", () => {
    expect(bpstudio.defaultEndpoint("cn-hangzhou")).toBe("https://bpstudio.cn-hangzhou.aliyuncs.com");
    expect(() => bpstudio.defaultEndpoint("evil.example#")).toThrow(InputError);
  });

  it("polls GetExecuteOperationResult with OperationId and ResourceGroupId", async () => {
    const api = fakeApi(() => seedWith({}));
    await bpstudio.poll(paramsFor(bpstudio, { operationId: "op_1" }), api, NEVER);
    const snapshot = await bpstudio.poll(paramsFor(bpstudio, { operationId: "op_1", resourceGroupId: "rg-1" }), api, NEVER);
    expect(api.requests).toEqual([
      { style: "rpc", action: "GetExecuteOperationResult", version: "2021-09-31", params: { OperationId: "op_1" } },
      { style: "rpc", action: "GetExecuteOperationResult", version: "2021-09-31", params: { OperationId: "op_1", ResourceGroupId: "rg-1" } },
    ]);
    expect(snapshot.outputs.tagMap).toEqual(TAG_MAP);
  });

  it("treats EntityNotExists.* and ResourceNotFound as not found, other 404s not", () => {
    expect(bpstudio.isNotFound("EntityNotExists.Operation", 404)).toBe(true);
    expect(bpstudio.isNotFound("ResourceNotFound", 404)).toBe(true);
    expect(bpstudio.isNotFound("InvalidAccessKeyId.NotFound", 404)).toBe(false);
    expect(bpstudio.isNotFound("EntityNotExistsLike", 404)).toBe(false);
  });
});

describe("bpstudio emulator", () => {
  const emulator = bpstudioEmulator;
  const op: EmulatedOperation = { service: "bpstudio", id: "op_abc", attributes: {} };
  const req: EmulatorRequest = { params: { OperationId: "op_abc" }, pathParams: {} };

  it("routes GetExecuteOperationResult 2021-09-31", () => {
    expect(emulator.route).toEqual({ cloud: "alibaba", action: "GetExecuteOperationResult", version: "2021-09-31" });
  });

  it("answers MissingParameter without OperationId", () => {
    expect(emulator.operationIdOf(req)).toBe("op_abc");
    const answer = emulator.operationIdOf({ params: {}, pathParams: {} });
    expect(answer).toMatchObject({ status: 400, body: { Code: "MissingParameter", HostId: "bpstudio.aliyuncs.com" } });
    const body = (answer as { body: Record<string, string> }).body;
    expect(Object.keys(body)).toEqual(["RequestId", "HostId", "Code", "Message", "Recommend"]);
    expect(body.Message).toContain('"OperationId"');
    expect(body.Recommend).toContain(body.RequestId);
  });

  it("renders the docs' answer shape", () => {
    const answer = emulator.render(op, { status: "SUCCESS" }, req);
    expect(answer.status).toBe(200);
    const body = answer.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["Message", "RequestId", "Data", "Code"]);
    expect(body.Code).toBe("200");
    expect(body.Message).toBe('" "');
    const data = body.Data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(["OperationId", "Status", "Message", "Arguments"]);
    expect(data).toMatchObject({ OperationId: "op_abc", Status: "SUCCESS" });
    expect(typeof data.Message).toBe("string");
    expect(data.Message as string).toMatch(/^"\[\{"vServerGroupId":"rsp-xxxx",/);
    expect(JSON.parse(data.Arguments as string)).toEqual({ tagMap: TAG_MAP });
    const docs = loadSeed("bpstudio-en.json") as { Data: Record<string, string> };
    expect(data.Message).toBe(docs.Data.Message);
  });

  it.each([
    ["INIT", "PENDING"],
    ["RUNNING", "RUNNING"],
    ["SUCCESS", "SUCCESS"],
    ["FAILURE", "FAILURE"],
    ["running", "RUNNING"],
    ["PAUSED", "RUNNING"],
  ])("round-trips a %s frame through parse", (status, state) => {
    const snapshot = parseBpStudioAnswer(overWire(emulator.render(op, { status }, req)), "op_abc");
    expect(snapshot.state).toBe(state);
    expect(snapshot.rawStatus).toBe(status);
    // The docs' arguments (and their tagMap) are a default of a SUCCESS frame only.
    expect(snapshot.outputs.tagMap).toEqual(state === "SUCCESS" ? TAG_MAP : null);
  });

  it("renders frame message and arguments", () => {
    const failed = emulator.render(op, { status: "FAILURE", message: "disk full", arguments: null }, req);
    const snapshot = parseBpStudioAnswer(overWire(failed), "op_abc");
    expect(snapshot).toMatchObject({ state: "FAILURE", message: "disk full", outputs: { arguments: null, tagMap: null, message: "disk full" } });
    expect(Object.keys((failed.body as { Data: object }).Data)).not.toContain("Arguments");

    const custom = emulator.render(op, { status: "SUCCESS", message: [{ listenerPort: 443 }], arguments: { tagMap: { a: ["1"] } } }, req);
    expect(parseBpStudioAnswer(overWire(custom), "op_abc").outputs).toEqual({
      arguments: { tagMap: { a: ["1"] } },
      tagMap: { a: ["1"] },
      message: [{ listenerPort: 443 }],
    });
  });

  it("answers without Data for an unknown ID and for another resource group", () => {
    const unknown = emulator.unknown(req);
    expect(unknown.status).toBe(200);
    expect(unknown.body).not.toHaveProperty("Data");
    expect(unknown.body).toMatchObject({ Code: "200" });
    expect(() => parseBpStudioAnswer(overWire(unknown), "op_abc")).toThrow(/unknown or expired/);

    const scoped: EmulatedOperation = { ...op, attributes: { resourceGroupId: "rg-1" } };
    expect(emulator.render(scoped, { status: "RUNNING" }, { params: { OperationId: "op_abc", ResourceGroupId: "rg-2" }, pathParams: {} }).body).not.toHaveProperty("Data");
    expect(emulator.render(scoped, { status: "RUNNING" }, { params: { OperationId: "op_abc", ResourceGroupId: "rg-1" }, pathParams: {} }).body).toHaveProperty("Data");
    expect(emulator.render(scoped, { status: "RUNNING" }, req).body).toHaveProperty("Data");
  });

  it("refuses a frame without a status", () => {
    expect(() => emulator.render(op, {}, req)).toThrow(InputError);
    expect(() => emulator.render(op, { status: 3 }, req)).toThrow(/must be a string/);
  });
});

import { stringify } from "lossless-json";
import { InputError } from "../../src/core/errors";
import { bcs } from "../../providers/bcs";
import { bcsEmulator } from "../../providers/bcs/emulator";
import { BCS_STATUS, parseBcsAnswer } from "../../providers/bcs/parse";
import { nanosToIso } from "../../providers/shared/api-answers";
import type { EmulatedOperation, EmulatorRequest, FieldSpec } from "../../providers/types";
import { fakeApi, loadSeed, NEVER, overWire, paramsFor } from "./helpers";

const OPERATION_ID = "BCSSVC01-99-1618218591906093855";
const PROJECT_ID = "051ddda57400d2982fccc014fab5749d";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The seed answer with its record changed by `edit`. */
function seedWith(edit: (record: Json) => void): Json {
  const seed = loadSeed("bcs.json") as Json;
  edit(seed.operation_records[0]);
  return seed;
}

describe("bcs status", () => {
  it.each([
    ["waiting", "PENDING"],
    ["processing", "RUNNING"],
    ["finished", "SUCCESS"],
    ["failed", "FAILURE"],
    ["stop", "CANCELLED"],
    ["WAITING", "PENDING"],
    ["Processing", "RUNNING"],
    ["FINISHED", "SUCCESS"],
    ["Failed ", "FAILURE"],
    ["STOP", "CANCELLED"],
  ])("maps %j to %s", (raw, state) => {
    expect(BCS_STATUS.read(raw)).toEqual({ state });
  });

  it("reads an unknown status as RUNNING with a note", () => {
    expect(BCS_STATUS.read("paused")).toEqual({ state: "RUNNING", note: expect.stringContaining('"paused"') });
  });
});

describe("nanosToIso", () => {
  it("converts the digits exactly and truncates to milliseconds", () => {
    expect(nanosToIso(1618219038464462600n)).toBe("2021-04-12T09:17:18.464Z");
    expect(nanosToIso("1618219038464462600")).toBe("2021-04-12T09:17:18.464Z");
    // A float parse rounds this one up to .465.
    expect(Number("1618219038464999999")).toBe(1618219038465000000);
    expect(nanosToIso("1618219038464999999")).toBe("2021-04-12T09:17:18.464Z");
    expect(nanosToIso(1_000_000)).toBe("1970-01-01T00:00:00.001Z");
  });

  it("gives null for 0, absent and non-integers", () => {
    for (const value of [0, 0n, "0", null, undefined, "", "12a", 1.5, -5, "99999999999999999999999999999"]) {
      expect(nanosToIso(value)).toBeNull();
    }
  });
});

describe("parseBcsAnswer", () => {
  it("reads the docs' example into the contract steps and outputs", () => {
    expect(parseBcsAnswer(loadSeed("bcs.json"), OPERATION_ID)).toEqual({
      state: "RUNNING",
      rawStatus: "processing",
      message: null,
      outputs: {
        blockchainId: "23604f57-eac9-3777-e9f5-ae87457f2338",
        blockchainName: "bcs-i3b0ms",
        resourceType: "BCSSVC01",
        operationType: "99",
        clusterInfo: { cluster_type: "cce", name: "asdfasf", cluster_id: "4df5652f-96dc-11eb-b49c-0255ac100b08", node_infos: null },
      },
      steps: [
        {
          name: "Preparation",
          status: "finished",
          detail: "",
          serialNum: 1,
          subSteps: [
            {
              name: "Generate basic configurations",
              status: "finished",
              detail: null,
              message: null,
              startTime: "2021-04-12T09:09:51.951Z",
              endTime: "2021-04-12T09:09:51.951Z",
              serialNum: 3,
            },
          ],
        },
        {
          name: "Create Other Dependent Resource",
          status: "processing",
          detail: "",
          serialNum: 2,
          subSteps: [
            { name: "Create EIP", status: "finished", detail: null, message: null, startTime: "2021-04-12T09:17:18.464Z", endTime: "2021-04-12T09:17:18.464Z", serialNum: 1 },
            { name: "Create network storage", status: "", detail: "waiting", message: null, startTime: null, endTime: null, serialNum: 2 },
          ],
        },
      ],
      resources: [],
      progress: { done: 1, total: 2, unit: "steps" },
    });
  });

  it("reads the seed times parsed as bigint and as digit strings alike", () => {
    const seed = loadSeed("bcs.json") as Json;
    expect(typeof seed.operation_records[0].operation_process["Create Other Dependent Resource"].sub_steps["Create EIP"].start_time).toBe("bigint");
    const asText = seedWith((record) => {
      const eip = record.operation_process["Create Other Dependent Resource"].sub_steps["Create EIP"];
      eip.start_time = "1618219038464462600";
      eip.end_time = "1618219038464462600";
    });
    const eip = parseBcsAnswer(asText, OPERATION_ID).steps[1].subSteps[0];
    expect([eip.startTime, eip.endTime]).toEqual(["2021-04-12T09:17:18.464Z", "2021-04-12T09:17:18.464Z"]);
  });

  it("orders sub-steps by serial number whatever the map order", () => {
    const swapped = seedWith((record) => {
      const step = record.operation_process["Create Other Dependent Resource"];
      step.sub_steps = { "Create network storage": step.sub_steps["Create network storage"], "Create EIP": step.sub_steps["Create EIP"] };
    });
    expect(parseBcsAnswer(swapped, OPERATION_ID).steps[1].subSteps.map((s) => s.name)).toEqual(["Create EIP", "Create network storage"]);
  });

  it("picks the record whose operation_id matches and throws notFound when none does", () => {
    const seed = loadSeed("bcs.json") as Json;
    const other = { ...seed.operation_records[0], operation_id: "other", operation_status: "failed" };
    const both = { count: 2, operation_records: [other, seed.operation_records[0]] };
    expect(parseBcsAnswer(both, OPERATION_ID).state).toBe("RUNNING");
    expect(() => parseBcsAnswer({ count: 1, operation_records: [other] }, OPERATION_ID)).toThrow(
      expect.objectContaining({ kind: "notFound", code: "OperationNotFound" }),
    );
    expect(() => parseBcsAnswer({ count: 0, operation_records: [] }, OPERATION_ID)).toThrow(expect.objectContaining({ kind: "notFound" }));
    expect(() => parseBcsAnswer({ count: 0, operation_records: null }, OPERATION_ID)).toThrow(expect.objectContaining({ kind: "notFound" }));
  });

  it("joins the record's message lines, else uses desc", () => {
    const failed = seedWith((record) => {
      record.operation_status = "failed";
      record.message = ["create EIP failed", "", "quota exceeded"];
    });
    expect(parseBcsAnswer(failed, OPERATION_ID)).toMatchObject({ state: "FAILURE", message: "create EIP failed; quota exceeded" });
    const described = seedWith((record) => (record.desc = "rolled back"));
    expect(parseBcsAnswer(described, OPERATION_ID).message).toBe("rolled back");
  });

  it("throws a transient error for a malformed answer", () => {
    expect(() => parseBcsAnswer("nope", OPERATION_ID)).toThrow(expect.objectContaining({ kind: "transient" }));
    expect(() => parseBcsAnswer({ operation_records: {} }, OPERATION_ID)).toThrow(expect.objectContaining({ kind: "transient" }));
  });
});

describe("bcs provider", () => {
  it("declares its fields and region", () => {
    expect(bcs.fields.map((f: FieldSpec) => [f.name, f.flag, f.required, f.identifying, f.env])).toEqual([
      ["projectId", "--project-id", true, true, ["HW_PROJECT_ID"]],
      ["operationId", "--operation-id", true, true, undefined],
      ["blockchainId", "--blockchain-id", false, true, undefined],
    ]);
    expect(bcs.cloud).toBe("huawei");
    expect(bcs.region).toEqual({ env: ["HW_REGION_NAME"] });
    expect(bcs.defaultEndpoint("cn-north-4")).toBe("https://bcs.cn-north-4.myhuaweicloud.com");
  });

  it("polls GET /v2/{project_id}/operation/record with the IDs in the query", async () => {
    const api = fakeApi(() => loadSeed("bcs.json"));
    const snapshot = await bcs.poll(paramsFor(bcs, { region: "cn-north-4", projectId: PROJECT_ID, operationId: OPERATION_ID }), api, NEVER);
    await expect(
      bcs.poll(paramsFor(bcs, { region: "cn-north-4", projectId: "p-1", operationId: "x", blockchainId: "chain-1" }), api, NEVER),
    ).rejects.toMatchObject({ kind: "notFound" });
    expect(api.requests).toEqual([
      { style: "rest", method: "GET", path: `/v2/${PROJECT_ID}/operation/record`, query: { operation_id: OPERATION_ID } },
      { style: "rest", method: "GET", path: "/v2/p-1/operation/record", query: { operation_id: "x", blockchain_id: "chain-1" } },
    ]);
    expect(snapshot.steps.map((s) => s.name)).toEqual(["Preparation", "Create Other Dependent Resource"]);
  });

  it.each(["a/b", "a?b", "a%2Fb", "a b", "..", "p'1"])("refuses project ID %p, which would reshape the request path", (projectId) => {
    expect(() => paramsFor(bcs, { region: "cn-north-4", projectId, operationId: "x" })).toThrow(/^projectId: is not valid: a project ID is letters/);
  });

  it("treats EntityNotExists.* and ResourceNotFound as not found but never BCS.4040404 (unknown URL)", () => {
    const unknownUrl = loadSeed("bcs-404.json") as { error_code: string };
    expect(bcs.isNotFound(unknownUrl.error_code, 404)).toBe(false);
    expect(bcs.isNotFound("InvalidAccessKeyId.NotFound", 404)).toBe(false);
    expect(bcs.isNotFound("ResourceNotFound", 404)).toBe(true);
    expect(bcs.isNotFound("EntityNotExists.Record", 404)).toBe(true);
  });
});

describe("bcs emulator", () => {
  const emulator = bcsEmulator;
  const op: EmulatedOperation = { service: "bcs", id: OPERATION_ID, attributes: { projectId: PROJECT_ID } };
  const req: EmulatorRequest = { params: { operation_id: OPERATION_ID }, pathParams: { project_id: PROJECT_ID } };

  it("routes GET /v2/{project_id}/operation/record", () => {
    const route = emulator.route;
    if (route.cloud !== "huawei") throw new Error("expected a Huawei route");
    expect(route.method).toBe("GET");
    expect(route.path.exec(`/v2/${PROJECT_ID}/operation/record`)?.groups).toEqual({ project_id: PROJECT_ID });
    expect(route.path.test("/v2/a/b/operation/record")).toBe(false);
    expect(route.path.test("/v2//operation/record")).toBe(false);
  });

  it("answers 400 in Huawei's error body without operation_id", () => {
    expect(emulator.operationIdOf(req)).toBe(OPERATION_ID);
    const answer = emulator.operationIdOf({ params: {}, pathParams: { project_id: PROJECT_ID } });
    expect(answer).toEqual({ status: 400, body: { error_code: "BCS.4000400", error_msg: expect.stringContaining("operation_id") } });
  });

  it("renders the docs' example exactly for a processing frame, but for its two placeholders", () => {
    const rendered = emulator.render(op, { status: "processing" }, req);
    expect(rendered.status).toBe(200);
    const body = rendered.body as Json;
    expect(typeof body.operation_records[0].record_time).toBe("bigint");
    // The docs name the cluster `asdfasf` and number Preparation's only sub-step 3: the emulator's
    // defaults are a plausible name and sub-step 1.1 (SCENARIOS.md, Defaults).
    const docs = loadSeed("bcs.json") as Json;
    const record = docs.operation_records[0];
    record.cluster_info.name = "cce-bcs-i3b0ms";
    record.operation_process.Preparation.sub_steps["Generate basic configurations"].serial_num = 1;
    expect(stringify(overWire(rendered))).toBe(stringify(docs));
  });

  it("generates sub-step times in the order of the sub-steps", () => {
    for (const status of ["finished", "failed", "stop"]) {
      const record = (emulator.render(op, { status }, req).body as Json).operation_records[0];
      const times: bigint[] = [];
      for (const step of Object.values(record.operation_process as Record<string, Json>).sort((a, b) => a.serial_num - b.serial_num)) {
        for (const sub of Object.values(step.sub_steps as Record<string, Json>).sort((a, b) => a.serial_num - b.serial_num)) times.push(sub.start_time as bigint);
      }
      expect(times.every((t) => t > 0n)).toBe(true);
      expect([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(times);
    }
  });

  it.each([
    ["waiting", "PENDING", 0],
    ["processing", "RUNNING", 1],
    ["finished", "SUCCESS", 2],
    ["failed", "FAILURE", 1],
    ["stop", "CANCELLED", 1],
    ["Finished", "SUCCESS", 2],
    ["paused", "RUNNING", 1],
  ])("round-trips a %s frame through parse", (status, state, done) => {
    const snapshot = parseBcsAnswer(overWire(emulator.render(op, { status }, req)), OPERATION_ID);
    expect(snapshot).toMatchObject({ state, rawStatus: status, progress: { done, total: 2, unit: "steps" } });
  });

  it("renders frame steps: map keyed by name, serials from order, times given or generated", () => {
    const frame = {
      status: "failed",
      message: ["boom"],
      steps: [
        { name: "One", status: "finished", subSteps: [{ name: "a", status: "finished", startTime: "1618219038464462600", endTime: "1618219039000000000" }, { name: "b", status: "finished" }] },
        { name: "Two", status: "failed", detail: "broken", subSteps: [{ name: "c", status: "processing", message: ["half"], detail: "copying" }, { name: "d", status: "", detail: null }] },
      ],
    };
    const body = emulator.render(op, frame, req).body as Json;
    const process = body.operation_records[0].operation_process;
    expect(Object.keys(process)).toEqual(["Two", "One"]);
    expect(Object.keys(process.One.sub_steps)).toEqual(["a", "b"]);
    expect(process.Two.sub_steps.d).toMatchObject({ start_time: 0n, end_time: 0n, serial_num: 2 });
    const snapshot = parseBcsAnswer(overWire({ status: 200, body }), OPERATION_ID);
    expect(snapshot).toMatchObject({ state: "FAILURE", message: 'boom; step "Two" failed (broken)' });
    expect(snapshot.steps.map((s) => [s.name, s.serialNum, s.detail])).toEqual([
      ["One", 1, ""],
      ["Two", 2, "broken"],
    ]);
    const [a, b] = snapshot.steps[0].subSteps;
    expect([a.startTime, a.endTime]).toEqual(["2021-04-12T09:17:18.464Z", "2021-04-12T09:17:19.000Z"]);
    expect(b.startTime).not.toBeNull();
    expect(b.endTime).toBe(b.startTime);
    const [c, d] = snapshot.steps[1].subSteps;
    expect(c).toMatchObject({ message: ["half"], detail: "copying", endTime: null });
    expect(c.startTime).not.toBeNull();
    expect(d).toMatchObject({ detail: null, startTime: null, endTime: null });
  });

  it("on FAILURE, names the steps and sub-steps that failed with their detail and messages (the record's own message first)", () => {
    const frame = {
      status: "failed",
      steps: [
        { name: "Preparation", status: "finished", subSteps: [{ name: "Generate basic configurations", status: "finished" }] },
        {
          name: "Create Other Dependent Resource",
          status: "Failed",
          detail: "timeout",
          subSteps: [
            { name: "Create EIP", status: "failed", detail: "EIP quota exceeded", message: ["Insufficient EIP quota (EIP.0001)", " "] },
            { name: "Create network storage", status: "", detail: "waiting" },
          ],
        },
        { name: "Create Cluster", status: "waiting", subSteps: [{ name: "Check nodes", status: "failed" }] },
      ],
    };
    const snapshot = parseBcsAnswer(overWire(emulator.render(op, frame, req)), OPERATION_ID);
    expect(snapshot.message).toBe(
      'step "Create Other Dependent Resource" Failed (timeout), sub-step "Create EIP" failed: EIP quota exceeded, Insufficient EIP quota (EIP.0001); ' +
        'step "Create Cluster" waiting, sub-step "Check nodes" failed',
    );
    const withReason = parseBcsAnswer(overWire(emulator.render(op, { ...frame, desc: "rolled back" }, req)), OPERATION_ID);
    expect(withReason.message).toMatch(/^rolled back; step "Create Other Dependent Resource" Failed/);
    // Not on a running operation: a failed sub-step there may be retried.
    expect(parseBcsAnswer(overWire(emulator.render(op, { ...frame, status: "processing" }, req)), OPERATION_ID).message).toBeNull();
  });

  it("answers an empty list for an unknown ID, another project or another blockchain", () => {
    expect(emulator.unknown(req)).toEqual({ status: 200, body: { count: 0, operation_records: [] } });
    expect(() => parseBcsAnswer(overWire(emulator.unknown(req)), OPERATION_ID)).toThrow(expect.objectContaining({ kind: "notFound" }));
    expect(emulator.render(op, { status: "processing" }, { ...req, pathParams: { project_id: "other" } }).body).toEqual({ count: 0, operation_records: [] });
    const chained: EmulatedOperation = { ...op, attributes: { projectId: PROJECT_ID, blockchainId: "chain-1" } };
    expect(emulator.render(chained, { status: "processing" }, { ...req, params: { ...req.params, blockchain_id: "chain-2" } }).body).toMatchObject({ count: 0 });
    const matched = emulator.render(chained, { status: "processing" }, { ...req, params: { ...req.params, blockchain_id: "chain-1" } }).body as Json;
    expect(matched.operation_records[0].blockchain_id).toBe("chain-1");
  });

  it("refuses malformed frames", () => {
    expect(() => emulator.render(op, {}, req)).toThrow(InputError);
    expect(() => emulator.render(op, { status: "processing", steps: [{ name: "x" }] }, req)).toThrow(/status/);
    expect(() => emulator.render(op, { status: "processing", steps: [{ name: "x", status: "finished", subSteps: [{ name: "y", status: "finished", startTime: "soon" }] }] }, req)).toThrow(
      /startTime/,
    );
  });
});

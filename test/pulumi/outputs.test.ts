/**
 * What the provider stores: the echoed inputs plus the Result's fields, in the
 * property wire format, with outputs that may quote a secret input marked secret.
 */
import { specialSigKey } from "@pulumi/pulumi/runtime";
import type { Result } from "../../src/core/result";
import { diffInputs, echoInputs } from "../../src/pulumi/inputs";
import { outputsOfResult, outputsWithInputs, toWireValue } from "../../src/pulumi/outputs";

const SECRET_KEY = specialSigKey;

const emrResult: Result = {
  service: "emr",
  operationId: "op-1",
  outcome: "SUCCESS",
  status: "SUCCESS",
  rawStatus: "COMPLETED",
  message: null,
  outputs: { clusterId: "c-1", createTime: 1700000000000 },
  steps: [],
  resources: [],
  polls: 3,
  elapsedMs: 4000,
  error: null,
};
const emrInputs = { service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1", timeout: "10m", secretInputNames: [], __provider: "code" };

test("create's outputs echo the inputs (not __provider) and hold the Result's fields but service and operationId", () => {
  const outs = outputsOfResult(emrInputs, emrResult);
  expect(outs).toEqual({
    service: "emr",
    region: "cn-hangzhou",
    clusterId: "c-1",
    operationId: "op-1",
    timeout: "10m",
    secretInputNames: [],
    outcome: "SUCCESS",
    status: "SUCCESS",
    rawStatus: "COMPLETED",
    message: null,
    outputs: { clusterId: "c-1", createTime: 1700000000000 },
    steps: [],
    resources: [],
    polls: 3,
    elapsedMs: 4000,
    error: null,
  });
});

test("OOS: the execution ID is stored under executionId only", () => {
  const outs = outputsOfResult({ service: "oos", region: "r", executionId: "exec-1" }, { ...emrResult, service: "oos", operationId: "exec-1", outputs: { counts: {} } });
  expect(outs.executionId).toBe("exec-1");
  expect(outs).not.toHaveProperty("operationId");
});

test("when an input was secret, every output that may quote it is marked secret; the states are not", () => {
  const outs = outputsOfResult({ ...emrInputs, secretInputNames: ["clusterId"] }, { ...emrResult, message: "cluster c-1 scaled" });
  for (const name of ["message", "outputs", "steps", "resources", "error"]) {
    expect(outs[name]).toMatchObject({ [SECRET_KEY]: "1b47061264138c4ac30d75fd1eb44270" });
  }
  expect((outs.outputs as { value: unknown }).value).toEqual({ clusterId: "c-1", createTime: 1700000000000 });
  expect(outs.status).toBe("SUCCESS");
  expect(outs.rawStatus).toBe("COMPLETED");
});

test("BPStudio's arguments and tagMap are lifted from its outputs", () => {
  const tagMap = { cadt: ["12xxxxxxx"] };
  const outs = outputsOfResult({ service: "bpstudio", operationId: "op_1" }, { ...emrResult, service: "bpstudio", outputs: { arguments: { tagMap }, tagMap, message: null } });
  expect(outs).toMatchObject({ arguments: { tagMap }, tagMap });
});

test("an update keeps the stored outputs and takes the new inputs, dropping inputs no longer given", () => {
  const stored = outputsOfResult(emrInputs, emrResult);
  const { timeout: _dropped, ...news } = { ...emrInputs, allowPartial: true };
  const outs = outputsWithInputs(stored, news);
  expect(outs).not.toHaveProperty("timeout");
  expect(outs).toMatchObject({ allowPartial: true, status: "SUCCESS", polls: 3, outputs: emrResult.outputs });
});

test("values the wire format cannot carry: big integers become exact text, undefined members go", () => {
  expect(toWireValue({ big: 1618218591906093855n, small: 42n, gone: undefined, list: [undefined, NaN], nested: { x: 1 } })).toEqual({
    big: "1618218591906093855",
    small: 42,
    list: [null, null],
    nested: { x: 1 },
  });
});

test("diff: identifying inputs replace, tuning ones update, absent equals false for booleans", () => {
  const olds = echoInputs(emrInputs);
  expect(diffInputs(olds, { ...emrInputs })).toEqual({ replaces: [], updates: [] });
  expect(diffInputs(olds, { ...emrInputs, operationId: "op-2", region: "r2" })).toEqual({ replaces: ["region", "operationId"], updates: [] });
  expect(diffInputs(olds, { ...emrInputs, timeout: "1h", allowPartial: true })).toEqual({ replaces: [], updates: ["timeout", "allowPartial"] });
  expect(diffInputs(olds, { ...emrInputs, allowPartial: false })).toEqual({ replaces: [], updates: [] });
  expect(diffInputs(olds, { ...emrInputs, service: "oos" }).replaces).toContain("service");
  expect(diffInputs(olds, { ...emrInputs, secretInputNames: ["clusterId"] })).toEqual({ replaces: [], updates: ["secretInputNames"] });
});

/**
 * BCS `GET /v2/{project_id}/operation/record` in the emulator.
 *
 * Frame (the `bcs` data of one scenario timeline entry):
 * ```json
 * { "status": "processing",
 *   "steps": [{ "name": "Preparation", "status": "finished",
 *               "subSteps": [{ "name": "Generate basic configurations", "status": "finished",
 *                              "startTime": "1618218591951266000", "endTime": "1618218591951266000" }] },
 *             { "name": "Create Other Dependent Resource", "status": "processing" }] }
 * ```
 * - `status` (string, required): `operation_status`, verbatim (`waiting`,
 *   `processing`, `finished`, `failed`, `stop`, or anything else).
 * - `steps` (optional): the `operation_process` map, one entry per step in
 *   order. Step: `name`, `status` (strings, required), `detail` (default `""`),
 *   `serialNum` (default its position, from 1), `subSteps`. Sub-step: `name`,
 *   `status` (required), `detail` (default null), `message` (strings, default
 *   null), `startTime`/`endTime` (nanoseconds as a string of digits),
 *   `serialNum` (default its position, from 1). Missing times are generated:
 *   0 before a sub-step starts, a start time once it runs, the end time equal
 *   to the start once it has ended. Default steps: the docs' two steps in a
 *   shape matching `status` (see `docSteps`).
 * - `message` (strings, default null), `desc` (string, default null): the record's.
 *
 * Attributes: `projectId`, `blockchainId`, `blockchainName`, `domainId`,
 * `resourceType`, `operationType`, `clusterInfo` (defaults from the docs'
 * example). A request for another project, or whose `blockchain_id` differs
 * from the record's, gets the unknown-ID answer.
 *
 * Answers: `{ count: 1, operation_records: [{ operation_id, ..., operation_process: { <step name>: { step_name,
 * status, detail, sub_steps: { <name>: { substep_name, detail, status, message, start_time, end_time,
 * serial_num } }, serial_num } }, record_time, operation_status, message, desc }] }`, the steps listed
 * with the highest `serial_num` first as in the docs, nanosecond times as
 * bigints (sent as bare JSON integers). An unknown ID gets
 * `{ count: 0, operation_records: [] }` (HTTP 200), as the API answers.
 */
import { TERMINAL_STATES } from "../../src/core/result";
import type { EmulatedOperation, EmulatorAnswer, EmulatorRequest, ProviderEmulator } from "../types";
import { huaweiErrorAnswer } from "../shared/error-answers";
import { FrameReader, attributeText, firstMissing, identifierDiffers } from "../shared/emulator-support";
import { DOC_RECORD, DOC_RECORD_TIME, docSteps } from "./doc-example";
import { BCS_STATUS } from "./parse";

const NANOS_PER_SECOND = 1_000_000_000n;

/** BCS's answer when no record matches. */
function noRecord(): EmulatorAnswer {
  return { status: 200, body: { count: 0, operation_records: [] } };
}

/**
 * Hands out start times for sub-steps whose frame gives none: one second after
 * the latest time so far (given or handed out), so that the sub-steps' times
 * follow their order.
 */
class TimeSource {
  private next = DOC_RECORD_TIME;
  take(): bigint {
    const time = this.next;
    this.next += NANOS_PER_SECOND;
    return time;
  }
  /** Notes a time a frame gives. */
  saw(time: bigint): void {
    if (time + NANOS_PER_SECOND > this.next) this.next = time + NANOS_PER_SECOND;
  }
}

/** Whether a sub-step in `status` has started and ended. */
function progressOf(status: string): { started: boolean; ended: boolean } {
  const state = BCS_STATUS.lookup(status);
  if (state === undefined) return { started: status.trim() !== "", ended: false };
  return { started: state !== "PENDING", ended: TERMINAL_STATES.has(state) };
}

/** One `sub_steps` entry: its key (the name) and its value. */
function renderSubStep(sub: FrameReader, position: number, times: TimeSource): [string, Record<string, unknown>] {
  const name = sub.requiredText("name");
  const status = sub.requiredText("status");
  const { started, ended } = progressOf(status);
  const givenStart = sub.integer("startTime");
  const givenEnd = sub.integer("endTime");
  for (const time of [givenStart, givenEnd]) if (time) times.saw(time);
  const start = givenStart ?? (started ? times.take() : 0n);
  const end = givenEnd ?? (ended ? start : 0n);
  return [
    name,
    {
      substep_name: name,
      detail: sub.nullableText("detail", null),
      status,
      message: sub.lines("message"),
      start_time: start,
      end_time: end,
      serial_num: sub.count("serialNum", position),
    },
  ];
}

/** One `operation_process` entry: its key (the name), its serial number and its value. */
function renderStep(step: FrameReader, position: number, times: TimeSource): { name: string; serialNum: number; value: Record<string, unknown> } {
  const name = step.requiredText("name");
  const serialNum = step.count("serialNum", position);
  const subSteps = (step.list("subSteps") ?? []).map((item, i) => renderSubStep(step.nested(`subSteps[${i}]`, item), i + 1, times));
  return {
    name,
    serialNum,
    value: {
      step_name: name,
      status: step.requiredText("status"),
      detail: step.nullableText("detail", ""),
      sub_steps: Object.fromEntries(subSteps),
      serial_num: serialNum,
    },
  };
}

/** The `operation_process` map, the highest `serial_num` first as in the docs. */
function renderProcess(frame: FrameReader, status: string): Record<string, unknown> {
  const times = new TimeSource();
  const steps = (frame.list("steps") ?? docSteps(status)).map((item, i) => renderStep(frame.nested(`steps[${i}]`, item), i + 1, times));
  steps.sort((a, b) => b.serialNum - a.serialNum);
  return Object.fromEntries(steps.map((step) => [step.name, step.value]));
}

/** How the emulator serves BCS. */
export const bcsEmulator: ProviderEmulator = {
  route: { cloud: "huawei", method: "GET", path: /^\/v2\/(?<project_id>[^/]+)\/operation\/record$/ },

  operationIdOf(req) {
    const missing = firstMissing(req.pathParams, ["project_id"]) ?? firstMissing(req.params, ["operation_id"]);
    return missing ? huaweiErrorAnswer(400, "BCS.4000400", `Bad Request: ${missing} is required`) : req.params.operation_id!;
  },

  render(op: EmulatedOperation, frameData: Record<string, unknown>, req: EmulatorRequest) {
    const blockchainId = attributeText(op, "blockchainId", DOC_RECORD.blockchainId);
    const requestedChain = req.params.blockchain_id;
    if (identifierDiffers(op, "projectId", req.pathParams.project_id) || (requestedChain && requestedChain !== blockchainId)) {
      return noRecord();
    }
    const frame = new FrameReader("bcs", frameData);
    const status = frame.requiredText("status");
    const record = {
      operation_id: op.id,
      resource_type: attributeText(op, "resourceType", DOC_RECORD.resourceType),
      operation_type: attributeText(op, "operationType", DOC_RECORD.operationType),
      domain_id: attributeText(op, "domainId", DOC_RECORD.domainId),
      project_id: req.pathParams.project_id ?? attributeText(op, "projectId", ""),
      blockchain_id: blockchainId,
      blockchain_name: attributeText(op, "blockchainName", DOC_RECORD.blockchainName),
      cluster_info: op.attributes.clusterInfo ?? DOC_RECORD.clusterInfo,
      operation_process: renderProcess(frame, status),
      record_time: DOC_RECORD_TIME,
      operation_status: status,
      message: frame.lines("message"),
      desc: frame.nullableText("desc", null),
    };
    return { status: 200, body: { count: 1, operation_records: [record] } };
  },

  unknown: noRecord,
};

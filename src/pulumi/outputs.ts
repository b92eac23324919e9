/**
 * The outputs an opgate Pulumi resource stores: the echoed inputs plus the
 * fields of the Result (`status`, `rawStatus`, `message`, `outputs`, `steps`,
 * `resources`, ...; BPStudio also `arguments` and `tagMap`).
 */
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime";
import { isExactNumber } from "../core/json";
import type { Result, Snapshot } from "../core/result";
import { echoInputs, inputNames, SECRET_INPUT_NAMES, type Props } from "./inputs";

/**
 * Outputs that may carry a value of an input (EMR `outputs.clusterId`, an API
 * message quoting an ID). When any input was a secret they are stored as
 * secrets too; the engine itself only re-marks outputs named like a secret input.
 */
const DERIVED_OUTPUTS = ["message", "outputs", "steps", "resources", "arguments", "tagMap", "error"];


/**
 * The outputs after a wait: the inputs, then every Result field except
 * `service` and `operationId` (the echoed inputs already hold them, under the
 * names of their inputs, so that secret inputs stay secret).
 */
export function outputsOfResult(inputs: Props, result: Result): Props {
  const { service: _service, operationId: _operationId, ...fields } = result;
  return toWireOutputs({ ...echoInputs(inputs), ...fields, ...serviceExtras(inputs, result.outputs) });
}

/** Stored outputs refreshed with one reading of the operation (outcome, polls and elapsedMs stay as stored). */
export function outputsOfSnapshot(stored: Props, snapshot: Snapshot): Props {
  const { state, rawStatus, message, outputs, steps, resources } = snapshot;
  const fresh = { status: state, rawStatus, message, outputs, steps, resources };
  return toWireOutputs({ ...stored, ...fresh, ...serviceExtras(stored, outputs) });
}

/** Stored outputs with the inputs replaced by `news` (an update: no new wait). */
export function outputsWithInputs(stored: Props, news: Props): Props {
  const kept: Props = { ...stored };
  for (const name of inputNames(news.service).all) delete kept[name];
  return toWireOutputs({ ...kept, ...echoInputs(news) });
}

/** BPStudio's `arguments` and `tagMap`, lifted from its `outputs`. */
function serviceExtras(inputs: Props, outputs: Record<string, unknown>): Props {
  return inputs.service === "bpstudio" ? { arguments: outputs.arguments ?? null, tagMap: outputs.tagMap ?? null } : {};
}

/**
 * Plain JSON the property wire format takes, derived outputs marked secret
 * when an input was. (The engine strips secret marks before it calls the
 * provider, so stored outputs arrive here unmarked.)
 */
function toWireOutputs(outs: Props): Props {
  const plain = toWireValue(outs) as Props;
  const secretInputs = plain[SECRET_INPUT_NAMES];
  if (!Array.isArray(secretInputs) || secretInputs.length === 0) return plain;
  for (const name of DERIVED_OUTPUTS) {
    if (name in plain) plain[name] = { [specialSigKey]: specialSecretSig, value: plain[name] };
  }
  return plain;
}

/**
 * A JSON value the protobuf `Struct` accepts: big integers (which the API
 * clients parse exactly as `bigint`) and other numbers no double holds
 * (`ExactNumber`) become their decimal text, undefined object members are
 * left out and other non-JSON values become null.
 */
export function toWireValue(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isExactNumber(value)) return value.toString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toWireValue(item)));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toWireValue(item);
    return out;
  }
  return null;
}

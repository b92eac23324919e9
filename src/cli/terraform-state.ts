/**
 * The Result as a Terraform state file (`opgate wait ... --state-out FILE`):
 * format version 4, outputs only, that Terraform's built-in
 * `terraform_remote_state` data source (backend `local`) reads. This is how
 * the CDKTF constructs and the HCL module get a wait's Result into Terraform
 * without any provider.
 *
 * The status strings are typed outputs; everything of open-ended size or
 * shape (`outputs`, `steps`, `resources`, and the Result's other fields) is
 * JSON text, decoded by `jsondecode` where the faces use it. Terraform keeps
 * a typed value in state as it is, but its plan renderer compares typed lists
 * element by element with a quadratic longest-common-subsequence on every
 * plan: kept typed, an OOS Result of 10,000 resources cost every later plan
 * over ten minutes and gigabytes; as text it costs a string comparison
 * (docs/performance.md, "Results in Terraform"). The file is one line:
 * indentation made its size grow with the square of a deep answer's depth.
 * When the file is written and removed: `state-out.ts`.
 */
import { randomUUID } from "node:crypto";
import type { Result } from "../core/result";
import { toJson } from "../core/values";

/** The Terraform version the file claims; every Terraform from 1.4 (the first with `terraform_data`) reads it. */
const WRITER_VERSION = "1.4.0";

/** One output of the state: its value and its type in the JSON form Terraform's state uses (here only `"string"`). */
interface StateOutput {
  value: string | null;
  type: "string";
}

/** The outputs a wait's state file holds, by name. */
export interface ResultStateOutputs {
  /** `status` (always SUCCESS: the file is written for a SUCCESS only). */
  status: StateOutput;
  /** The API's own status string. */
  rawStatus: StateOutput;
  /** The API's message, or null. */
  message: StateOutput;
  /** JSON text of `outputs` (the construct's `outputsJson` attribute). */
  outputsJson: StateOutput;
  /** JSON text of `steps`. */
  stepsJson: StateOutput;
  /** JSON text of `resources`. */
  resourcesJson: StateOutput;
  /** JSON text of every other field of the Result (`service`, `operationId`, `outcome`, `polls`, `elapsedMs`, `error`, ...). */
  fieldsJson: StateOutput;
}

/** A string output (null stays null: Terraform reads it as a null string). */
function text(value: string | null): StateOutput {
  return { value, type: "string" };
}

/**
 * The outputs of `result`'s state file: `status`, `rawStatus`, `message`
 * (strings or null), and the JSON texts `outputsJson`, `stepsJson`,
 * `resourcesJson` and `fieldsJson` (the Result's other fields). The faces
 * rebuild the Result as `merge(jsondecode(fieldsJson), { outputs = ...,
 * steps = ..., resources = ... })`. Integers beyond 2^53 keep their exact
 * digits (Terraform's numbers are arbitrary-precision).
 */
export function stateOutputs(result: Result): ResultStateOutputs {
  const { outputs, steps, resources, ...fields } = result;
  return {
    status: text(result.status),
    rawStatus: text(result.rawStatus),
    message: text(result.message),
    outputsJson: text(toJson(outputs)),
    stepsJson: text(toJson(steps)),
    resourcesJson: text(toJson(resources)),
    fieldsJson: text(toJson(fields)),
  };
}

/** The text of a state file holding `result`'s outputs: one line of JSON. */
export function stateFileText(result: Result): string {
  const state = { version: 4, terraform_version: WRITER_VERSION, serial: 1, lineage: randomUUID(), outputs: stateOutputs(result), resources: [], check_results: null };
  return `${toJson(state)}\n`;
}

/**
 * The Result as a Terraform state file (`opgate wait ... --state-out FILE`):
 * format version 4, outputs only, each output with its exact cty type, so
 * that Terraform's built-in `terraform_remote_state` data source (backend
 * `local`) reads it as typed values: maps, lists of objects, numbers, nulls.
 * This is how the CDKTF constructs and the HCL module get a wait's outputs
 * into Terraform without any provider. When the file is written and removed:
 * `state-out.ts`.
 */
import { randomUUID } from "node:crypto";
import { isExactNumber } from "../core/json";
import type { Result } from "../core/result";
import { isPlainObject, toJson } from "../core/values";

/**
 * A cty type in the JSON form Terraform's state uses: `"string"`, `"number"`,
 * `"bool"`, `"dynamic"` (only for null values here), `["list", T]`,
 * `["map", T]`, `["object", {name: T}]`, `["tuple", [T...]]`.
 */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list", CtyType]
  | ["map", CtyType]
  | ["object", Record<string, CtyType>]
  | ["tuple", CtyType[]];

/** The Terraform version the file claims; every Terraform from 1.4 (the first with `terraform_data`) reads it. */
const WRITER_VERSION = "1.4.0";

const SUB_STEP: CtyType = [
  "object",
  { name: "string", status: "string", detail: "string", message: ["list", "string"], startTime: "string", endTime: "string", serialNum: "number" },
];
const STEP: CtyType = ["object", { name: "string", status: "string", detail: "string", serialNum: "number", subSteps: ["list", SUB_STEP] }];
const STEPS: CtyType = ["list", STEP];
const ERROR: CtyType = ["object", { code: "string", message: "string" }];
const TAG_MAP: CtyType = ["map", ["list", "string"]];

/** One output of the state: its value and cty type. */
interface StateOutput {
  value: unknown;
  type: CtyType;
}

/**
 * The outputs a wait's state file holds, by name: `status`, `rawStatus`,
 * `message` (strings or null), `outputs`, `steps` (list of objects),
 * `resources` (list of objects, or a tuple when their `outputs` differ in
 * shape), `result` (the whole Result), `outputsJson` (JSON text of
 * `outputs`), `tagMap` (a map of lists of strings, empty when the operation
 * gave none) and `arguments` (BPStudio's parsed `Arguments`, else null).
 */
export function stateOutputs(result: Result): Record<string, StateOutput> {
  const outputsType = typeOf(result.outputs);
  const resourcesType = typeOf(result.resources);
  const resultType: CtyType = [
    "object",
    {
      service: "string",
      operationId: "string",
      outcome: "string",
      status: "string",
      rawStatus: "string",
      message: "string",
      outputs: outputsType,
      steps: STEPS,
      resources: resourcesType,
      polls: "number",
      elapsedMs: "number",
      error: ERROR,
    },
  ];
  const tagMap = result.outputs.tagMap;
  return {
    status: { value: result.status, type: "string" },
    rawStatus: { value: result.rawStatus, type: "string" },
    message: { value: result.message, type: "string" },
    outputs: { value: result.outputs, type: outputsType },
    steps: { value: result.steps, type: STEPS },
    resources: { value: result.resources, type: resourcesType },
    result: { value: result, type: resultType },
    outputsJson: { value: toJson(result.outputs), type: "string" },
    tagMap: isTagMap(tagMap) ? { value: tagMap, type: TAG_MAP } : tagMap == null ? { value: {}, type: TAG_MAP } : { value: tagMap, type: typeOf(tagMap) },
    arguments: { value: result.outputs.arguments ?? null, type: typeOf(result.outputs.arguments ?? null) },
  };
}

/** The text of a state file holding `result`'s outputs. */
export function stateFileText(result: Result): string {
  const state = { version: 4, terraform_version: WRITER_VERSION, serial: 1, lineage: randomUUID(), outputs: stateOutputs(result), resources: [], check_results: null };
  return `${toJson(state, 2)}\n`;
}

/**
 * The cty type Terraform would give `value` decoded from JSON, except that an
 * array whose elements share one type (nulls fitting any type) is a list, not
 * a tuple, so that steps and resources read as lists of objects.
 */
export function typeOf(value: unknown): CtyType {
  if (value === null || value === undefined) return "dynamic";
  if (typeof value === "string") return "string";
  // Integers beyond 2^53 arrive as bigint, other numbers no double holds as ExactNumber (the clients parse exactly); toJson writes both exactly.
  if (typeof value === "number" || typeof value === "bigint" || isExactNumber(value)) return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) {
    const types = value.map(typeOf);
    let element: CtyType | undefined = "dynamic";
    for (const type of types) element = element === undefined ? undefined : unify(element, type);
    return element === undefined ? ["tuple", types] : ["list", element];
  }
  return ["object", Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, typeOf(item)]))];
}

/** The one type both values fit, or undefined when they have none (a list then becomes a tuple). */
function unify(a: CtyType, b: CtyType): CtyType | undefined {
  if (a === "dynamic") return b;
  if (b === "dynamic") return a;
  if (typeof a === "string" || typeof b === "string") return a === b ? a : undefined;
  if (a[0] !== b[0]) return undefined;
  switch (a[0]) {
    case "list":
    case "map": {
      const element = unify(a[1], b[1] as CtyType);
      return element === undefined ? undefined : [a[0], element];
    }
    case "tuple": {
      const other = b[1] as CtyType[];
      if (a[1].length !== other.length) return undefined;
      const elements = a[1].map((type, i) => unify(type, other[i]));
      return elements.every((type): type is CtyType => type !== undefined) ? ["tuple", elements] : undefined;
    }
    case "object": {
      const other = b[1] as Record<string, CtyType>;
      const keys = Object.keys(a[1]);
      if (keys.length !== Object.keys(other).length || !keys.every((key) => key in other)) return undefined;
      const attributes: Record<string, CtyType> = {};
      for (const key of keys) {
        const type = unify(a[1][key], other[key]);
        if (type === undefined) return undefined;
        attributes[key] = type;
      }
      return ["object", attributes];
    }
  }
}

function isTagMap(value: unknown): value is Record<string, string[]> {
  return isPlainObject(value) && Object.values(value).every((tags) => Array.isArray(tags) && tags.every((tag) => typeof tag === "string"));
}

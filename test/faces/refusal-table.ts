/**
 * The one table of inputs that every face must treat alike: the library, the
 * CLI, the Pulumi resources (when constructed, and the provider's check), the
 * CDKTF constructs (at synth) and the HCL module (at plan). A row is an input
 * as the library takes it and, when it is refused, the input at fault and the
 * words every face says about it; each face names the input its own way in
 * front of them (`operationId: `, `--operation-id `, `operation_id `).
 * test/faces/refusals.test.ts runs it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NOT_NFC } from "../../providers/params";
import type { ApiWaitSpec } from "../../providers/api/spec";

/** The faces the table runs against. */
export const FACES = ["library", "cli", "pulumi", "pulumi check", "cdktf", "hcl"] as const;
/** One of `FACES`. */
export type Face = (typeof FACES)[number];

/**
 * How a face departs from the row, and why:
 * - `cannot`: the input cannot be given on this face (the face is skipped);
 * - `words`: the face refuses it, in the words of the framework it is built on;
 * - `accepts`: the face never sees the input as given, and takes what it sees.
 */
export type Exception = { cannot: string } | { words: string } | { accepts: string };

/** One row of the table. */
export interface FaceCase {
  title: string;
  /** The service and the field values, as `waitForOperation` takes them; `{emulator}` in a value stands for the emulator's host and port. */
  input: Readonly<Record<string, unknown>>;
  /** Absent: every face takes the input. Present: every face refuses it, naming `field`, with `words`. */
  refused?: { field: string; words: string };
  /** What a face tells its user to do, in its own spelling (checked where given). */
  fix?: Partial<Record<Face, string>>;
  except?: Partial<Record<Face, Exception>>;
}

/** The EMR cluster and BCS project the emulator's operations belong to (bench/lib/emulated-services.js). */
export const EMR_CLUSTER = "c-reliability00001";
export const BCS_PROJECT = "051ddda57400d2982fccc014fab5749d";

const bpstudio = (fields: Record<string, unknown>) => ({ service: "bpstudio", operationId: "op-table", ...fields });
const emr = (fields: Record<string, unknown>) => ({ service: "emr", region: "cn-hangzhou", clusterId: EMR_CLUSTER, operationId: "op-table", ...fields });
const bcs = (fields: Record<string, unknown>) => ({ service: "bcs", region: "cn-north-4", projectId: BCS_PROJECT, operationId: "op-table", ...fields });
const oos = (fields: Record<string, unknown>) => ({ service: "oos", region: "cn-hangzhou", executionId: "exec-table", ...fields });
/** The ECS example's spec (examples/api/ecs-running.json): one placeholder, {{instance_id}}, besides the region. */
const ECS_SPEC = JSON.parse(readFileSync(join(__dirname, "..", "..", "examples", "api", "ecs-running.json"), "utf8")) as ApiWaitSpec;
const api = (fields: Record<string, unknown>) => ({ service: "api", spec: ECS_SPEC, region: "cn-hangzhou", vars: { instance_id: "i-table" }, ...fields });
const refused = (field: string, words: string) => ({ field, words });

const WHITE_SPACE = "must not start or end with white space";
const CONTROL = "must not contain control characters (newline, tab, ...)";
const TOO_LONG = "is longer than 512 characters (Unicode code points)";
const NOT_A_REGION = "is not valid: a region ID is letters, digits and dashes (at most 63), e.g. cn-hangzhou";
const NOT_A_BASE_URL = "must be a base URL without path, query or fragment";
const NOT_HTTP = "must start with http:// or https://";
const NOT_A_DURATION = "is not a duration: use e.g. 90s, 10m, 1h30m or a number of seconds";
const AT_LEAST_1MS = "must be at least 1ms";

/** Why the CLI and the HCL module cannot be given half a surrogate pair. */
const NO_LONE_SURROGATE: Partial<Record<Face, Exception>> = {
  cli: { cannot: "command-line arguments are bytes: Node reads half a surrogate pair in them as U+FFFD" },
  hcl: { cannot: "a Terraform string cannot hold one: HCL and JSON escapes of half a pair give U+FFFD" },
};

/** A prop, argument or option a face's class or subcommand already decides. */
const SERVICE_IS_THE_CLASS: Partial<Record<Face, Exception>> = {
  pulumi: { cannot: "the resource class is the service" },
  "pulumi check": { cannot: "the resource class is the service" },
  cdktf: { cannot: "the construct class is the service" },
};

export const CASES: readonly FaceCase[] = [
  // ---- Text every value must be ----
  { title: "an empty ID", input: bpstudio({ operationId: "" }), refused: refused("operationId", "must not be empty") },
  { title: "a blank ID", input: bpstudio({ operationId: "   " }), refused: refused("operationId", "must not be empty") },
  { title: "an ID with a space in front", input: bpstudio({ resourceGroupId: " rg-1" }), refused: refused("resourceGroupId", WHITE_SPACE) },
  { title: "an ID with a no-break space at the end", input: bpstudio({ operationId: "op-1\u00a0" }), refused: refused("operationId", WHITE_SPACE) },
  { title: "an ID ending in U+FEFF (JavaScript's trim() removes it, Terraform's trimspace does not)", input: emr({ clusterId: `${EMR_CLUSTER}\ufeff` }), refused: refused("clusterId", WHITE_SPACE) },
  { title: "an ID ending in U+0085 (Terraform's trimspace removes it, JavaScript's trim() does not)", input: oos({ executionId: "exec-1\u0085" }), refused: refused("executionId", WHITE_SPACE) },
  { title: "an endpoint with a space in front (a URL parser drops it)", input: bpstudio({ endpoint: " http://127.0.0.1:1" }), refused: refused("endpoint", WHITE_SPACE) },
  { title: "a timeout with a space in front", input: bpstudio({ timeout: " 90s" }), refused: refused("timeout", WHITE_SPACE) },
  { title: "a newline inside an ID", input: bpstudio({ operationId: "op\n1" }), refused: refused("operationId", CONTROL) },
  { title: "a C1 control character inside an ID", input: bcs({ blockchainId: "bc\u0090x" }), refused: refused("blockchainId", CONTROL) },
  {
    title: "half a surrogate pair in an ID",
    input: bpstudio({ operationId: "op-\ud800" }),
    refused: refused("operationId", "must not contain half of a UTF-16 surrogate pair"),
    except: NO_LONE_SURROGATE,
  },
  {
    title: "an ID not in Unicode NFC (e + combining acute accent)",
    input: bpstudio({ operationId: "op-e\u0301" }),
    refused: refused("operationId", NOT_NFC),
    except: { hcl: { accepts: "Terraform rewrites every string it reads to NFC, so the module sees (and the CLI gets) op-é" } },
  },
  { title: "an ID of 513 characters", input: bpstudio({ operationId: "x".repeat(513) }), refused: refused("operationId", TOO_LONG) },
  { title: "an ID of 513 characters outside the BMP (1026 UTF-16 units)", input: bpstudio({ resourceGroupId: "\u{1F600}".repeat(513) }), refused: refused("resourceGroupId", TOO_LONG) },

  // ---- Each field's own shape ----
  { title: "a region ending in a dash", input: bpstudio({ region: "cn-" }), refused: refused("region", NOT_A_REGION) },
  { title: "a region with an underscore", input: emr({ region: "cn_hangzhou" }), refused: refused("region", NOT_A_REGION) },
  { title: "a region longer than a host label (64 characters)", input: oos({ region: "a".repeat(64) }), refused: refused("region", NOT_A_REGION) },
  { title: "a region that looks like a flag", input: bcs({ region: "--help" }), refused: refused("region", NOT_A_REGION) },
  {
    title: "a project ID that would reshape the request path",
    input: bcs({ projectId: "../x" }),
    refused: refused("projectId", "is not valid: a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)"),
  },
  { title: "an endpoint with a path", input: bpstudio({ endpoint: "http://127.0.0.1:1/v1" }), refused: refused("endpoint", NOT_A_BASE_URL) },
  { title: "an endpoint with a dot segment (a URL parser drops it)", input: emr({ endpoint: "http://127.0.0.1:1/." }), refused: refused("endpoint", NOT_A_BASE_URL) },
  { title: "an endpoint with an empty query (a URL parser drops it)", input: oos({ endpoint: "http://127.0.0.1:1?" }), refused: refused("endpoint", NOT_A_BASE_URL) },
  { title: "an endpoint of another scheme", input: bpstudio({ endpoint: "ftp://127.0.0.1" }), refused: refused("endpoint", NOT_HTTP) },
  { title: "an endpoint without // (a URL parser takes it)", input: emr({ endpoint: "http:127.0.0.1" }), refused: refused("endpoint", NOT_HTTP) },
  {
    title: "an endpoint with credentials",
    input: bcs({ endpoint: "http://user:secret@127.0.0.1:1" }),
    refused: refused("endpoint", "must not contain credentials (user:password@); use the environment variables instead"),
  },
  {
    title: "an endpoint with a port beyond 65535",
    input: oos({ endpoint: "http://127.0.0.1:99999" }),
    refused: refused("endpoint", "must name a host (letters, digits, '-', '_' and dots, or an [IPv6] address) and optionally a port up to 65535"),
  },
  { title: "a timeout giving a unit twice", input: bpstudio({ timeout: "1h1h" }), refused: refused("timeout", "gives a unit twice: give each unit once, e.g. 1h30m") },
  { title: "a timeout under a millisecond", input: emr({ timeout: "0.5ms" }), refused: refused("timeout", AT_LEAST_1MS) },
  { title: "a zero timeout", input: bcs({ timeout: "0" }), refused: refused("timeout", AT_LEAST_1MS) },
  { title: "a timeout beyond 7 days", input: oos({ timeout: "8d" }), refused: refused("timeout", "must be at most 7d") },
  { title: "a timeout that is no duration", input: bpstudio({ timeout: "10min" }), refused: refused("timeout", NOT_A_DURATION) },
  { title: "a timeout with a number left without unit", input: emr({ timeout: "1m30" }), refused: refused("timeout", NOT_A_DURATION) },

  // ---- What the service takes ----
  {
    title: "an EMR wait without its cluster",
    input: { service: "emr", region: "cn-hangzhou", operationId: "op-table" },
    refused: refused("clusterId", "is required"),
    fix: {
      library: "is required: pass the clusterId option",
      cli: "is required: pass --cluster-id",
      pulumi: "is required: set the clusterId argument",
      "pulumi check": "is required: set the clusterId argument",
      cdktf: "is required: set the clusterId prop",
      hcl: "is required for the emr wait: set cluster_id in the module block",
    },
  },
  {
    title: "an EMR wait without its region, where none is set",
    input: { service: "emr", clusterId: EMR_CLUSTER, operationId: "op-table" },
    refused: refused("region", "is required"),
    fix: {
      library: "is required: pass the region option or set ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION",
      cli: "is required: pass --region or set ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION",
      "pulumi check": "is required: set the region argument or stack config alicloud:region or set ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION",
    },
    except: {
      pulumi: { accepts: "stack config or the environment may give it where the provider runs: its check decides" },
      cdktf: { accepts: "the environment of terraform apply may give it" },
      hcl: { accepts: "the environment of terraform apply may give it" },
    },
  },
  {
    title: "another service's ID",
    input: bpstudio({ clusterId: EMR_CLUSTER }),
    refused: refused("clusterId", "does not apply to the bpstudio wait"),
    except: { cli: { words: "unknown option '--cluster-id'" } },
  },
  {
    title: "allowPartial on a service without partial success",
    input: oos({ allowPartial: true }),
    refused: refused("allowPartial", "does not apply to the oos wait"),
    except: { cli: { words: "unknown option '--allow-partial'" } },
  },
  {
    title: "a misspelt option, with the nearest one",
    input: bpstudio({ operationID: "op-table" }),
    refused: refused("operationID", "does not apply to the bpstudio wait: did you mean operationId?"),
    except: {
      cli: { cannot: "flags are spelled the CLI's way: commander refuses --operation-ID with its own suggestion (test/cli/usage.test.ts)" },
      hcl: { cannot: "Terraform itself refuses an argument a module does not declare, before the module checks anything" },
    },
  },
  {
    title: "an unknown service",
    input: { service: "ecs", operationId: "op-table" },
    refused: refused("service", "use one of bpstudio, emr, bcs, oos"),
    except: { ...SERVICE_IS_THE_CLASS, cli: { words: "unknown service 'ecs': use one of bpstudio, emr, bcs, oos" } },
  },

  // ---- An API wait's spec and vars ----
  {
    title: "a var no placeholder of the spec uses",
    input: api({ vars: { instance_id: "i-table", stack_id: "s-1" } }),
    refused: refused("vars.stack_id", "is not used: no {{stack_id}} in the spec's id, call.path, call.params or call.query"),
  },
  {
    title: "a var named like a built-in",
    input: api({ vars: { instance_id: "i-table", region: "cn-hangzhou" } }),
    refused: refused("vars.region", "is built in: give the region instead of a var"),
  },
  {
    title: "a placeholder of the spec without a var",
    input: { service: "api", spec: ECS_SPEC, region: "cn-hangzhou" },
    refused: refused("spec.call.params.InstanceIds[0]", "{{instance_id}} has no value: give a var named instance_id"),
    except: { hcl: { words: "spec {{instance_id}} has no value: give a var named instance_id in vars." } },
  },
  {
    title: "a var name with a dash",
    input: api({ vars: { "instance-id": "i-table" } }),
    refused: refused("vars.instance-id", "is not a valid name: a var name is letters, digits and _, not starting with a digit"),
  },
  { title: "a var value with a space in front", input: api({ vars: { instance_id: " i-table" } }), refused: refused("vars.instance_id", WHITE_SPACE) },
  {
    title: "a spec that calls a write API",
    input: api({ spec: { ...ECS_SPEC, call: { ...ECS_SPEC.call, action: "RunInstances" } } }),
    refused: refused("spec.call.action", '"RunInstances" is not named like a read API'),
    except: { hcl: { accepts: "a plan checks that the spec is JSON text of an object; its own rules are the CLI's, at apply (test/terraform/module-api.test.ts)" } },
  },
  {
    title: "a spec given to another service",
    input: emr({ spec: ECS_SPEC }),
    refused: refused("spec", "does not apply to the emr wait"),
    except: { cli: { words: "unknown option '--spec-json'" } },
  },

  // ---- Taken by every face ----
  { title: "an ID with a space inside", input: bpstudio({ operationId: "op table" }) },
  { title: "an ID ending in a zero-width space (no face's white space)", input: bpstudio({ operationId: "op-table\u200b" }) },
  { title: "an ID with template and shell syntax", input: bpstudio({ operationId: "op_${path.module}%{if x}$(id)`id`;|&" }) },
  { title: "an ID of 512 characters", input: bpstudio({ operationId: "x".repeat(512) }) },
  { title: "an ID of 300 characters outside the BMP (600 UTF-16 units)", input: bpstudio({ operationId: "\u{1F600}".repeat(300) }) },
  { title: "an ID in NFC with an accent", input: bpstudio({ operationId: "op-\u00e9" }) },
  { title: "a service in capitals", input: emr({ service: "EMR" }), except: SERVICE_IS_THE_CLASS },
  { title: "a region in capitals", input: oos({ region: "CN-Hangzhou" }) },
  { title: "an endpoint with a scheme in capitals and a slash at the end", input: bpstudio({ endpoint: "HTTP://{emulator}/" }) },
  { title: "allowPartial on EMR", input: emr({ allowPartial: true }) },
  { title: "a BCS blockchain", input: bcs({ operationId: "op-table-chain", blockchainId: "bc-1" }) },
  { title: "a timeout of hours and minutes", input: bpstudio({ timeout: "1h30m" }) },
  { title: "a timeout in decimal hours", input: emr({ timeout: "1.5h" }) },
  { title: "a timeout's unit in capitals", input: bcs({ timeout: "10M" }) },
  { title: "a timeout in plain seconds", input: oos({ timeout: "90" }) },
  { title: "a timeout of one millisecond", input: bpstudio({ operationId: "op-table-1ms", timeout: "1ms" }) },
  { title: "a timeout of 7 days", input: emr({ timeout: "7d" }) },
];

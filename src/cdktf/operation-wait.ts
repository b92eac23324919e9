/**
 * The construct behind the four waits. It synthesizes three pieces from
 * Terraform's built-ins:
 * 1. `terraform_data` "wait": `triggers_replace` holds the identifying inputs
 *    (a new operation means a new wait, a new timeout does not); its
 *    `local-exec` provisioner runs `opgate wait ... --output json` at apply
 *    time and fails the apply unless the operation succeeds;
 * 2. `data "external"` "read": one look at the operation, never a wait. It
 *    depends on the wait, so Terraform defers it to apply while the wait has
 *    changes, and reads it cheaply on later plans (exit 0 even when the API
 *    has forgotten the operation);
 * 3. `terraform_data` "result": `input` = the read, replaced with the wait
 *    (`triggers_replace` = the wait's id) and otherwise frozen
 *    (`ignore_changes = [input]`): its `output` keeps the first read in
 *    state. The construct's attributes refer to it, and depending on the
 *    construct depends on it.
 */
import { DataResource, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { getProvider } from "../../providers";
import type { ServiceName } from "../core/result";
import { ExternalData } from "./external-data";
import { readFields, waitFields } from "./fields";
import { programPath } from "./package-location";
import { splitProps, waitValues } from "./props";
import type { ResultRecord } from "./result-record";
import { terraformString } from "./terraform-text";
import { waitProvisioner } from "./wait-command";

/** Props every wait has. */
export interface OperationWaitProps {
  /** Region ID; left out, `terraform apply` takes it from the environment (see the service) or the service default. */
  readonly region?: string;
  /** Replaces the service endpoint, e.g. the emulator's `http://127.0.0.1:8080`; left out, `OPGATE_ENDPOINT` at apply time or the cloud's. */
  readonly endpoint?: string;
  /** Deadline of the wait: `90s`, `10m`, `1h30m` (default 30m). Changing it never starts a new wait. */
  readonly timeout?: string;
  /** Resources the wait itself must come after (references in the props already order it). */
  readonly dependsOn?: ITerraformDependable[];
}

/** The attributes of a finished wait; all are Terraform references. */
export abstract class OperationWait extends Construct implements ITerraformDependable {
  /** `SUCCESS` once applied (`""` if the read after the wait failed; see `readStatus`). */
  readonly status: string;
  /** The API's own status string (`COMPLETED`, `finished`, `Success`, ...). */
  readonly rawStatus: string;
  /** The human reason the API gave (`""` when none). */
  readonly message: string;
  /** The JSON text of the Result's `outputs` (decode with `Fn.jsondecode`). */
  readonly outputsJson: string;
  /** How the read kept in state went: `OK`, `NOT_FOUND` or `UNAVAILABLE`. */
  readonly readStatus: string;
  /** The resource holding the result in state; depending on the construct depends on it. */
  protected readonly result: DataResource;

  protected constructor(scope: Construct, id: string, service: ServiceName, props: OperationWaitProps) {
    super(scope, id);
    const provider = getProvider(service);
    const { dependsOn, inputs } = splitProps(props, this.node.path);
    const values = waitValues(provider, inputs, this.node.path);
    const pick = (names: readonly string[]) => Object.fromEntries(names.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]));

    const identifying = waitFields(provider).filter((field) => field.identifying).map((field) => field.name);
    const wait = new DataResource(this, "wait", {
      triggersReplace: { service, ...pick(identifying) },
      provisioners: [waitProvisioner(service, waitFields(provider), values, programPath(this, "cli"))],
      dependsOn,
    });
    const read = new ExternalData(this, "read", {
      program: ["node", terraformString(programPath(this, "readResult"), "program")],
      query: { service, ...pick(readFields(provider).map((field) => field.name)) },
      dependsOn: [wait],
    });
    this.result = new DataResource(this, "result", {
      input: read.result,
      triggersReplace: { wait: wait.id },
      lifecycle: { ignoreChanges: ["input"] },
    });

    this.status = this.attribute("status");
    this.rawStatus = this.attribute("rawStatus");
    this.message = this.attribute("message");
    this.outputsJson = this.attribute("outputsJson");
    this.readStatus = this.attribute("read");
  }

  /** The address Terraform's `depends_on` uses: the result, which comes after the wait and its read. */
  get fqn(): string {
    return this.result.fqn;
  }

  /** A string attribute of the kept result. */
  protected attribute(name: keyof ResultRecord): string {
    return this.result.getStringAttribute(`output.${name}`);
  }
}

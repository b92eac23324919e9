/**
 * The construct behind the four waits. It synthesizes three of Terraform's
 * built-in blocks, so that `terraform init` needs no provider at all:
 * 1. `terraform_data` "wait": `triggers_replace` holds the identifying inputs
 *    (a new operation means a new wait, a new timeout does not); its
 *    `local-exec` provisioner runs `opgate wait ...` at apply time, fails the
 *    apply unless the operation succeeds (the reason last), and on success
 *    writes the Result as a state file `.opgate/<wait id>.tfstate` in the
 *    stack directory;
 * 2. `data "terraform_remote_state"` "read" (backend `local`): reads that
 *    file, typed, or the empty state file shipped in the package when it is
 *    absent (a fresh checkout). It depends on the wait, so Terraform defers it
 *    to apply while the wait has changes;
 * 3. `terraform_data` "result": `input` = the read's outputs, replaced with
 *    the wait (`triggers_replace` = the wait's id) and otherwise frozen
 *    (`ignore_changes = [input]`): its `output` keeps the Result in state, so
 *    a later plan anywhere needs neither the file, the cloud nor
 *    credentials. The construct's attributes refer to it, and depending on the
 *    construct depends on it.
 */
import { Construct } from "constructs";
import { getProvider } from "../../providers";
import { waitFields } from "../../providers/params";
import type { ServiceName } from "../core/result";
import { packagePath } from "./package-location";
import { splitProps, waitValues } from "./props";
import { kitOf, type TerraformDependable, type TerraformKit, type TerraformResolvable } from "./terraform-kit";
import { terraformString } from "./terraform-text";
import { resultFile, waitProvisioner } from "./wait-command";

/** Props every wait has. */
export interface OperationWaitProps {
  /** Region ID; left out, `terraform apply` takes it from the environment (see the service) or the service default. */
  readonly region?: string;
  /** Replaces the service endpoint, e.g. the emulator's `http://127.0.0.1:8080`; left out, `OPGATE_ENDPOINT` at apply time or the cloud's. */
  readonly endpoint?: string;
  /** Deadline of the wait: `90s`, `10m`, `1h30m` or a number of seconds (default 30m). Changing it never starts a new wait. */
  readonly timeout?: string | number;
  /** Resources the wait itself must come after (references in the props already order it). */
  readonly dependsOn?: TerraformDependable[];
}

/**
 * A finished wait's attributes: Terraform references to the Result kept in
 * state, typed, usable in `TerraformOutput` and in other resources without
 * `Fn.jsondecode`. A construct is dependable: `dependsOn: [wait]` gates a
 * resource on the finished operation.
 */
export abstract class OperationWait extends Construct implements TerraformDependable {
  /** `SUCCESS` once applied. */
  readonly status: string;
  /** The API's own status string (`COMPLETED`, `finished`, `Success`, ...). */
  readonly rawStatus: string;
  /** The human reason the API gave (null when none). */
  readonly message: string;
  /** The Result's `outputs` object (per service: EMR `stateChangeReason`, BCS `blockchainName`, OOS `counts`, ...). */
  readonly outputs: Record<string, any>;
  /** BCS steps: a list of objects `{ name, status, detail, serialNum, subSteps: [...] }` (empty for other services). */
  readonly steps: TerraformResolvable;
  /** OOS resources: a list of objects `{ resourceId, status, outputs, executionTime }` (empty for other services). */
  readonly resources: TerraformResolvable;
  /** The whole Result (`service`, `operationId`, `outcome`, `polls`, `elapsedMs`, ... as in the README). */
  readonly result: TerraformResolvable;
  /** The JSON text of the Result's `outputs`. */
  readonly outputsJson: string;
  /** The resource holding the Result in state. */
  private readonly kept: InstanceType<TerraformKit["DataResource"]>;

  protected constructor(scope: Construct, id: string, service: ServiceName, props: OperationWaitProps) {
    super(scope, id);
    const kit = kitOf(this);
    const provider = getProvider(service);
    const { dependsOn, inputs } = splitProps(props, this.node.path);
    const values = waitValues(kit, provider, inputs, this.node.path);
    const fields = waitFields(provider);
    const identifying = fields.filter((field) => field.identifying && values[field.name] !== undefined);

    const wait = new kit.DataResource(this, "wait", {
      triggersReplace: { service, ...Object.fromEntries(identifying.map((field) => [field.name, values[field.name]])) },
      provisioners: [waitProvisioner(service, fields, values, terraformString(kit, packagePath(kit, this, "cli"), "cli"))],
      dependsOn: dependsOn as never,
    });
    const file = resultFile(wait.id);
    const read = new kit.TerraformDataSource(this, "read", { terraformResourceType: "terraform_remote_state", dependsOn: [wait] });
    read.addOverride("backend", "local");
    read.addOverride("config.path", kit.Fn.conditional(kit.Fn.fileexists(file), file, terraformString(kit, packagePath(kit, this, "emptyState"), "emptyState")));
    const result = new kit.DataResource(this, "result", {
      input: read.getAnyMapAttribute("outputs"),
      triggersReplace: { wait: wait.id },
      lifecycle: { ignoreChanges: ["input"] },
    });
    this.kept = result;

    this.status = result.getStringAttribute("output.status");
    this.rawStatus = result.getStringAttribute("output.rawStatus");
    this.message = result.getStringAttribute("output.message");
    this.outputs = result.getAnyMapAttribute("output.outputs");
    this.steps = result.interpolationForAttribute("output.steps");
    this.resources = result.interpolationForAttribute("output.resources");
    this.result = result.interpolationForAttribute("output.result");
    this.outputsJson = result.getStringAttribute("output.outputsJson");
  }

  /** The address Terraform's `depends_on` uses: the kept result, which comes after the wait and its read. */
  get fqn(): string {
    return this.kept.fqn;
  }

  /** Another output of the kept Result, as a map (BPStudio's `tagMap`). */
  protected mapAttribute(name: string): Record<string, any> {
    return this.kept.getAnyMapAttribute(`output.${name}`);
  }

  /** Another output of the kept Result, of any type (BPStudio's `arguments`). */
  protected anyAttribute(name: string): TerraformResolvable {
    return this.kept.interpolationForAttribute(`output.${name}`);
  }
}

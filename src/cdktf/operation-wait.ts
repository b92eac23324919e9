/**
 * The construct behind every wait (the four services' and `ApiWait`). It
 * synthesizes three of Terraform's built-in blocks, so that `terraform init`
 * needs no provider at all:
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
 *
 * The kept Result's open-ended parts are JSON text (src/cli/terraform-state.ts
 * says why): the attributes decode them with `jsondecode` where they are used,
 * so that each plan pays only for the parts a stack reads.
 */
import { Construct } from "constructs";
import { getWaitProvider } from "../../providers";
import { waitFields } from "../../providers/params";
import type { WaitServiceName } from "../core/result";
import { packagePath } from "./package-location";
import { splitProps, waitValues } from "./props";
import { kitOf, type TerraformDependable, type TerraformKit, type TerraformResolvable } from "./terraform-kit";
import { terraformString } from "./terraform-text";
import { resultCleanupProvisioner, resultFile, waitProvisioner } from "./wait-command";

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
  /** The CDK library of this construct's app. */
  private readonly kit: TerraformKit;

  protected constructor(scope: Construct, id: string, service: WaitServiceName, props: OperationWaitProps) {
    super(scope, id);
    const kit = kitOf(this);
    const provider = getWaitProvider(service);
    const { dependsOn, inputs } = splitProps(props, this.node.path);
    const values = waitValues(kit, provider, inputs, this.node.path);
    const fields = waitFields(provider);
    const identifying = fields.filter((field) => field.identifying && values[field.name] !== undefined);

    const wait = new kit.DataResource(this, "wait", {
      triggersReplace: { service, ...Object.fromEntries(identifying.map((field) => [field.name, values[field.name]])) },
      provisioners: [waitProvisioner(service, fields, values, terraformString(kit, packagePath(kit, this, "cli"), "cli")), resultCleanupProvisioner()],
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
    this.kit = kit;

    const text = (name: string) => result.getStringAttribute(`output.${name}`);
    // A Result kept by an earlier opgate holds typed `steps`, `resources` and `result` instead of JSON text: read as they are.
    const earlier = (name: string) => result.interpolationForAttribute(`output.${name}`);
    this.status = text("status");
    this.rawStatus = text("rawStatus");
    this.message = text("message");
    this.outputsJson = text("outputsJson");
    this.outputs = kit.Token.asAnyMap(kit.Fn.jsondecode(this.outputsJson));
    const steps = kit.Fn.jsondecode(text("stepsJson"));
    this.steps = kit.Fn.try([kit.Fn.tolist(steps), steps, earlier("steps")]);
    this.resources = kit.Fn.try([kit.Fn.jsondecode(text("resourcesJson")), earlier("resources")]);
    const whole = kit.Fn.merge([kit.Fn.jsondecode(text("fieldsJson")), { outputs: this.outputs, steps: this.steps, resources: this.resources }]);
    this.result = kit.Fn.try([whole, earlier("result")]);
  }

  /** The address Terraform's `depends_on` uses: the kept result, which comes after the wait and its read. */
  get fqn(): string {
    return this.kept.fqn;
  }

  /** `outputs.<name>` of the kept Result, of any type (BPStudio's `arguments`); null when absent. */
  protected outputsField(name: string): TerraformResolvable {
    return this.kit.Fn.lookup(this.outputs, name, null);
  }

  /**
   * `outputs.<name>` of the kept Result as a map of lists of strings
   * (BPStudio's `tagMap`); `{}` when it is absent or not such a map.
   */
  protected stringListMapField(name: string): Record<string, string[]> {
    const byKey = this.kit.TerraformIterator.fromMap(this.outputsField(name) as never).forExpressionForMap("key", "tolist(val)");
    return this.kit.Token.asAnyMap(this.kit.Fn.try([this.kit.Fn.tomap(byKey), {}])) as Record<string, string[]>;
  }
}

/**
 * The engine's side of a deployment, step by step, for one dynamic resource:
 * the calls `pulumi preview`, `up`, `refresh` and `destroy` make to the
 * provider host, and what the engine keeps in the state (outputs with secret
 * marks re-applied to the outputs named like a secret input).
 */
import { isSecretValue, ProviderHost, SECRET_SIG, stripSecrets, type DiffChanges, type Props } from "./provider-host";

/** A resource as the program registers it: its type, name and input object on the wire. */
export interface Registration {
  type: string;
  name: string;
  inputs: Props;
}

/** A resource as the state keeps it. */
export interface StoredResource {
  urn: string;
  id: string;
  /** The checked inputs (secret marks as the engine keeps them). */
  inputs: Props;
  /** The outputs (secret marks as the engine keeps them). */
  outputs: Props;
}

/** What the next `up` would do with a stored resource. */
export interface Plan {
  changes: DiffChanges;
  replaces: string[];
  checked: Props;
}

/** The URN the engine gives a resource of the example stack. */
export function urnOf(reg: Registration): string {
  return `urn:pulumi:test::opgate-example::${reg.type}::${reg.name}`;
}

/**
 * Outputs as the engine keeps them for a provider that does not accept
 * secrets (its `annotateSecrets`): an output named like an input that holds a
 * secret is marked secret, and where both are objects the marks are copied
 * member by member (`vars: { job_id: secret }` marks `vars.job_id`).
 */
export function annotateSecrets(outputs: Props, inputs: Props): Props {
  const annotated = { ...outputs };
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in annotated)) continue;
    const output = annotated[name];
    if (isObject(output) && isObject(value)) annotated[name] = annotateSecrets(output, value);
    else if (!isSecretValue(output) && containsSecrets(value)) annotated[name] = { [SECRET_SIG.key]: SECRET_SIG.value, value: output };
  }
  return annotated;
}

/** A plain object on the wire: neither a list nor a secret-marked value. */
function isObject(value: unknown): value is Props {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecretValue(value);
}

/** True when `value` is, or holds, a secret-marked value. */
function containsSecrets(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecrets);
  return isObject(value) && Object.values(value).some(containsSecrets);
}

/** The engine's calls for one resource on one provider host. */
export class Engine {
  constructor(private readonly host: ProviderHost) {}

  /** `pulumi preview` of a new resource: Check only. */
  async preview(reg: Registration): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    return this.host.check(urnOf(reg), {}, reg.inputs);
  }

  /** `pulumi up` of a new resource: Check, then Create. Rejects like Create when the wait fails. */
  async create(reg: Registration): Promise<StoredResource> {
    const urn = urnOf(reg);
    const checked = await this.checked(urn, {}, reg.inputs);
    const { id, properties } = await this.host.create(urn, checked);
    return { urn, id, inputs: checked, outputs: annotateSecrets(properties, checked) };
  }

  /** `pulumi refresh`: Read; the state takes what it answers. */
  async refresh(stored: StoredResource): Promise<StoredResource> {
    const { id, properties } = await this.host.read(stored.urn, stored.id, stored.outputs, stored.inputs);
    return { ...stored, id, outputs: annotateSecrets(properties, stored.outputs) };
  }

  /** The planning half of the next `up`: Check against the stored inputs, then Diff against the stored outputs. */
  async plan(stored: StoredResource, reg: Registration): Promise<Plan> {
    const checked = await this.checked(stored.urn, stored.inputs, reg.inputs);
    const diff = await this.host.diff(stored.urn, stored.id, stored.outputs, checked, stored.inputs);
    return { ...diff, checked };
  }

  /** An in-place update to the planned inputs. */
  async update(stored: StoredResource, plan: Plan): Promise<StoredResource> {
    const properties = await this.host.update(stored.urn, stored.id, stored.outputs, plan.checked, stored.inputs);
    return { ...stored, inputs: plan.checked, outputs: annotateSecrets(properties, plan.checked) };
  }

  /** `pulumi destroy` (or the delete half of a replacement). */
  async destroy(stored: StoredResource): Promise<void> {
    await this.host.delete(stored.urn, stored.id, stored.outputs, stored.inputs);
  }

  private async checked(urn: string, olds: Props, news: Props): Promise<Props> {
    const { inputs, failures } = await this.host.check(urn, olds, news);
    if (failures.length) throw new Error(`check failed: ${JSON.stringify(failures)}`);
    // The engine keeps the secret marks of the inputs it sent.
    return annotateSecrets(inputs, news);
  }
}

/** Outputs without secret marks (what a program reads). */
export function plainOutputs(stored: StoredResource): Props {
  return stripSecrets(stored.outputs);
}

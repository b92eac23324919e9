/**
 * The apply-time wait: a `local-exec` provisioner running
 * `opgate wait <service> ... --state-out .opgate/<wait id>.tfstate`. The
 * command is a fixed text made of variable names and flags; every value (the
 * IDs, the region, a spec and its vars, the CLI's path) travels in the
 * provisioner's `environment` and is read by the shell as `"$VAR"` (never
 * `${VAR}`, which Terraform would take for a reference). An ID full of shell or template syntax is therefore
 * only ever data.
 *
 * The CLI prints its progress and a text summary, which Terraform shows as
 * the provisioner's output; a failed wait's last line is its reason. On
 * success it writes the Result as a state file that the construct's read picks
 * up; a second, destroy-time provisioner removes that file with the wait.
 */
import type { LocalExecProvisioner } from "cdktf";
import { jsonTextFlag } from "../../providers/params";
import type { FieldSpec } from "../../providers/types";
import type { WaitServiceName } from "../core/result";
import type { TerraformValue } from "./props";

/** `operationId` → `OPGATE_ARG_OPERATION_ID`: the variable that carries the field to the command. */
export function environmentName(field: FieldSpec): string {
  return `OPGATE_ARG_${field.name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** The variable holding the CLI's path, relative to the stack directory. */
const CLI_VARIABLE = "OPGATE_CLI";
/** The variable holding the result file's path. */
const STATE_VARIABLE = "OPGATE_STATE_OUT";

/** The folder, in Terraform's working directory, where waits write their results (users ignore it in git). */
export const RESULTS_FOLDER = ".opgate";

/** The result file of the wait whose id is `waitId` (a Terraform expression), relative to the working directory. */
export function resultFile(waitId: string): string {
  return `${RESULTS_FOLDER}/${waitId}.tfstate`;
}

/**
 * The provisioner that waits for the operation. `values` are the given
 * inputs as Terraform JSON by field name (props.ts: `waitValues`); `cliPath`
 * is the CLI's path relative to the stack directory, as a Terraform JSON
 * string. A spec travels as its JSON text (`--spec-json`), and each var as
 * `NAME=VALUE` in a variable of its own (`--var`), so that a var known only
 * at apply (a reference) needs no Terraform expression around it.
 */
export function waitProvisioner(
  service: WaitServiceName,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, TerraformValue>>,
  cliPath: string,
): LocalExecProvisioner {
  // `self.id` is the wait's own id: known when its provisioner runs.
  const environment: Record<string, string> = { [CLI_VARIABLE]: cliPath, [STATE_VARIABLE]: resultFile("${self.id}") };
  const options: string[] = [];
  const switches: FieldSpec[] = [];
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    const variable = environmentName(field);
    if (typeof value !== "string") {
      Object.entries(value).forEach(([name, entry], index) => {
        environment[`${variable}_${index + 1}`] = `${name}=${entry}`;
        options.push(`${field.flag}=${shellValue(`${variable}_${index + 1}`)}`);
      });
      continue;
    }
    environment[variable] = value;
    if (field.kind === "boolean") switches.push(field);
    else options.push(`${field.kind === "json" ? jsonTextFlag(field) : field.flag}=${shellValue(variable)}`);
  }

  const run = ["exec node", shellValue(CLI_VARIABLE), "wait", service, ...options, `--state-out=${shellValue(STATE_VARIABLE)}`];
  if (switches.length === 0) return { type: "local-exec", command: run.join(" "), environment };
  // A boolean flag is passed only when its variable says `true` (the value may be a reference).
  const command = [
    "set --",
    ...switches.map((field) => `if [ ${shellValue(environmentName(field))} = true ]; then set -- "$@" ${field.flag}; fi`),
    [...run, '"$@"'].join(" "),
  ].join("; ");
  return { type: "local-exec", command, environment };
}

/**
 * The provisioner that removes the wait's result file when the wait is
 * destroyed (`terraform destroy`, or a replacement by a new operation), as the
 * HCL module does: the file only carries the Result into state during the
 * apply that waited, so `.opgate/` does not grow on a long-lived runner. A
 * failure to remove it never fails the destroy (CDKTF's provisioner type has
 * no `on_failure`, so the command itself always succeeds).
 */
export function resultCleanupProvisioner(): LocalExecProvisioner {
  return {
    type: "local-exec",
    when: "destroy",
    command: `rm -f -- ${shellValue(STATE_VARIABLE)} || true`,
    environment: { [STATE_VARIABLE]: resultFile("${self.id}") },
  };
}

/** `"$NAME"`: the variable's value as one shell word, never re-parsed. */
function shellValue(name: string): string {
  return `"$` + name + `"`;
}

/**
 * The apply-time wait: a `local-exec` provisioner running
 * `opgate wait <service> ... --state-out .opgate/<wait id>.tfstate`. The
 * command is a fixed text made of variable names and flags; every value (the
 * IDs, the region, the CLI's path) travels in the provisioner's `environment`
 * and is read by the shell as `"$VAR"` (never `${VAR}`, which Terraform would
 * take for a reference). An ID full of shell or template syntax is therefore
 * only ever data.
 *
 * The CLI prints its progress and a text summary, which Terraform shows as
 * the provisioner's output; a failed wait's last line is its reason. On
 * success it writes the Result as a state file that the construct's read picks
 * up; a second, destroy-time provisioner removes that file with the wait.
 */
import type { LocalExecProvisioner } from "cdktf";
import type { FieldSpec } from "../../providers/types";
import type { ServiceName } from "../core/result";

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
 * inputs as Terraform JSON strings by field name; `cliPath` is the CLI's path
 * relative to the stack directory, as a Terraform JSON string.
 */
export function waitProvisioner(
  service: ServiceName,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  cliPath: string,
): LocalExecProvisioner {
  const given = fields.filter((field) => values[field.name] !== undefined);
  // `self.id` is the wait's own id: known when its provisioner runs.
  const environment: Record<string, string> = { [CLI_VARIABLE]: cliPath, [STATE_VARIABLE]: resultFile("${self.id}") };
  for (const field of given) environment[environmentName(field)] = values[field.name];

  const switches = given.filter((field) => field.kind === "boolean");
  const options = given.filter((field) => field.kind === "string").map((field) => `${field.flag}=${shellValue(environmentName(field))}`);
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

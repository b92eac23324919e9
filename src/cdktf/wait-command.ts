/**
 * The apply-time wait: a `local-exec` provisioner running
 * `opgate wait <service> --output json ...`. The command is a fixed text made
 * of variable names and flags; every value (the IDs, the region, the CLI's
 * path) travels in the provisioner's `environment` and is read by the shell as
 * `"$VAR"` (never `${VAR}`, which Terraform would take for a reference). An
 * ID full of shell or template syntax is therefore only ever data.
 */
import type { LocalExecProvisioner } from "cdktf";
import type { FieldSpec } from "../../providers/types";
import type { ServiceName } from "../core/result";
import { environmentName } from "./fields";
import { terraformString } from "./terraform-text";

/** The variable holding the CLI's path, relative to the stack directory. */
const CLI_VARIABLE = "OPGATE_CLI";

/**
 * The provisioner that waits for the operation. `values` are the given
 * inputs as Terraform JSON strings by field name; `cliPath` is the CLI's path
 * relative to the stack directory.
 */
export function waitProvisioner(
  service: ServiceName,
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  cliPath: string,
): LocalExecProvisioner {
  const given = fields.filter((field) => values[field.name] !== undefined);
  const environment: Record<string, string> = { [CLI_VARIABLE]: terraformString(cliPath, "cliPath") };
  for (const field of given) environment[environmentName(field)] = values[field.name];

  const switches = given.filter((field) => field.kind === "boolean");
  const options = given.filter((field) => field.kind === "string").map((field) => `${field.flag}=${shellValue(environmentName(field))}`);
  const run = ["exec node", shellValue(CLI_VARIABLE), "wait", service, "--output json", ...options];
  if (switches.length === 0) return { type: "local-exec", command: run.join(" "), environment };
  // A boolean flag is passed only when its variable says `true` (the value may be a reference).
  const command = [
    "set --",
    ...switches.map((field) => `if [ ${shellValue(environmentName(field))} = true ]; then set -- "$@" ${field.flag}; fi`),
    [...run, '"$@"'].join(" "),
  ].join("; ");
  return { type: "local-exec", command, environment };
}

/** `"$NAME"`: the variable's value as one shell word, never re-parsed. */
function shellValue(name: string): string {
  return `"$` + name + `"`;
}

/**
 * What the generic waiter's commands read besides the flags every command
 * has: `--preset NAME` (a spec shipped in the package's `presets/` folder, an
 * alternative to `--spec`), and the wait's inputs, prepared exactly as
 * `opgate wait api` prepares them (for `api check` and `api eval`, which
 * send nothing and read no credential).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiProvider } from "../../providers/api";
import { readParams } from "../../providers/params";
import type { PreparedApiWait } from "../../providers/types";
import { InputError } from "../core/errors";
import { findPackageRoot } from "../package-root";
import { fieldValues } from "./wait-flags";

/** A preset's name: lower-case words joined by dashes (never a path). */
const PRESET_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The package's presets folder. */
function presetsFolder(): string {
  const root = findPackageRoot();
  if (root === null) throw new Error("cannot find the opgate package (its package.json) to read its presets");
  return join(root, "presets");
}

/** The presets that ship, by name, each with its description. */
export function listPresets(): { name: string; description: string }[] {
  const folder = presetsFolder();
  return readdirSync(folder)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const spec = JSON.parse(readFileSync(join(folder, file), "utf8")) as { description?: unknown };
      return { name: file.slice(0, -".json".length), description: typeof spec.description === "string" ? spec.description : "" };
    });
}

/** The file of preset `name`; throws `InputError("preset")` naming the presets there are. */
function presetFile(name: string): string {
  const names = listPresets().map((preset) => preset.name);
  if (!PRESET_NAME.test(name) || !names.includes(name)) {
    throw new InputError("preset", `${JSON.stringify(name)} is not a preset: use one of ${names.join(", ")} (opgate api presets lists them)`);
  }
  return join(presetsFolder(), `${name}.json`);
}

/**
 * Commander's options with `--preset NAME` turned into the `--spec` of its
 * file. Exactly one of `--spec`, `--spec-json` and `--preset` must be given.
 */
export function withPreset(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const given = (["spec", "specJson", "preset"] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1) {
    const reason = given.length === 0 ? "is required" : "is given more than once";
    throw new InputError("spec", `${reason}: pass one of --spec FILE (or - for standard input), --spec-json JSON, --preset NAME`);
  }
  if (options.preset === undefined) return { ...options };
  const { preset, ...rest } = options;
  return { ...rest, spec: presetFile(preset as string) };
}

/** The wait the options describe, prepared as `opgate wait api` would prepare it; throws `InputError`. */
export function preparedFromOptions(options: Readonly<Record<string, unknown>>, env: Record<string, string | undefined>): PreparedApiWait {
  const params = readParams(apiProvider, fieldValues(apiProvider, withPreset(options)), env);
  return apiProvider.prepare(params, env);
}

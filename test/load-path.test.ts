/**
 * The library and the CLI's help never load the emulator's renderers or the
 * documentation examples they answer with: those are registered apart
 * (`providers/emulators.ts`) and only `src/emulator` imports them. Nor do they
 * load the JMESPath library, which the generic waiter loads when it first
 * compiles an expression.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** The opgate modules (not node_modules, but the JMESPath library) a Node process has loaded when it exits after `code`. */
function loadedModules(code: string): string[] {
  const report = `process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify(Object.keys(require.cache).filter((f) => !f.includes("node_modules") || f.includes("node_modules/jmespath/")))))`;
  const run = spawnSync(process.execPath, ["-e", `${report};${code}`], { cwd: ROOT, encoding: "utf8" });
  const line = run.stderr.split("\n").find((text) => text.startsWith("LOADED "));
  if (line === undefined) throw new Error(`no report from the child: ${run.stderr}`);
  return (JSON.parse(line.slice("LOADED ".length)) as string[]).map((file) => path.relative(ROOT, file));
}

/** Modules only the emulator needs (the CLI's own emulator-commands.js only defines the commands). */
const EMULATOR_ONLY = /(?<!cli[\\/])emulator|doc-example/;
const JMESPATH_LIBRARY = /node_modules[\\/]jmespath[\\/]/;

test("require('opgate') loads no emulator renderer", () => {
  const loaded = loadedModules(`require("./dist/src/index.js")`);
  expect(loaded).toContain(path.join("dist", "providers", "index.js"));
  expect(loaded.filter((file) => EMULATOR_ONLY.test(file) || JMESPATH_LIBRARY.test(file))).toEqual([]);
});

test("opgate --help loads no emulator renderer", () => {
  const loaded = loadedModules(`process.argv = [process.argv[0], "opgate", "--help"]; require("./dist/src/cli/main.js")`);
  expect(loaded).toContain(path.join("dist", "src", "cli", "program.js"));
  expect(loaded.filter((file) => EMULATOR_ONLY.test(file) || JMESPATH_LIBRARY.test(file))).toEqual([]);
});

test("checking an API wait spec loads the JMESPath library (so the two tests above would see it)", () => {
  const loaded = loadedModules(`require("./dist/providers/api/check.js").checkApiWaitSpec({ call: { cloud: "huawei", service: "ecs", method: "GET", path: "/v1/x" }, status: "s", success: ["x"] })`);
  expect(loaded.filter((file) => JMESPATH_LIBRARY.test(file))).toHaveLength(1);
});

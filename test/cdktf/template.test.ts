/**
 * The executor's template language against Terraform's: escapes, lone
 * interpolations, unknown values, and failures where Terraform fails. When a
 * `terraform` binary is on PATH, the same strings go through the real engine.
 */
import { execFile } from "node:child_process";
import { withRealTerraform } from "./processes";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { evaluateTemplate, referencesIn, TemplateError, UNKNOWN } from "./template";

const noReferences = () => {
  throw new TemplateError("no references here");
};
const pathOnly = (ref: (string | number)[]) => (ref[0] === "path" && ref[1] === "module" ? "." : noReferences());

/** Literal strings, as they appear in Terraform JSON, and what Terraform makes of them. */
const LITERALS: [string, string][] = [
  ["op_$${path.module}", "op_${path.module}"],
  ["%%{ if true }x%%{ endif }", "%{ if true }x%{ endif }"],
  ["$$${a}", "$${a}"],
  ["$$$${a}", "$$${a}"],
  ["%%%{a}", "%%{a}"],
  ["$x $$ %% $ % {}", "$x $$ %% $ % {}"],
  ["$(touch pwned)`id`;\"'\\", "$(touch pwned)`id`;\"'\\"],
  ["a${path.module}b", "a.b"],
];

test.each(LITERALS)("%j evaluates to %j", (text, expected) => {
  expect(evaluateTemplate(text, pathOnly)).toBe(expected);
});

test("a lone interpolation keeps its type; unknowns propagate", () => {
  const values: Record<string, unknown> = { "terraform_data.r": { output: { m: { a: ["x"] }, s: '{"k":[1]}' } }, "terraform_data.u": UNKNOWN };
  const resolve = (ref: (string | number)[]) => {
    const [type, name, ...rest] = ref;
    let value = values[`${type}.${name}`];
    for (const key of rest) value = value === UNKNOWN ? UNKNOWN : (value as Record<string, unknown>)[key as string];
    return value;
  };
  expect(evaluateTemplate("${terraform_data.r.output.m}", resolve)).toEqual({ a: ["x"] });
  expect(evaluateTemplate('${terraform_data.r.output["s"]}', resolve)).toBe('{"k":[1]}');
  expect(evaluateTemplate("${jsondecode(terraform_data.r.output.s)}", resolve)).toEqual({ k: [1] });
  expect(evaluateTemplate("id-${terraform_data.u.id}", resolve)).toBe(UNKNOWN);
  expect(() => evaluateTemplate("x${terraform_data.r.output.m}", resolve)).toThrow(TemplateError);
  expect(referencesIn({ a: ["${terraform_data.r.id}-${jsondecode(data.external.e.result.x)}"] })).toEqual([
    ["terraform_data", "r", "id"],
    ["data", "external", "e", "result", "x"],
  ]);
});

test.each(["%{ if true }x%{ endif }", "${path.module", "${a + b}", "${unknownfn(1)}", "${file(\"/etc/passwd\")}"])("the executor refuses %j (outside the subset it knows), so an unescaped template never passes silently", (text) => {
  expect(() => evaluateTemplate(text, pathOnly)).toThrow(TemplateError);
});

withRealTerraform("real terraform agrees on every literal", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opgate-tf-templates-"));
  const output = Object.fromEntries(LITERALS.map(([text], i) => [`o${i}`, { value: text }]));
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ output }));
  const env = { PATH: process.env.PATH ?? "", HOME: dir, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: path.join(dir, "none.tfrc") };
  fs.writeFileSync(env.TF_CLI_CONFIG_FILE, "");
  const run = promisify(execFile);
  await run("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env });
  const values = JSON.parse((await run("terraform", ["output", "-json"], { cwd: dir, env })).stdout) as Record<string, { value: string }>;
  LITERALS.forEach(([, expected], i) => expect(values[`o${i}`].value).toBe(expected));
  fs.rmSync(dir, { recursive: true, force: true });
});

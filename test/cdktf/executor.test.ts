/**
 * The Terraform-semantics executor on a hand-written configuration, checked
 * against the real `terraform` binary when one is on PATH: local-exec's
 * interpreter, working_dir, environment merged over Terraform's own, stdin,
 * a failing command tainting its resource, and state between runs.
 */
import { execFile } from "node:child_process";
import { withRealTerraform } from "./processes";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ApplyError, TerraformExecutor } from "./terraform-executor";

const CONFIG = {
  terraform: { backend: { local: { path: "../state.tfstate" } } },
  resource: {
    terraform_data: {
      first: {
        input: { word: "x$${literal}" },
        provisioner: [
          {
            "local-exec": {
              command: 'printf "%s|%s|%s" "$FROM_TERRAFORM" "$OVERRIDDEN" "$(basename "$PWD")" > ../first.txt; cat > ../stdin.txt',
              working_dir: "sub",
              environment: { OVERRIDDEN: "provisioner wins" },
            },
          },
        ],
      },
      second: {
        input: "${terraform_data.first.output.word}",
        triggers_replace: ["${terraform_data.first.id}"],
        provisioner: [{ "local-exec": { command: 'echo "${self.input}" "$0" > second.txt', interpreter: ["/bin/bash", "-c"] } }],
      },
      failing: {
        triggers_replace: "${var.fail}",
        depends_on: ["terraform_data.second"],
        provisioner: [{ "local-exec": { command: 'test "$FAIL" != yes', environment: { FAIL: "${var.fail}" } } }],
      },
    },
  },
  variable: { fail: { type: "string", default: "no" } },
  output: { word: { value: "${terraform_data.second.output}" } },
};

/** A directory holding CONFIG in `stack/` with its `sub/` working directory. */
function workspace(): { root: string; stack: string; env: Record<string, string> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "opgate-executor-"));
  const stack = path.join(root, "stack");
  fs.mkdirSync(path.join(stack, "sub"), { recursive: true });
  fs.writeFileSync(path.join(stack, "cdk.tf.json"), JSON.stringify(CONFIG));
  fs.writeFileSync(path.join(root, "terraformrc"), "");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: root,
    FROM_TERRAFORM: "inherited",
    OVERRIDDEN: "inherited",
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: path.join(root, "terraformrc"),
  };
  return { root, stack, env };
}

/**
 * What the commands write. The third shows why opgate never splices a value
 * into a command: `${self.input}` is `x${literal}`, which the shell expands again.
 */
const EXPECTED_FILES = ["inherited|provisioner wins|sub", "", "x /bin/bash\n"];

/** What the commands wrote. */
function written(stack: string): string[] {
  return [path.join(stack, "first.txt"), path.join(stack, "stdin.txt"), path.join(stack, "second.txt")].map((file) => fs.readFileSync(file, "utf8"));
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

test("runs local-exec as Terraform does, in dependency order, and taints a resource whose command fails", async () => {
  const { root, stack, env } = workspace();
  roots.push(root);
  const tf = new TerraformExecutor(stack, env);
  const applied = await tf.apply();
  expect(written(stack)).toEqual(EXPECTED_FILES);
  expect(applied.outputs.word).toBe("x${literal}");
  expect(applied.completed).toEqual(["terraform_data.first", "terraform_data.second", "terraform_data.failing"]);
  expect(Object.values((await tf.plan()).actions)).toEqual(["no-op", "no-op", "no-op"]);

  const failing = new TerraformExecutor(stack, { ...env, TF_VAR_fail: "yes" });
  await expect(failing.apply()).rejects.toThrow(ApplyError);
  expect(failing.state().resources["terraform_data.failing"].tainted).toBe(true);
  expect((await failing.plan()).actions["terraform_data.failing"]).toBe("replace");
  expect((await new TerraformExecutor(stack, env).plan()).actions["terraform_data.failing"]).toBe("replace");
});

withRealTerraform("real terraform does the same with the same configuration", async () => {
  const { root, stack, env } = workspace();
  roots.push(root);
  fs.renameSync(path.join(stack, "cdk.tf.json"), path.join(stack, "main.tf.json"));
  const run = (args: string[], extra: Record<string, string> = {}) =>
    promisify(execFile)("terraform", [args[0], "-no-color", ...args.slice(1)], { cwd: stack, env: { ...env, ...extra, TF_INPUT: "0" } });
  await run(["init"]);
  await run(["apply", "-auto-approve"]);
  expect(written(stack)).toEqual(EXPECTED_FILES);
  expect((await run(["output", "-raw", "word"])).stdout).toBe("x${literal}");
  expect((await run(["plan"])).stdout).toContain("No changes.");

  await expect(run(["apply", "-auto-approve"], { TF_VAR_fail: "yes" })).rejects.toThrow(/local-exec provisioner error/);
  expect((await run(["plan"], { TF_VAR_fail: "yes" })).stdout).toMatch(/terraform_data\.failing is tainted, so must be replaced/);
  expect((await run(["plan"])).stdout).toMatch(/terraform_data\.failing is tainted, so must be replaced/);
});

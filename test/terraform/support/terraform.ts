/**
 * The real `terraform` binary, run as a user runs it, for the tests of every
 * Terraform face (CDKTF and cdktn stacks, the HCL module). Every run forbids
 * provider downloads (`TF_CLI_CONFIG_FILE`), gets only the environment the
 * test gives (PATH without any `node_modules/.bin`, a temporary HOME, no ECS
 * metadata lookups), and is recorded so that a test can search the command
 * lines. Runs are asynchronous: the emulator answers from the jest process
 * while Terraform waits.
 *
 * These tests never skip in CI: there, a missing binary fails them with a
 * message saying so. Elsewhere they skip.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository (the opgate package root). */
export const REPO = path.resolve(__dirname, "../../..");

/** True when `terraform` answers on PATH. */
export const hasTerraform: boolean = (() => {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    return true;
  } catch {
    return false;
  }
})();

/**
 * `describe` for tests of the real binary: they run when `terraform` is on
 * PATH, fail (never skip) in CI when it is not, and skip elsewhere.
 */
export const describeWithTerraform: jest.Describe = hasTerraform || process.env.CI ? describe : describe.skip;

/** Call in `beforeAll`: throws in CI when the binary is missing. */
export function requireTerraform(): void {
  if (!hasTerraform) throw new Error("terraform is not on PATH: these tests run the real binary and never skip in CI; install Terraform 1.11.4");
}

/** CLI configuration forbidding every provider download: `terraform init` must need none. */
const NO_DOWNLOADS = `provider_installation {
  direct {
    exclude = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]
  }
}
`;

/** What one terraform command gave. */
export interface TerraformOutcome {
  args: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Every command line the runs of this process started (for the
 * no-credential-in-arguments checks): each terraform command, and the
 * processes it started that `recordProcessArguments` saw.
 */
export const commandLines: string[][] = [];
const seenLines = new Set<string>();

function recordLine(argv: string[]): void {
  const key = argv.join("\0");
  if (seenLines.has(key)) return;
  seenLines.add(key);
  commandLines.push(argv);
}

/** The pids of the terraform processes running now. */
const running = new Set<number>();

/** Whether this system shows process arguments in `/proc` (Linux): where it does not, `recordProcessArguments` sees nothing. */
export const processArgumentsVisible: boolean = fs.existsSync("/proc/self/cmdline");

/**
 * Adds to `commandLines` the arguments of every process running under a
 * terraform command of this process (the provisioner's shell, the opgate CLI
 * it runs). Give it to the emulator as its `log` option: the emulator calls
 * it for each request before answering, while the CLI that sent the request
 * is waiting, so every wait's command line is seen.
 */
export function recordProcessArguments(): void {
  if (running.size === 0 || !processArgumentsVisible) return;
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  for (const pid of parents.keys()) {
    let ancestor = parents.get(pid);
    for (let depth = 0; ancestor !== undefined && ancestor > 1 && !running.has(ancestor) && depth < 64; depth++) ancestor = parents.get(ancestor);
    if (ancestor === undefined || !running.has(ancestor)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (argv.at(-1) === "") argv.pop();
      if (argv.length > 0) recordLine(argv);
    } catch {
      // ended meanwhile
    }
  }
}

const created: string[] = [];

/**
 * A new empty folder under `<repo>/node_modules/.cache/opgate-terraform-tests`
 * (so that relative paths from it lead back into this package, as from a
 * project into `node_modules/opgate`). All are removed by `removeFolders`.
 */
export function newFolder(prefix = "project-"): string {
  const base = path.join(REPO, "node_modules", ".cache", "opgate-terraform-tests");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder `newFolder` made; call in `afterAll`. */
export function removeFolders(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  // The shared base too, once no other test file (another jest worker) has a folder in it.
  try {
    fs.rmdirSync(path.join(REPO, "node_modules", ".cache", "opgate-terraform-tests"));
  } catch {
    // not empty, or already gone
  }
}

/**
 * The environment of a terraform run: PATH without `node_modules/.bin` (only
 * node's own folder and the system's), `home` as HOME, no ECS metadata
 * lookups, no checkpoint calls, the no-download CLI configuration, TMPDIR the
 * test file's own temporary folder (test/support/temp-dir-environment.js:
 * whatever terraform or the CLI left there fails the file), plus `extra`.
 * Nothing else of the test process's environment.
 */
export function terraformEnvironment(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const config = path.join(home, "no-downloads.tfrc");
  if (!fs.existsSync(config)) fs.writeFileSync(config, NO_DOWNLOADS);
  const system = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  return {
    PATH: [path.dirname(process.execPath), ...system].join(path.delimiter),
    HOME: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_CLI_CONFIG_FILE: config,
    TMPDIR: os.tmpdir(),
    ...extra,
  };
}

/** The commands that take `-input=false`, and those that take `-no-color`. */
const TAKES_INPUT = ["init", "plan", "apply", "destroy", "refresh", "import"];
const TAKES_NO_COLOR = [...TAKES_INPUT, "output", "show", "validate"];

/** Terraform in one working directory with one environment. */
export class Terraform {
  constructor(
    readonly dir: string,
    readonly env: Record<string, string>,
  ) {}

  /**
   * `terraform <command> -input=false -no-color <rest of args>` (each flag for the commands that take it: not
   * -input for output/show/validate, neither for state/workspace/...); resolves with the outcome whatever the
   * exit code.
   */
  run(args: string[]): Promise<TerraformOutcome> {
    const [command, ...rest] = args;
    const flags = [...(TAKES_INPUT.includes(command) ? ["-input=false"] : []), ...(TAKES_NO_COLOR.includes(command) ? ["-no-color"] : [])];
    // Right after the command: before its positional arguments (`import ADDR ID`).
    const full = [command, ...flags, ...rest];
    recordLine(["terraform", ...full]);
    return new Promise((resolve, reject) => {
      const child = spawn("terraform", full, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      const pid = child.pid;
      if (pid !== undefined) running.add(pid);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", (error) => {
        if (pid !== undefined) running.delete(pid);
        reject(error);
      });
      child.on("close", (code) => {
        if (pid !== undefined) running.delete(pid);
        resolve({ args: full, exitCode: code ?? -1, stdout, stderr });
      });
    });
  }

  /** Runs `args` and throws with Terraform's output unless it exits with one of `expected` (default 0). */
  async expect(args: string[], expected: number[] = [0]): Promise<TerraformOutcome> {
    const outcome = await this.run(args);
    if (!expected.includes(outcome.exitCode)) {
      throw new Error(`terraform ${args.join(" ")} exited ${outcome.exitCode}:\n${outcome.stdout}\n${outcome.stderr}`);
    }
    return outcome;
  }

  init(): Promise<TerraformOutcome> {
    return this.expect(["init"]);
  }

  apply(args: string[] = []): Promise<TerraformOutcome> {
    return this.expect(["apply", "-auto-approve", ...args]);
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(args: string[] = []): Promise<TerraformOutcome> {
    return this.expect(["plan", "-detailed-exitcode", ...args], [0, 2]);
  }

  destroy(): Promise<TerraformOutcome> {
    return this.expect(["destroy", "-auto-approve"]);
  }

  /** The root module's outputs, values only (`terraform output -json`). */
  async outputs(): Promise<Record<string, unknown>> {
    const { stdout } = await this.expect(["output", "-json"]);
    const outputs = JSON.parse(stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
  }

  /** The parsed state of the local backend (`terraform.tfstate` in the working directory). */
  state(): TerraformState {
    return JSON.parse(fs.readFileSync(path.join(this.dir, "terraform.tfstate"), "utf8")) as TerraformState;
  }
}

/** The parts of a state file (format version 4) the tests read. */
export interface TerraformState {
  version: number;
  outputs: Record<string, { value: unknown; type: unknown }>;
  resources: {
    module?: string;
    mode: "managed" | "data";
    type: string;
    name: string;
    instances: { status?: "tainted"; attributes: Record<string, unknown> }[];
  }[];
}

/** The instance of resource `address` (e.g. `module.emr.terraform_data.wait`) in `state`, or undefined. */
export function stateInstance(state: TerraformState, address: string): TerraformState["resources"][number]["instances"][number] | undefined {
  const resource = state.resources.find((r) => [r.module, r.mode === "data" ? "data" : undefined, r.type, r.name].filter(Boolean).join(".") === address);
  return resource?.instances[0];
}

/**
 * Terraform's error text on one line: the diagnostic box removed and the
 * lines it wrapped joined (so `.endsWith(reason)` checks what Terraform shows
 * last).
 */
export function errorText(stderr: string): string {
  return stderr
    .split("\n")
    .map((line) => line.replace(/^[│╷╵]\s?/, "").trim())
    .filter((line) => line !== "")
    .join(" ");
}

/** The lines a resource's `local-exec` printed while it ran (stdout of apply), without Terraform's prefix. */
export function provisionerLines(stdout: string, address: string): string[] {
  const prefix = `${address} (local-exec): `;
  return stdout.split("\n").filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/** `value` as a string of Terraform's JSON syntax that evaluates to it: template syntax (`${`, `%{`) escaped. */
export function literal(value: string): string {
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Files named `name` under `dirs`, recursively (node_modules and .terraform left out). */
export function filesNamed(name: string, dirs: string[]): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === name) found.push(full);
      else if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".terraform") visit(full);
    }
  };
  dirs.forEach(visit);
  return found;
}

/** The text of every file under `dir` (recursively, `.terraform` left out), for secret searches. */
export function allText(dir: string): string {
  const texts: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".terraform") visit(full);
      } else texts.push(fs.readFileSync(full, "utf8"));
    }
  };
  visit(dir);
  return texts.join("\n");
}

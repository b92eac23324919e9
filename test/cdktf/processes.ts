/** The processes Terraform starts: a provisioner's command, an external data source's program. */
import { execFileSync, spawn } from "node:child_process";

/** A process the run started: a provisioner's command or an external program. */
export interface Execution {
  kind: "local-exec" | "external";
  address: string;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs one process as Terraform does (stdin closed or fed, output captured). */
export function execute(spec: Omit<Execution, "exitCode" | "stdout" | "stderr" | "stdin"> & { stdin: string | null }): Promise<Execution> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.argv[0], spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      stdio: [spec.stdin === null ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (spec.stdin !== null) child.stdin!.end(spec.stdin);
    child.on("error", reject);
    child.on("close", (code) => resolve({ ...spec, stdin: spec.stdin ?? "", exitCode: code ?? -1, stdout, stderr }));
  });
}

/** True when a real `terraform` binary is on PATH (it cannot download providers here, so only provider-free checks use it). */
export const hasTerraform: boolean = (() => {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    return true;
  } catch {
    return false;
  }
})();

/** `test` when a real terraform is available, else `test.skip` (the executor-based tests cover the same ground). */
export const withRealTerraform = hasTerraform ? test : test.skip;

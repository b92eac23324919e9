"use strict";
/**
 * One `terraform` command of the Terraform bench: its wall time, its CPU time
 * (user + system of the process and what it waited for, from this process's
 * `cutime`/`cstime` in /proc: steadier than wall time on a shared machine) and
 * its peak memory (VmHWM of the process, sampled every 50 ms), stopped after
 * a time limit. CPU time and memory are null where /proc does not say (not
 * Linux). Every run gets only the environment
 * given here: a temporary HOME, a CLI configuration that forbids every
 * provider download, no checkpoint calls, no ECS metadata lookups, PATH
 * without node_modules/.bin, and what the caller adds (the emulator's
 * endpoint and credentials).
 */
const { spawn } = require("node:child_process");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { delimiter, dirname, join } = require("node:path");

/** CLI configuration forbidding every provider download: nothing the bench runs needs one. */
const NO_DOWNLOADS = `provider_installation {
  direct {
    exclude = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]
  }
}
`;

/** The environment of every terraform run: `home` as HOME and TMPDIR, plus `extra` (the emulator's endpoint and credentials). */
function terraformEnvironment(home, extra = {}) {
  const config = join(home, "no-downloads.tfrc");
  if (!existsSync(config)) writeFileSync(config, NO_DOWNLOADS);
  const system = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  return {
    PATH: [dirname(process.execPath), ...system].join(delimiter),
    HOME: home,
    TMPDIR: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_CLI_CONFIG_FILE: config,
    ...extra,
  };
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds of the children this process has waited for (user + system), or null without /proc. */
function childrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after "pid (comm) ": state is field 3, cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The peak resident memory of `pid` so far in bytes (VmHWM), or null where /proc does not say. */
function highWaterMark(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs `terraform args` in `dir` (asynchronously: the emulator answers from
 * this process meanwhile). Resolves with `{ ms, cpuMs, peakBytes, stopped }` when it
 * exits 0 (or 2 for `plan -detailed-exitcode`), or when it ran longer than
 * `limitMs` (then killed, `stopped` true); rejects with its output otherwise.
 */
function runTerraform(dir, env, args, limitMs) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const cpuBefore = childrenCpuMs();
    const child = spawn("terraform", args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let peakBytes = null;
    const sample = () => {
      const now = highWaterMark(child.pid);
      if (now !== null) peakBytes = Math.max(peakBytes ?? 0, now);
    };
    const sampler = setInterval(sample, 50);
    let stopped = false;
    const limit = setTimeout(() => {
      stopped = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("error", (error) => {
      clearInterval(sampler);
      clearTimeout(limit);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(sampler);
      clearTimeout(limit);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      if (stopped || code === 0 || (code === 2 && args.includes("-detailed-exitcode"))) resolve({ ms, cpuMs, peakBytes, stopped });
      else reject(new Error(`terraform ${args.join(" ")} in ${dir} exited ${code}:\n${output}`));
    });
  });
}

module.exports = { runTerraform, terraformEnvironment };

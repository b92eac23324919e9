/**
 * The jest environment of every test file: Node's, with a temporary folder of
 * the file's own. `TMPDIR` points at it while the file runs (Node's
 * `os.tmpdir()` reads it at each call, and the processes the tests start
 * inherit it: ts-node, the CLI, terraform), and once the file is done, after
 * all its hooks, the folder must be empty: a test file that leaves anything in
 * it fails (the failure names the file and lists what it left), so a run of the
 * suite leaves nothing behind in the system's temporary folder.
 *
 * Why an environment and not an `afterAll` in a setup file: jest-circus runs
 * the `afterAll` hooks of a block in the order they were registered, so a setup
 * file's hook would run before the test file's own cleanup. The environment
 * sees jest-circus's `run_finish` event, which comes after every hook of the
 * file; an error added to the run's unhandled errors there is reported like a
 * failing `afterAll` (the file fails; `jest --json` counts it in
 * `numRuntimeErrorTestSuites`, which `.ci/run` adds to the failures).
 *
 * It also sets `CHECKPOINT_DISABLE=1` while the file runs: cdktf's
 * `TerraformDataResource` validation runs `terraform version` at synth time in
 * the jest process itself, and Terraform's update check would write
 * `~/.terraform.d/checkpoint_signature` in the real HOME and call
 * checkpoint-api.hashicorp.com (tests talk to loopback only).
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { TestEnvironment } = require("jest-environment-node");

/**
 * The worker's temporary folder before any test file changed it. Kept on the
 * process, not in its environment, so that processes the tests start (which
 * inherit `TMPDIR`) never see the outer folder.
 */
const OUTER_KEY = Symbol.for("opgate.test.outerTmpdir");
const OUTER = (process[OUTER_KEY] ??= os.tmpdir());

class TempDirEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    await super.setup();
    this.tempDir = fs.mkdtempSync(path.join(OUTER, "opgate-jest-"));
    this.previousTmpdir = process.env.TMPDIR;
    // Both the worker's environment (read by os.tmpdir() and inherited by child
    // processes) and the test file's copy of it (its `process.env`).
    process.env.TMPDIR = this.tempDir;
    this.global.process.env.TMPDIR = this.tempDir;
    this.previousCheckpoint = process.env.CHECKPOINT_DISABLE;
    process.env.CHECKPOINT_DISABLE = "1";
    this.global.process.env.CHECKPOINT_DISABLE = "1";
  }

  handleTestEvent(event, state) {
    if (event.name !== "run_finish" || this.tempDir === undefined) return;
    const left = fs.readdirSync(this.tempDir);
    if (left.length === 0) return;
    const file = path.relative(process.cwd(), this.testPath);
    const shown = left.slice(0, 20).join(", ") + (left.length > 20 ? ", ..." : "");
    const error = new Error(`${file} left ${left.length} entries in its temporary folder (each test must remove what it creates): ${shown}`);
    error.stack = error.message;
    state.unhandledErrors.push(error);
  }

  async teardown() {
    const dir = this.tempDir;
    this.tempDir = undefined;
    if (dir !== undefined) {
      if (process.env.TMPDIR === dir) {
        if (this.previousTmpdir === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = this.previousTmpdir;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (this.previousCheckpoint === undefined) delete process.env.CHECKPOINT_DISABLE;
      else process.env.CHECKPOINT_DISABLE = this.previousCheckpoint;
    }
    await super.teardown();
  }
}

module.exports = TempDirEnvironment;

/**
 * Temporary folders that a test file removes when it ends. Each test file
 * runs with a temporary folder of its own that must be empty at its end
 * (test/support/temp-dir-environment.js): make folders here, not with a bare
 * `mkdtempSync(os.tmpdir())`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const created: string[] = [];

// Registered when a test file first imports this module, so it runs after that file's tests.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder in the temporary folder, removed after the test file. */
export function temporaryFolder(prefix = "opgate-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

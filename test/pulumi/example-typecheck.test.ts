/**
 * `pulumi up` type-checks a TypeScript program by default (ts-node with the
 * program directory's tsconfig.json). The example must pass that check against
 * the built `opgate/pulumi` types, as a user's program would.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { exampleEntryPoint, REPO } from "./harness/program";

test("the example program type-checks against the published types of opgate/pulumi", async () => {
  const { pwd } = exampleEntryPoint();
  const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
  const check = promisify(execFile)(process.execPath, [tsc, "-p", path.join(pwd, "tsconfig.json"), "--noEmit"], { cwd: pwd });
  await expect(check).resolves.toMatchObject({ stdout: "" });
}, 20_000);

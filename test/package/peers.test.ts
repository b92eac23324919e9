/**
 * The optional peer dependencies, in a project that installed the package:
 * `opgate` and its CLI need none; `opgate/pulumi`, `opgate/cdktf` and
 * `opgate/cdktn` without theirs say what to install, not `Cannot find module`,
 * and load once it is installed.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { installedPackage, type InstalledPackage } from "./support/installed-package";

jest.setTimeout(60_000);

/** What `require(entry)` does in the project: the names it exports, or the error it prints. */
async function load(installed: InstalledPackage, entry: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `console.log(Object.keys(require(${JSON.stringify(entry)})).sort().join(" "))`;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: installed.project, env: installed.env() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("without any peer", () => {
  let installed: InstalledPackage;
  beforeAll(() => {
    installed = installedPackage();
  });

  test("opgate, opgate/emulator and the CLI need none", async () => {
    expect((await load(installed, "opgate")).stdout).toContain("waitForOperation");
    expect((await load(installed, "opgate/emulator")).stdout).toContain("startEmulator");
    const cli = await promisify(execFile)(join(installed.project, "node_modules", ".bin", "opgate"), ["wait", "--help"], { env: installed.env() });
    expect(cli.stdout).toContain("opgate wait emr");
  });

  test.each([
    ["opgate/pulumi", "opgate/pulumi needs @pulumi/pulumi", "npm install @pulumi/pulumi"],
    ["opgate/cdktf", "opgate/cdktf needs cdktf (or cdktn) and constructs", "npm install cdktf constructs"],
    ["opgate/cdktn", "opgate/cdktn needs cdktn and constructs", "npm install cdktn constructs"],
  ])("%s says what to install", async (entry, needs, install) => {
    const run = await load(installed, entry);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(needs);
    expect(run.stderr).toContain(install);
    expect(run.stderr).not.toContain("Cannot find module");
  });
});

describe("with the peers, one at a time", () => {
  let installed: InstalledPackage;
  beforeAll(() => {
    installed = installedPackage();
  });

  test("constructs alone: opgate/cdktf still names the CDK library to install", async () => {
    installed.linkPeer("constructs");
    const run = await load(installed, "opgate/cdktf");
    expect(run.stderr).toContain("opgate/cdktf needs cdktf (or cdktn), an optional peer dependency of opgate that is not installed");
    expect((await load(installed, "opgate/cdktn")).stderr).toContain("opgate/cdktn needs cdktn, an optional peer dependency");
  });

  test("each entry loads once its peers are installed", async () => {
    installed.linkPeer("cdktn");
    expect((await load(installed, "opgate/cdktn")).stdout).toContain("EmrOperationWait");
    expect((await load(installed, "opgate/cdktf")).stdout).toContain("EmrOperationWait");
    installed.linkPeer("@pulumi/pulumi");
    expect((await load(installed, "opgate/pulumi")).stdout).toContain("EmrOperation");
  });
});

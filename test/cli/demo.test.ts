/**
 * `opgate demo` (what `npm start` runs): four real waits against the
 * in-process emulator, each ending in SUCCESS with its outputs. Takes about
 * 13 s: the demo's timelines are meant to be watched.
 */
import { SERVICES } from "../../src/core/result";
import { cliEnv, runCli, STACK_LINE } from "./support/run-cli";

test.concurrent("the demo waits for one operation of each service and prints their outputs", async () => {
  // No credentials in the environment: the demo hands the emulator's to the library itself.
  const run = await runCli(["demo"], cliEnv({}, {}));
  expect(run.code).toBe(0);
  for (const service of SERVICES) {
    expect(run.stdout).toMatch(new RegExp(`^SUCCESS: ${service} \\S+, last status SUCCESS`, "m"));
    expect(run.stderr).toMatch(new RegExp(`Z ${service} \\S+ \\| RUNNING`, "m"));
    expect(run.stderr).toMatch(new RegExp(`Z ended \\| ${service} \\S+ \\| SUCCESS`, "m"));
  }
  expect(run.stdout).toMatch(/^ {2}tagMap +\{"cadt":\["12xxxxxxx","34xxxxxxx"\]\}$/m);
  expect(run.stdout).toMatch(/^ {2}stateChangeReason +\{"code":"Success",/m);
  expect(run.stdout).toMatch(/^ {2}3\.2 +Create and join channels +finished/m);
  expect(run.stdout).toMatch(/^resources \(105\):$/m);
  expect(run.stdout).toContain("… and 95 more (--output json lists them all)");
  expect(run.stderr).toMatch(/HUMAN_PROCESSING\) \| [^|]*must act/);
  expect(run.stderr).toMatch(/\| 1\/3 steps done \|/);
  expect(run.stderr).not.toMatch(STACK_LINE);
}, 45_000);

test.concurrent("what its summary promises: --output json lists them all, the four Results as one JSON array", async () => {
  const run = await runCli(["demo", "--output", "json"], cliEnv({}, {}));
  expect(run.code).toBe(0);
  expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
  const results = JSON.parse(run.stdout) as { service: string; outcome: string; resources: unknown[] }[];
  expect(results.map((result) => [result.service, result.outcome])).toEqual(SERVICES.map((service) => [service, "SUCCESS"]));
  expect(results.find((result) => result.service === "oos")!.resources).toHaveLength(105);
  expect(run.stderr).toMatch(/Z ended \| oos \S+ \| SUCCESS/);
}, 45_000);

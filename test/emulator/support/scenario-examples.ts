/**
 * The JSON examples of src/emulator/SCENARIOS.md (one per service), so tests
 * keep the documentation honest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `[service, parsed JSON]` for each `### <service>` example. */
export function scenarioExamples(): [string, unknown][] {
  const doc = readFileSync(join(__dirname, "../../../src/emulator/SCENARIOS.md"), "utf8");
  return [...doc.matchAll(/### (\w+)\n\n```json\n([\s\S]*?)```/g)].map((m) => [m[1], JSON.parse(m[2])]);
}

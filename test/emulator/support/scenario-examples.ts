/**
 * The JSON examples of src/emulator/SCENARIOS.md (one per service, and the
 * scripted APIs'), so tests keep the documentation honest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `[heading, parsed JSON]` for each example: `### <service>` or `### <scripted API>`, a paragraph or none, then a JSON block. */
export function scenarioExamples(): [string, unknown][] {
  const doc = readFileSync(join(__dirname, "../../../src/emulator/SCENARIOS.md"), "utf8");
  const examples = doc.slice(doc.indexOf("\n## Examples\n"), doc.indexOf("\n## Programmatic use\n"));
  return [...examples.matchAll(/### ([^\n]+)\n\n(?:[^`#][\s\S]*?\n\n)?```json\n([\s\S]*?)```/g)].map((m) => [m[1], JSON.parse(m[2])]);
}

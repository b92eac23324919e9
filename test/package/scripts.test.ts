/**
 * The package runs no script on a user's install (test/package/contents.test.ts),
 * so a git checkout builds when it needs to: `npm start` and `npm test` build
 * first, and `npm pack`/`npm publish` build a clean `dist/`.
 */
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { temporaryFolder } from "../support/temporary-folder";
import { npm, ROOT } from "./support/installed-package";

jest.setTimeout(120_000);

test("`npm start` in a fresh checkout (no dist/) builds, then runs the demo command", () => {
  const checkout = temporaryFolder("opgate-checkout-");
  for (const entry of ["src", "providers", "schema", "package.json", "tsconfig.json"]) cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
  // `-- --help`: the demo's usage instead of its 15 s run; the demo itself is test/cli/demo.test.ts's.
  const out = npm(["start", "--", "--help"], checkout);
  expect(out).toContain("Usage: opgate demo");
  expect(existsSync(join(checkout, "dist", "src", "cli", "main.js"))).toBe(true);
});

test("`npm test` builds first; packing builds a clean dist/", () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  expect(scripts.pretest).toBe("npm run build");
  expect(scripts.prepack).toBe("npm run clean && npm run build");
  expect(scripts.clean).toContain("rmSync('dist'");
});

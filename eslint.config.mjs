// ESLint: the layering of opgate's folders and no import cycles. Anything else
// is left to the compiler (tsconfig's strict mode) and to the tests.
//
// The layering, one line per folder (X → Y: files in X may import Y; nothing else of opgate):
//   src/core          → nothing (engine, schedule, clock, errors, result, progress; knows no cloud)
//   src/signing       → src/core (pure request signers)
//   src/clients       → src/core, src/signing
//   providers/        → src/core, src/clients (never a face, never src/emulator)
//   library face      → src/core, src/clients, providers/ (src/index.ts, src/wait.ts, src/wait-checks.ts)
//   src/package-root.ts → nothing (where the installed package lives; for the faces)
//   src/pulumi        → src/core, src/clients, providers/, the library face, src/package-root.ts
//   src/cdktf         → src/core, src/clients, providers/, the library face, src/package-root.ts
//   src/cdktn         → src/cdktf (the same constructs under the other library's name)
//   src/cli           → src/core, src/clients, providers/, the library face, src/package-root.ts, src/emulator
//   src/testing       → src/core
//   src/emulator      → src/core, src/signing, providers/ (beside the faces: never src/clients, never a face)
// The generic waiter's room (providers/api/) is the only one that evaluates JMESPath: the `jmespath` library is
// imported by providers/api/jmespath.ts only.
// docs/architecture.md states the same; test/, bench/ and scripts/ may import anything.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import globals from "globals";

/** opgate's parts, by the path (folder or file) that holds each. */
const PARTS = {
  core: "src/core",
  signing: "src/signing",
  clients: "src/clients",
  providers: "providers",
  library: ["src/index.ts", "src/wait.ts", "src/wait-checks.ts"],
  packageRoot: "src/package-root.ts",
  pulumi: "src/pulumi",
  cdktf: "src/cdktf",
  cdktn: "src/cdktn",
  cli: "src/cli",
  testing: "src/testing",
  emulator: "src/emulator",
};

/** What each part may import besides itself: the lines of the comment above. */
const MAY_IMPORT = {
  core: [],
  signing: ["core"],
  clients: ["core", "signing"],
  providers: ["core", "clients"],
  library: ["core", "clients", "providers"],
  packageRoot: [],
  pulumi: ["core", "clients", "providers", "library", "packageRoot"],
  cdktf: ["core", "clients", "providers", "library", "packageRoot"],
  cdktn: ["cdktf"],
  cli: ["core", "clients", "providers", "library", "packageRoot", "emulator"],
  testing: ["core"],
  emulator: ["core", "signing", "providers"],
};

const JMESPATH_ONLY_THERE = "JMESPath is evaluated by providers/api/jmespath.ts only (docs/architecture.md).";

const pathsOf = (part) => [PARTS[part]].flat().map((p) => `./${p}`);

/** One zone per part: it may not import any part it is not allowed to. */
const zones = Object.entries(MAY_IMPORT).map(([part, allowed]) => {
  const forbidden = Object.keys(PARTS).filter((other) => other !== part && !allowed.includes(other));
  return {
    target: pathsOf(part),
    from: forbidden.flatMap(pathsOf),
    message: `${part} may import ${allowed.length ? `only ${allowed.join(", ")}` : "nothing of opgate"} (see eslint.config.mjs and docs/architecture.md).`,
  };
});

export default tseslint.config(
  { ignores: ["dist/**", "**/node_modules/**", "**/cdktf.out/**", "coverage/**"] },
  // A disable comment may name a rule that is off here (e.g. no-explicit-any): not worth a warning.
  { linterOptions: { reportUnusedDisableDirectives: "off" } },
  {
    files: ["**/*.{ts,js,mjs}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { "import-x": importX },
    settings: {
      // Follow .ts files too (no-cycle reads every module on a path), parsed as TypeScript.
      "import-x/extensions": [".ts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.test.json" })],
    },
    rules: {
      // The CLI and the faces load heavy parts lazily with `require(...) as typeof import(...)` on purpose.
      "@typescript-eslint/no-require-imports": "off",
      // The few `any`s sit at third-party boundaries (Pulumi's and cdktf's untyped objects); tsc's strict mode does the rest.
      "@typescript-eslint/no-explicit-any": "off",
      // `_name` marks a value left out on purpose; `{ a, ...rest }` drops `a`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }],
    },
  },
  {
    // JMESPath is the generic waiter's (providers/api/jmespath.ts): nothing else of opgate imports the library.
    files: ["src/**/*.ts", "providers/**/*.ts"],
    ignores: ["providers/api/jmespath.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "jmespath", message: JMESPATH_ONLY_THERE }] }],
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.name='require'][arguments.0.value='jmespath']", message: JMESPATH_ONLY_THERE }],
    },
  },
  {
    // Each Pulumi resource class gets its typed outputs from an interface of the same name
    // (`interface EmrOperation extends OperationOutputs<EmrOutputs> {}`): the outputs are declared once,
    // by the parser's type, instead of one `declare readonly` per output in four classes.
    files: ["src/pulumi/resources.ts"],
    rules: { "@typescript-eslint/no-unsafe-declaration-merging": "off", "@typescript-eslint/no-empty-object-type": "off" },
  },
  {
    // CommonJS scripts (benches, jest's config and environment, the API report).
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
);

#!/usr/bin/env node
// @ts-check
/**
 * The API report of each public entry point (the `exports` of package.json):
 * `docs/api/<entry>.api.md`, written by api-extractor from the built
 * declarations (run `npm run build` first).
 *
 *   node scripts/api-report.js --local   rewrites the reports (`npm run api`)
 *   node scripts/api-report.js           fails when a report is out of date (`npm run api:check`, CI)
 *
 * Either way it fails when a public type names something its entry does not
 * export (`ae-forgotten-export`).
 */
"use strict";
const path = require("node:path");
const { CompilerState, ConsoleMessageId, Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const root = path.resolve(__dirname, "..");
const local = process.argv.includes("--local");
const packageJsonFullPath = path.join(root, "package.json");
const configObjectFullPath = path.join(root, "api-extractor.json");
const base = ExtractorConfig.loadFile(configObjectFullPath);
/** @type {Record<string, string | { types: string }>} */
const exportsMap = require(packageJsonFullPath).exports;

/** Entry name (`opgate`, `opgate-pulumi`, ...) and its declaration file, for each subpath with types. */
const entries = Object.entries(exportsMap).flatMap(([subpath, target]) =>
  typeof target === "object" && target.types
    ? [{ name: subpath === "." ? "opgate" : `opgate-${subpath.slice(2).replace(/\//g, "-")}`, types: path.join(root, target.types) }]
    : [],
);

const configs = entries.map(({ name, types }) =>
  ExtractorConfig.prepare({
    configObject: { ...base, mainEntryPointFilePath: types, apiReport: { ...base.apiReport, enabled: true, reportFileName: name } },
    configObjectFullPath,
    packageJsonFullPath,
  }),
);
// One TypeScript program for all entries: the analysis is the slow part.
const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath) });

const changed = [];
const failed = [];
for (const config of configs) {
  const result = Extractor.invoke(config, {
    localBuild: local,
    compilerState,
    printApiReportDiff: !local,
    // "Analysis will use the bundled TypeScript version", once per entry otherwise.
    messageCallback: (message) => {
      if (message.messageId === ConsoleMessageId.Preamble) message.handled = true;
    },
  });
  const report = path.relative(root, path.join(config.reportFolder, config.reportConfigs[0].fileName));
  if (result.apiReportChanged) changed.push(report);
  if (!result.succeeded) failed.push(report);
}

if (local) {
  console.log(changed.length ? `API reports updated: ${changed.join(", ")}` : "API reports unchanged");
}
if (failed.length) {
  const outOfDate = failed.filter((report) => changed.includes(report));
  if (!local && outOfDate.length) {
    console.error(`The public API changed without its report: ${outOfDate.join(", ")}.`);
    console.error("If the change is intended, run `npm run api` (after `npm run build`) and commit docs/api/.");
  }
  console.error(`API check failed for ${failed.join(", ")} (see the messages above).`);
  process.exit(1);
}

#!/usr/bin/env node
// @ts-check
/**
 * The JSON Schema of the API wait spec, generated from its TypeScript type
 * `ApiWaitSpec` (providers/api/spec.ts, the only source) with
 * ts-json-schema-generator. The schema ships in the package
 * (`schema/api-wait.schema.json`, printed by `opgate api schema`) and is what
 * specs are validated against at run time.
 *
 *   node scripts/api-schema.js --local   rewrites the schema (`npm run schema`)
 *   node scripts/api-schema.js           fails when it is out of date (`npm run schema:check`;
 *                                        test/providers/api/schema.test.ts checks the same)
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
/** Where the schema is committed. */
const SCHEMA_FILE = path.join(root, "schema", "api-wait.schema.json");

/** The schema's text, generated from the type now. */
function generateSchemaText() {
  const { createGenerator } = require("ts-json-schema-generator");
  const generator = createGenerator({
    path: path.join(root, "providers", "api", "spec.ts"),
    tsconfig: path.join(root, "tsconfig.json"),
    type: "ApiWaitSpec",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    sortProps: false,
    // The build type-checks the file; the generator only reads its declarations.
    skipTypeCheck: true,
  });
  const schema = generator.createSchema("ApiWaitSpec");
  const { $schema, ...rest } = schema;
  const text = JSON.stringify({ $schema, $comment: "Generated from providers/api/spec.ts by `npm run schema`: edit the type, not this file.", ...rest }, null, 2);
  return `${text}\n`;
}

module.exports = { SCHEMA_FILE, generateSchemaText };

if (require.main === module) {
  const text = generateSchemaText();
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
  if (process.argv.includes("--local")) {
    if (text !== current) fs.writeFileSync(SCHEMA_FILE, text);
    console.log(`${path.relative(root, SCHEMA_FILE)} ${text === current ? "is up to date" : "written"}`);
  } else if (text !== current) {
    console.error(`${path.relative(root, SCHEMA_FILE)} differs from providers/api/spec.ts: run npm run schema and commit it`);
    process.exitCode = 1;
  } else {
    console.log(`${path.relative(root, SCHEMA_FILE)} is up to date`);
  }
}

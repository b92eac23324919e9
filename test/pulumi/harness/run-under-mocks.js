/**
 * Runs a Pulumi program as the Node.js language host does (Pulumi's own
 * `cmd/run/run.js`: `--pwd`, ts-node, the package's entry point rules), with
 * `pulumi.runtime.setMocks` standing in for the engine, and writes what the
 * engine would have received as JSON to the file named by the last argument:
 * every RegisterResource request (type, name, the input object on the wire,
 * dependencies, additionalSecretOutputs) and the stack's outputs.
 *
 * Usage: node run-under-mocks.js <pwd> <program> <out.json>
 * The environment is the program's (PULUMI_CONFIG, credentials, ...), plus
 * optionally OPGATE_TEST_MOCK_OUTPUTS: JSON of resource type → the outputs the
 * mocked engine answers for resources of that type (besides their inputs).
 */
"use strict";
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");

const [pwd, program, outFile] = process.argv.slice(2);
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [pwd] }));
const pulumi = require(pulumiDir);
const settings = require(path.join(pulumiDir, "runtime", "settings"));

// run.js requires its command-line front end (cmd/run/index.js), which starts
// a run of its own on load; only one constant of it is used. Stand it in.
const frontEnd = require.resolve(path.join(pulumiDir, "cmd", "run", "index.js"));
const stub = new Module(frontEnd);
stub.exports = { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 };
stub.loaded = true;
require.cache[frontEnd] = stub;
const { run } = require(path.join(pulumiDir, "cmd", "run", "run.js"));

async function main() {
  const resources = [];
  let stackOutputs = null;
  const mockOutputs = JSON.parse(process.env.OPGATE_TEST_MOCK_OUTPUTS || "{}");
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...mockOutputs[args.type] } }),
      call: (args) => args.inputs,
    },
    process.env.PULUMI_NODEJS_PROJECT || "opgate-example",
    process.env.PULUMI_NODEJS_STACK || "test",
    process.env.PULUMI_NODEJS_DRY_RUN === "true",
  );
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    resources.push({
      type: req.getType(),
      name: req.getName(),
      inputs: req.getObject().toJavaScript(),
      dependencies: req.getDependenciesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, callback);
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) stackOutputs = req.getOutputs().toJavaScript();
    return registerOutputs(req, callback);
  };

  const errors = [];
  await run(
    { _: [program], pwd },
    () => {},
    (err) => errors.push(String(err && err.stack ? err.stack : err)),
    () => false,
  );
  await settings.disconnect();
  fs.writeFileSync(outFile, JSON.stringify({ resources, stackOutputs, errors }, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);

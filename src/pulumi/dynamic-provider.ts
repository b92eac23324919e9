/**
 * The provider object every opgate resource hands to `pulumi.dynamic.Resource`.
 *
 * Pulumi serializes it, with everything its methods capture, into the input
 * `__provider`, which the state keeps for every resource. So it captures
 * nothing: each method loads opgate in the provider host at call time, from
 * the program's directory (the host's cwd), where opgate is installed as a
 * dependency (or, inside opgate's own repository, found by its package name),
 * and hands the call to `providerImplementation` of `opgate/pulumi/provider`. Credentials are read there,
 * at call time, never here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { providerImplementation } from "./provider";

/** The serialized provider: a few hundred bytes of forwarding code. */
export const dynamicProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds, news) => loadOpgate().check(olds, news),
  diff: (id, olds, news) => loadOpgate().diff(id, olds, news),
  create: (inputs) => loadOpgate().create(inputs),
  read: (id, props) => loadOpgate().read(id, props),
  update: (id, olds, news) => loadOpgate().update(id, olds, news),
  delete: (id, props) => loadOpgate().delete(id, props),
};

/** `providerImplementation` of the opgate installed where the Pulumi program runs. */
function loadOpgate(): typeof providerImplementation {
  const { createRequire } = require("node:module") as typeof import("node:module");
  const { join } = require("node:path") as typeof import("node:path");
  const fromProgram = createRequire(join(process.cwd(), "pulumi-program.js"));
  let opgate: { providerImplementation?: typeof providerImplementation };
  try {
    opgate = fromProgram("opgate/pulumi/provider");
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(`opgate/pulumi cannot be loaded from the Pulumi program's directory (${reason}): add opgate to the project's dependencies (npm install opgate)`);
  }
  if (!opgate.providerImplementation) throw new Error("the opgate found in the Pulumi program's directory has no Pulumi provider: update opgate");
  return opgate.providerImplementation;
}

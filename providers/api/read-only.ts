/**
 * The read-only rule (docs/contract.md, "Any read API"): a spec is polled
 * again and again with the user's credentials, so it may only name a read.
 * - An Alibaba RPC action must start with Describe, Get, List or Query and
 *   a capital or a digit (the verbs of Alibaba's own read-only policies),
 *   unless `allowAction` repeats the action's exact name.
 * - ROA and Huawei calls are GET with no body: the spec's type has no other
 *   method and no body (the schema enforces it).
 * - No parameter may be named like a field the signer sets (`Action`,
 *   `Version`, `AccessKeyId`, `Signature*`, `Timestamp`, `Format`,
 *   `SecurityToken`, `x-acs-*`), whatever its case.
 * docs/api-wait.md says why.
 */
import type { SchemaProblem } from "./json-schema";
import { childPath } from "./json-schema";
import { textProblem } from "./placeholders";
import type { ApiCall } from "./spec";

/** The verbs of read APIs. */
const READ_ACTION = /^(?:Describe|Get|List|Query)[A-Z0-9]/;
/** Parameter names that would replace or forge what the signer sends. */
const RESERVED_PARAMETER = /^(?:action|version|accesskeyid|signature.*|timestamp|format|securitytoken|x-acs-.*)$/i;
/** A parameter name: printable, no white space at its ends, of sane length. */
// eslint-disable-next-line no-control-regex
const PARAMETER_NAME = /^(?!\s)[^\u0000-\u001f\u007f]{1,128}(?<!\s)$/;

/** The parameters of a call (RPC `params`, ROA and Huawei `query`) and where they sit in the spec. */
export function parametersOf(call: ApiCall): { path: string; parameters: Readonly<Record<string, unknown>> } {
  return "path" in call ? { path: "call.query", parameters: call.query ?? {} } : { path: "call.params", parameters: call.params ?? {} };
}

/** The first way `call` breaks the read-only rule, or undefined. Paths are relative to the spec. */
export function readOnlyProblem(call: ApiCall): SchemaProblem | undefined {
  if (!("path" in call)) {
    if (call.allowAction !== undefined && call.allowAction !== call.action) {
      return { path: "call.allowAction", reason: `must repeat call.action exactly (${JSON.stringify(call.action)}) to allow that one API, got ${JSON.stringify(call.allowAction)}` };
    }
    if (call.allowAction === undefined && !READ_ACTION.test(call.action)) {
      return {
        path: "call.action",
        reason:
          `${JSON.stringify(call.action)} is not named like a read API: a wait calls it on every poll, so it must start with ` +
          "Describe, Get, List or Query; for a read API with another verb, repeat its name in call.allowAction",
      };
    }
  }
  const { path, parameters } = parametersOf(call);
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name) || textProblem(name)) {
      return { path: childPath(path, name), reason: "is not a parameter name: 1 to 128 printable characters of well-formed text, without white space at either end" };
    }
    if (RESERVED_PARAMETER.test(name)) {
      return { path: childPath(path, name), reason: "is a field the request's signer sets (Action, Version, AccessKeyId, Signature*, Timestamp, Format, SecurityToken, x-acs-*): remove it" };
    }
  }
  return undefined;
}

/**
 * The request a spec's call sends, once its placeholders are filled:
 * Alibaba RPC (`params`), Alibaba ROA and Huawei REST (`path` and `query`).
 * A parameter value that is not a string is sent as its compact JSON text,
 * the form Alibaba's list parameters take (`InstanceIds=["i-1"]`).
 */
import type { ApiRequest } from "../types";
import type { ApiCall, ApiParameters } from "./spec";

/** A parameter's value as sent: a string as it is, anything else as compact JSON. */
function parameterText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function parameterTexts(parameters: ApiParameters | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters ?? {}).map(([name, value]) => [name, parameterText(value)]));
}

/** The request of a filled call. */
export function callRequest(call: ApiCall): ApiRequest {
  if (call.cloud === "huawei") return { style: "rest", method: "GET", path: call.path, query: parameterTexts(call.query) };
  if ("path" in call) {
    return { style: "roa", method: "GET", action: call.action, version: call.version, path: call.path, query: parameterTexts(call.query) };
  }
  return { style: "rpc", action: call.action, version: call.version, params: parameterTexts(call.params) };
}

/** The operation ID of a spec without `id`: `<product>:<action>`, or `<service>:GET <path>` for Huawei. */
export function defaultOperationId(call: ApiCall): string {
  return call.cloud === "huawei" ? `${call.service}:GET ${call.path}` : `${call.product}:${call.action}`;
}

/** The `input` that `inputOutput` matchers see: the call's parameters, filled, before they become text. */
export function callInput(call: ApiCall): ApiParameters {
  return ("path" in call ? call.query : call.params) ?? {};
}

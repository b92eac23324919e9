/**
 * `opgate api check`: checks a spec and its vars offline, as `opgate wait
 * api` would before its first request, and prints the request each poll
 * would send. It reads no credential and sends nothing.
 */
import { parseEndpoint } from "../clients/endpoint";
import { previewRequest } from "../clients/offline";
import { toJson } from "../core/values";
import { preparedFromOptions } from "./api-input";

/** The signature each cloud's requests carry. */
const SIGNATURES = { alibaba: "ACS3-HMAC-SHA256", huawei: "SDK-HMAC-SHA256 (or X-Auth-Token)" } as const;
/** Headers the signer or the transport set: not worth showing. */
const PLAIN_HEADERS = new Set(["host", "accept", "content-type"]);

/** The text `opgate api check` prints for the options (throws `InputError` for bad input). */
export function apiCheckReport(options: Readonly<Record<string, unknown>>, env: Record<string, string | undefined>): string {
  const wait = preparedFromOptions(options, env);
  const endpoint = (options.endpoint as string | undefined) ?? (env.OPGATE_ENDPOINT?.trim() || wait.target.defaultEndpoint());
  const preview = previewRequest(wait.target.cloud, wait.request, parseEndpoint(endpoint), wait.target.projectId);
  const headers = Object.fromEntries(Object.entries(preview.headers).filter(([name]) => !PLAIN_HEADERS.has(name)));
  if (options.output === "json") {
    return `${toJson({ operationId: wait.operationId, cloud: wait.target.cloud, request: { method: preview.method, url: preview.url, headers } })}\n`;
  }
  return [
    `spec OK: ${wait.operationId}`,
    `each poll sends: ${preview.method} ${preview.url}`,
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
    `signed with ${SIGNATURES[wait.target.cloud]} when the wait runs (no credential was read; nothing was sent)`,
    "",
  ].join("\n");
}

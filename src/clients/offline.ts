/**
 * Requests and answers without the network, for authoring a wait offline:
 * the request a caller would send (`opgate api check` prints it; nothing is
 * signed, no credential is read) and a saved answer read exactly as a live
 * call reads it (`opgate api eval`): the same error classification, the same
 * JSON parse (integers beyond 2^53 as bigints).
 */
import { alibabaAnswerReader, alibabaRequest } from "./alibaba-client";
import { readAnswer, type NotFoundTest } from "./answer";
import { requestUrl } from "./endpoint";
import { huaweiAnswerReader, huaweiRequest } from "./huawei-client";
import type { ApiRequest, Cloud } from "./types";

/** What would go over the wire, before signing. */
export interface RequestPreview {
  method: string;
  url: string;
  /** The headers that name the API (`x-acs-action`, `x-project-id`, ...), before the signer adds its own. */
  headers: Record<string, string>;
}

/** The request `cloud`'s caller would send to `endpoint` for `request`. */
export function previewRequest(cloud: Cloud, request: ApiRequest, endpoint: URL, projectId?: string): RequestPreview {
  const req = cloud === "huawei" ? huaweiRequest(request, endpoint.host, projectId) : alibabaRequest(request, endpoint.host);
  return { method: req.method, url: requestUrl(endpoint, req.path, req.query), headers: req.headers };
}

/**
 * The parsed body of a saved answer to `request` that came with HTTP
 * `status`; throws the `ApiError` a live call would throw for it.
 */
export function readSavedAnswer(cloud: Cloud, request: ApiRequest, status: number, text: string, isNotFound: NotFoundTest): Record<string, unknown> {
  const reader = cloud === "huawei" ? huaweiAnswerReader(isNotFound, []) : alibabaAnswerReader(request, isNotFound, []);
  return readAnswer({ status, headers: { "content-type": "application/json" }, text }, reader, "http://saved-answer.invalid/");
}

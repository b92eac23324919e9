/**
 * Builds the signed `ApiCaller` of one cloud: validates the endpoint, resolves
 * the credentials eagerly (missing ones fail before any request) and applies
 * the plain-HTTP rule for bearer material.
 */
import type { ApiCaller } from "../../providers/types";
import { resolveAlibabaCredentials } from "./alibaba-credentials";
import { createAlibabaRpcCaller } from "./alibaba-rpc-client";
import { assertBearerAllowed, parseEndpoint } from "./endpoint";
import { createHuaweiCaller } from "./huawei-client";
import { resolveHuaweiCredentials } from "./huawei-credentials";
import type { ClientOptions } from "./types";

export type { ClientOptions } from "./types";

/** Default cap on an answer's body: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The caller for `options.cloud`.
 * @throws InputError("endpoint") for a bad endpoint, or a token that would go
 *   over plain HTTP outside loopback without `allowInsecureHttp`.
 * @throws InputError("credentials") when no credentials are found.
 */
export async function createApiCaller(options: ClientOptions): Promise<ApiCaller> {
  const endpoint = parseEndpoint(options.endpoint);
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { isNotFound } = options;
  if (options.cloud === "huawei") {
    const credentials = resolveHuaweiCredentials(options.env);
    return createHuaweiCaller({ endpoint, credentials, projectId: options.projectId, allowInsecureHttp, maxResponseBytes, isNotFound });
  }
  const credentials = await resolveAlibabaCredentials(options.env);
  // The client checks again per request: a refreshed chain may switch to STS.
  if ((await credentials()).securityToken) assertBearerAllowed(endpoint, allowInsecureHttp);
  return createAlibabaRpcCaller({ endpoint, credentials, allowInsecureHttp, maxResponseBytes, isNotFound });
}

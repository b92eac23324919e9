/**
 * Builds the signed `ApiCaller` of one cloud: validates the endpoint, resolves
 * the credentials eagerly (missing ones fail before any request) and applies
 * the plain-HTTP rule for bearer material.
 */
import { createHash } from "node:crypto";
import type { ApiCaller } from "./types";
import { resolveAlibabaCredentials } from "./alibaba-credentials";
import { createAlibabaCaller } from "./alibaba-client";
import { assertBearerAllowed, parseEndpoint } from "./endpoint";
import { createHuaweiCaller, resolveHuaweiCredentials } from "./huawei-client";
import type { ClientOptions } from "./types";

export type { ClientOptions } from "./types";

/** Default cap on an answer's body: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A signed caller and whose credentials sign for it. */
export interface SignedCaller extends ApiCaller {
  /**
   * Who the requests count against (the access key ID, or a digest of a
   * token): the key of the shared rate limiter. Never a secret.
   */
  readonly identity: string;
}

/**
 * The caller for `options.cloud`.
 * @throws InputError("endpoint") for a bad endpoint, or a token that would go
 *   over plain HTTP outside loopback without `allowInsecureHttp`.
 * @throws InputError("credentials") when no credentials are found.
 */
export async function createApiCaller(options: ClientOptions): Promise<SignedCaller> {
  const endpoint = parseEndpoint(options.endpoint);
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { isNotFound } = options;
  if (options.cloud === "huawei") {
    const credentials = resolveHuaweiCredentials(options.env);
    const identity = credentials.kind === "aksk" ? credentials.accessKey : `token:${digest(credentials.token)}`;
    return { identity, ...createHuaweiCaller({ endpoint, credentials, projectId: options.projectId, allowInsecureHttp, maxResponseBytes, isNotFound }) };
  }
  const credentials = await resolveAlibabaCredentials(options.env);
  const first = await credentials();
  // The client checks again per request: a refreshed chain may switch to STS.
  if (first.securityToken) assertBearerAllowed(endpoint, allowInsecureHttp);
  return { identity: first.accessKeyId, ...createAlibabaCaller({ endpoint, credentials, allowInsecureHttp, maxResponseBytes, isNotFound }) };
}

/** A short one-way digest, so that a token can key a map without being kept in it. */
function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 16);
}

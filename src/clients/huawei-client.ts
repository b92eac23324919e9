/**
 * The `ApiCaller` for Huawei Cloud REST APIs: a GET of a path with a query,
 * `content-type: application/json`, `x-project-id`, authenticated with an
 * SDK-HMAC-SHA256 signature (AK/SK) or an `x-auth-token`.
 *
 * Huawei Cloud credentials from the environment: an AK/SK pair (optionally
 * temporary, with a security token) or an IAM token sent as `X-Auth-Token`.
 */
import type { ApiCaller, ApiRequest } from "./types";
import type { SignableRequest } from "../signing/canonical";
import type { ReadBudget } from "./read-budget";
import { sendSigned, stringField, type AnswerReader, type ErrorFields, type NotFoundTest } from "./answer";
import { assertBearerAllowed, requestUrl } from "./endpoint";
import { signHuawei } from "../signing/huawei";
import { InputError } from "../core/errors";
import type { HuaweiAccessKey } from "../signing/huawei";

/** An access key pair, signed with SDK-HMAC-SHA256. */
export interface HuaweiAkSk extends HuaweiAccessKey {
  kind: "aksk";
}

/** An IAM token, sent as `X-Auth-Token`. */
export interface HuaweiToken {
  kind: "token";
  token: string;
}

/** What Huawei Cloud requests are authenticated with. */
export type HuaweiCredentials = HuaweiAkSk | HuaweiToken;

/**
 * Reads `HW_ACCESS_KEY` + `HW_SECRET_KEY` (+ `HW_SECURITY_TOKEN`), which win,
 * else `HW_AUTH_TOKEN`. Throws `InputError("credentials")` when neither is set.
 */
export function resolveHuaweiCredentials(env: Record<string, string | undefined>): HuaweiCredentials {
  const { HW_ACCESS_KEY: accessKey, HW_SECRET_KEY: secretKey, HW_SECURITY_TOKEN: securityToken } = env;
  if (accessKey && secretKey) {
    return securityToken ? { kind: "aksk", accessKey, secretKey, securityToken } : { kind: "aksk", accessKey, secretKey };
  }
  if (env.HW_AUTH_TOKEN) return { kind: "token", token: env.HW_AUTH_TOKEN };
  throw new InputError(
    "credentials",
    "no Huawei Cloud credentials found: set HW_ACCESS_KEY and HW_SECRET_KEY (and HW_SECURITY_TOKEN for temporary credentials), or HW_AUTH_TOKEN",
  );
}

/** What the Huawei caller needs. */
export interface HuaweiCallerOptions {
  /** A validated base URL (see `parseEndpoint`). */
  endpoint: URL;
  credentials: HuaweiCredentials;
  /** Sent as `x-project-id` when set. */
  projectId?: string;
  /** Send tokens over plain HTTP to a non-loopback host. */
  allowInsecureHttp: boolean;
  maxResponseBytes: number;
  isNotFound: NotFoundTest;
}

/** Reads Huawei's error body `{ error_code, error_msg, request_id? }` (else the `x-request-id` header). */
function huaweiErrorFields(body: Record<string, unknown>, headers: Record<string, string>): ErrorFields {
  return {
    code: stringField(body.error_code),
    message: stringField(body.error_msg),
    requestId: stringField(body.request_id) ?? headers["x-request-id"],
  };
}

/**
 * A 2xx Huawei body is an error answer only with the full error shape,
 * `error_code` and `error_msg` (BCS's 200 `{error_code, error_msg}`): job
 * APIs answer a failed job with HTTP 200, `status: "FAIL"`, `error_code` and
 * `fail_reason`, which is data for the provider to read.
 */
function isHuaweiErrorBody(body: Record<string, unknown>): boolean {
  return body.error_code != null && body.error_msg != null;
}

/** How a Huawei Cloud answer reads; `secrets` never reach a message. */
export function huaweiAnswerReader(isNotFound: NotFoundTest, secrets: readonly (string | undefined)[]): AnswerReader {
  return { api: "Huawei Cloud", errorFields: huaweiErrorFields, isErrorBody: isHuaweiErrorBody, isNotFound, secrets };
}

/** The values of the credentials that must never appear in a message. */
function secretsOf(creds: HuaweiCredentials): (string | undefined)[] {
  return creds.kind === "token" ? [creds.token] : [creds.secretKey, creds.securityToken];
}

/** The headers that authenticate `req`. */
function authenticate(req: SignableRequest, creds: HuaweiCredentials): Record<string, string> {
  return creds.kind === "token" ? { ...req.headers, "x-auth-token": creds.token } : signHuawei(req, creds, new Date());
}

/** The request to sign: a GET of the path with its query, JSON accepted, `x-project-id` when the project is known. */
export function huaweiRequest(request: ApiRequest, host: string, projectId: string | undefined): SignableRequest {
  if (request.style !== "rest") throw new TypeError("the Huawei Cloud client only sends REST requests");
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (projectId) headers["x-project-id"] = projectId;
  return { method: request.method, path: request.path, query: request.query, headers, body: "" };
}

/**
 * Creates the caller; it accepts only `style: "rest"` requests.
 * @throws InputError("endpoint") when a token would go over plain HTTP outside loopback.
 */
export function createHuaweiCaller(options: HuaweiCallerOptions): ApiCaller {
  const { endpoint, credentials } = options;
  if (credentials.kind === "token" || credentials.securityToken) assertBearerAllowed(endpoint, options.allowInsecureHttp);
  return {
    async call(request: ApiRequest, signal: AbortSignal, budget?: ReadBudget) {
      const req = huaweiRequest(request, endpoint.host, options.projectId);
      return sendSigned(
        async () => ({
          request: {
            url: requestUrl(endpoint, req.path, req.query),
            method: req.method,
            headers: authenticate(req, credentials),
          },
          reader: huaweiAnswerReader(options.isNotFound, secretsOf(credentials)),
        }),
        signal,
        options.maxResponseBytes,
        budget,
      );
    },
  };
}

/**
 * The `ApiCaller` for Alibaba Cloud APIs, signed with ACS3-HMAC-SHA256
 * (which signs both API styles alike), with `x-acs-action` / `x-acs-version`
 * naming the API:
 * - RPC style: `POST /` with the parameters in the query string and an empty body;
 * - ROA style: a `GET` of the API's path with its query, and no body.
 */
import { randomUUID } from "node:crypto";
import type { ApiCaller, ApiRequest } from "./types";
import { signAcs3 } from "../signing/alibaba";
import type { SignableRequest } from "../signing/canonical";
import type { AlibabaCredentialsGetter } from "./alibaba-credentials";
import type { ReadBudget } from "./read-budget";
import { sendSigned, stringField, type AnswerReader, type ErrorFields, type NotFoundTest } from "./answer";
import { assertBearerAllowed, requestUrl } from "./endpoint";

/** What the Alibaba caller needs. */
export interface AlibabaCallerOptions {
  /** A validated base URL (see `parseEndpoint`). */
  endpoint: URL;
  credentials: AlibabaCredentialsGetter;
  /** Send STS security tokens over plain HTTP to a non-loopback host. */
  allowInsecureHttp: boolean;
  maxResponseBytes: number;
  isNotFound: NotFoundTest;
}

/** Reads Alibaba's error body `{ RequestId, HostId, Code, Message, Recommend }`. */
function alibabaErrorFields(body: Record<string, unknown>): ErrorFields {
  return { code: stringField(body.Code), message: stringField(body.Message), requestId: stringField(body.RequestId) };
}

/**
 * Reads an ROA error body: ROA APIs may answer `{ code, message, requestId }`
 * in lower case (Alibaba's generic SDK client reads both spellings). The
 * lower-case fields count only on an answer that is not 2xx, so that a
 * resource attribute named `code` in a successful answer is never an error.
 */
function roaErrorFields(body: Record<string, unknown>, _headers: Record<string, string>, status: number): ErrorFields {
  const upper = alibabaErrorFields(body);
  if (status >= 200 && status <= 299) return upper;
  return {
    code: upper.code ?? stringField(body.code),
    message: upper.message ?? stringField(body.message),
    requestId: upper.requestId ?? stringField(body.requestId) ?? stringField(body.requestid),
  };
}

/** `Code` values a successful answer may carry (BPStudio sends `"Code": "200"`). */
const SUCCESS_CODE = /^(?:2\d\d|ok|success)$/i;

/**
 * A 2xx Alibaba body is an error answer when its `Code` is not a success
 * code, with or without `Message`: read as data, a gateway's bare
 * `{"Code":"InternalError"}` on a later OOS page would read as an empty page
 * and could make a false SUCCESS. (An ROA body's lower-case `code` never
 * counts on a 2xx: see `roaErrorFields`.)
 */
function isAlibabaErrorBody(_body: Record<string, unknown>, fields: ErrorFields): boolean {
  return fields.code !== undefined && !SUCCESS_CODE.test(fields.code);
}

/** How an Alibaba Cloud answer to `request` reads (an ROA error body may be lower-case); `secrets` never reach a message. */
export function alibabaAnswerReader(request: ApiRequest, isNotFound: NotFoundTest, secrets: readonly (string | undefined)[]): AnswerReader {
  return {
    api: "Alibaba Cloud",
    errorFields: request.style === "roa" ? roaErrorFields : alibabaErrorFields,
    isErrorBody: isAlibabaErrorBody,
    isNotFound,
    secrets,
  };
}

/** The request to sign: RPC parameters in the query of `POST /`, or an ROA `GET` of its path. */
export function alibabaRequest(request: ApiRequest, host: string): SignableRequest {
  if (request.style === "rest") throw new TypeError("the Alibaba Cloud client sends RPC- and ROA-style requests only");
  const headers = { host, accept: "application/json", "x-acs-action": request.action, "x-acs-version": request.version };
  return request.style === "rpc"
    ? { method: "POST", path: "/", query: request.params, headers, body: "" }
    : { method: request.method, path: request.path, query: request.query, headers, body: "" };
}

/** Creates the caller; it accepts `style: "rpc"` and `style: "roa"` requests. */
export function createAlibabaCaller(options: AlibabaCallerOptions): ApiCaller {
  const { endpoint } = options;
  return {
    async call(request: ApiRequest, signal: AbortSignal, budget?: ReadBudget) {
      const req = alibabaRequest(request, endpoint.host);
      return sendSigned(
        async () => {
          const creds = await options.credentials();
          if (creds.securityToken) assertBearerAllowed(endpoint, options.allowInsecureHttp);
          return {
            request: {
              url: requestUrl(endpoint, req.path, req.query),
              method: req.method,
              headers: signAcs3(req, creds, new Date(), randomUUID()),
              body: req.body,
            },
            reader: alibabaAnswerReader(request, options.isNotFound, [creds.accessKeySecret, creds.securityToken]),
          };
        },
        signal,
        options.maxResponseBytes,
        budget,
      );
    },
  };
}

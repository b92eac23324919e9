/**
 * The `ApiCaller` for Alibaba Cloud RPC-style APIs: `POST /` with the
 * parameters in the query string, `Action`/`Version` as `x-acs-action` /
 * `x-acs-version` headers, an empty body, signed with ACS3-HMAC-SHA256.
 */
import { randomUUID } from "node:crypto";
import type { ApiCaller, ApiRequest } from "./types";
import { signAcs3 } from "../signing/alibaba";
import type { SignableRequest } from "../signing/canonical";
import type { AlibabaCredentialsGetter } from "./alibaba-credentials";
import type { ReadBudget } from "./read-budget";
import { sendSigned, stringField, type ErrorFields, type NotFoundTest } from "./answer";
import { assertBearerAllowed, requestUrl } from "./endpoint";

/** What the Alibaba RPC caller needs. */
export interface AlibabaRpcCallerOptions {
  /** A validated base URL (see `parseEndpoint`). */
  endpoint: URL;
  credentials: AlibabaCredentialsGetter;
  /** Send STS security tokens over plain HTTP to a non-loopback host. */
  allowInsecureHttp: boolean;
  maxResponseBytes: number;
  isNotFound: NotFoundTest;
}

/** Reads Alibaba's error body `{ RequestId, HostId, Code, Message, Recommend }`. */
export function alibabaErrorFields(body: Record<string, unknown>): ErrorFields {
  return { code: stringField(body.Code), message: stringField(body.Message), requestId: stringField(body.RequestId) };
}

/** `Code` values a successful answer may carry (BPStudio sends `"Code": "200"`). */
const SUCCESS_CODE = /^(?:2\d\d|ok|success)$/i;

/**
 * A 2xx Alibaba body is an error answer when its `Code` is not a success
 * code, with or without `Message`: read as data, a gateway's bare
 * `{"Code":"InternalError"}` on a later OOS page would read as an empty page
 * and could make a false SUCCESS.
 */
function isAlibabaErrorBody(_body: Record<string, unknown>, fields: ErrorFields): boolean {
  return fields.code !== undefined && !SUCCESS_CODE.test(fields.code);
}

/** Creates the caller; it accepts only `style: "rpc"` requests. */
export function createAlibabaRpcCaller(options: AlibabaRpcCallerOptions): ApiCaller {
  const { endpoint } = options;
  return {
    async call(request: ApiRequest, signal: AbortSignal, budget?: ReadBudget) {
      if (request.style !== "rpc") throw new TypeError("the Alibaba Cloud client only sends RPC-style requests");
      return sendSigned(
        async () => {
          const creds = await options.credentials();
          if (creds.securityToken) assertBearerAllowed(endpoint, options.allowInsecureHttp);
          const req: SignableRequest = {
            method: "POST",
            path: "/",
            query: request.params,
            headers: {
              host: endpoint.host,
              accept: "application/json",
              "x-acs-action": request.action,
              "x-acs-version": request.version,
            },
            body: "",
          };
          return {
            request: {
              url: requestUrl(endpoint, req.path, req.query),
              method: req.method,
              headers: signAcs3(req, creds, new Date(), randomUUID()),
              body: req.body,
            },
            reader: {
              api: "Alibaba Cloud",
              errorFields: alibabaErrorFields,
              isErrorBody: isAlibabaErrorBody,
              isNotFound: options.isNotFound,
              secrets: [creds.accessKeySecret, creds.securityToken],
            },
          };
        },
        signal,
        options.maxResponseBytes,
        budget,
      );
    },
  };
}

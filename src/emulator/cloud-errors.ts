/**
 * The error answers of each cloud's gateway, with their real codes, HTTP
 * statuses and body shapes: Alibaba `{RequestId, HostId, Code, Message,
 * Recommend}`, Huawei `{error_code, error_msg}`.
 */
import type { Cloud } from "../../providers/types";
import { huaweiErrorAnswer, newRequestId } from "../../providers/shared/error-answers";
import type { Reply } from "./reply";

/** An error before it gets its cloud's body. */
export interface CloudError {
  status: number;
  code: string;
  message: string;
  /** Extra response headers (`Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * The cloud's JSON error answer for `err`. `host` is the request's Host
 * header: gateway errors happen before (or regardless of) the product, so the
 * Alibaba `HostId` is the host the client called, not a product endpoint.
 */
export function errorReply(cloud: Cloud, err: CloudError, host: string): Reply {
  const headers = err.headers;
  if (cloud === "huawei") return { kind: "json", ...huaweiErrorAnswer(err.status, err.code, err.message), headers };
  const requestId = newRequestId();
  const body = {
    RequestId: requestId,
    HostId: host,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?${new URLSearchParams({ q: err.code, requestId }).toString()}`,
  };
  return { kind: "json", status: err.status, body, headers };
}

/** Alibaba Cloud gateway errors. */
export const alibabaErrors = {
  actionNotFound: (): CloudError => ({
    status: 404,
    code: "InvalidAction.NotFound",
    message: "Specified api is not found, please check your url and method.",
  }),
  invalidVersion: (): CloudError => ({ status: 400, code: "InvalidVersion", message: "Specified parameter Version is not valid." }),
  missingParameter: (name: string): CloudError => ({
    status: 400,
    code: "MissingParameter",
    message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  }),
  accessKeyNotFound: (): CloudError => ({ status: 404, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found." }),
  signatureDoesNotMatch: (detail = "Specified signature is not matched with our calculation."): CloudError => ({
    status: 400,
    code: "SignatureDoesNotMatch",
    message: detail,
  }),
  incompleteSignature: (detail: string): CloudError => ({
    status: 400,
    code: "IncompleteSignature",
    message: `The request signature does not conform to Aliyun standards. ${detail}`,
  }),
  timestampExpired: (): CloudError => ({
    status: 400,
    code: "InvalidTimeStamp.Expired",
    message: "Specified time stamp or date value is expired.",
  }),
  timestampFormat: (): CloudError => ({
    status: 400,
    code: "InvalidTimeStamp.Format",
    message: "Specified time stamp or date value is not well formatted.",
  }),
  nonceUsed: (): CloudError => ({ status: 400, code: "SignatureNonceUsed", message: "Specified signature nonce was used already." }),
  securityTokenMismatch: (): CloudError => ({
    status: 400,
    code: "InvalidSecurityToken.MismatchWithAccessKey",
    message: "Specified SecurityToken mismatch with the AccessKey.",
  }),
  throttled: (code = "Throttling.User", status = 400): CloudError => ({
    status,
    code,
    message: "Request was denied due to user flow control.",
  }),
  serviceUnavailable: (code = "ServiceUnavailable"): CloudError => ({
    status: 503,
    code,
    message: "The request has failed due to a temporary failure of the server.",
  }),
  internalError: (): CloudError => ({
    status: 500,
    code: "InternalError",
    message: "The request processing has failed due to some unknown error, exception or failure.",
  }),
  bodyTooLarge: (limit: number): CloudError => ({
    status: 413,
    code: "RequestBodyTooLarge",
    message: `The request body is larger than ${limit} bytes.`,
  }),
  malformedRequest: (detail: string): CloudError => ({
    status: 400,
    code: "InvalidParameter",
    message: `The request is malformed: ${detail}.`,
  }),
} as const;

/** Huawei Cloud API gateway (APIG) and BCS errors. */
export const huaweiErrors = {
  apiNotFound: (): CloudError => ({
    status: 404,
    code: "APIGW.0101",
    message: "The API does not exist or has not been published in the environment",
  }),
  authFailed: (detail: string): CloudError => ({
    status: 401,
    code: "APIGW.0301",
    message: `Incorrect IAM authentication information: ${detail}`,
  }),
  dateSkewed: (): CloudError => ({
    status: 401,
    code: "APIGW.0303",
    message: "Incorrect IAM authentication information: X-Sdk-Date is more than 15 minutes away from the server time",
  }),
  /** BCS's own answer to a wrong token. */
  badToken: (): CloudError => ({ status: 401, code: "BCS.4010401", message: "Incorrect token or token resolution failed" }),
  throttled: (code = "APIG.0308"): CloudError => ({
    status: 429,
    code,
    message: "The throttling threshold has been reached",
  }),
  serverError: (code = "BCS.5000500"): CloudError => ({ status: 500, code, message: "Internal Server Error" }),
  bodyTooLarge: (): CloudError => ({ status: 413, code: "APIG.0201", message: "Request entity too large" }),
  badRequest: (detail: string): CloudError => ({ status: 400, code: "APIG.0201", message: `Bad request: ${detail}` }),
} as const;

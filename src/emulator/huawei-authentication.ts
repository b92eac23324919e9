/**
 * Authenticates a Huawei Cloud request as the API gateway does: an AK/SK
 * `SDK-HMAC-SHA256` signature (verified with the signer of `src/clients`), or
 * an IAM token in `X-Auth-Token`.
 */
import { HUAWEI_ALGORITHM, huaweiSignature } from "../signing/huawei";
import {
  type AuthContext,
  parseSdkDate,
  parseSignatureHeader,
  safeEqual,
  withinClockWindow,
} from "./authentication";
import type { SignableRequest } from "../signing/canonical";
import { type CloudError, huaweiErrors } from "./cloud-errors";

/** Headers every AK/SK request must sign. */
export const HUAWEI_REQUIRED_SIGNED_HEADERS = ["host", "x-sdk-date"] as const;

/**
 * The gateway's error for the request, or undefined when it is authentic.
 * @param tokenRejected the answer to a token that is not the accepted one:
 *   BCS answers its own `BCS.4010401` (the default), other APIs the gateway's `APIGW.0301`.
 */
export function verifyHuawei(req: SignableRequest, ctx: AuthContext, tokenRejected = huaweiErrors.badToken): CloudError | undefined {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) return verifyAkSk(req, authorization, ctx);
  const token = req.headers["x-auth-token"];
  if (token === undefined) return huaweiErrors.authFailed("x-auth-token not found");
  return safeEqual(token, ctx.credentials.huaweiAuthToken) ? undefined : tokenRejected();
}

function verifyAkSk(req: SignableRequest, authorization: string, ctx: AuthContext): CloudError | undefined {
  const auth = parseSignatureHeader(authorization, HUAWEI_ALGORITHM, "Access");
  if (!auth) {
    return huaweiErrors.authFailed(
      `the Authorization header must be "${HUAWEI_ALGORITHM} Access=<AK>, SignedHeaders=<a;b>, Signature=<hex>"`,
    );
  }
  const headerError = checkSignedHeaders(req.headers, auth.signedHeaders);
  if (headerError) return headerError;
  const sdkDate = req.headers["x-sdk-date"];
  const date = parseSdkDate(sdkDate);
  if (date === undefined) return huaweiErrors.authFailed("X-Sdk-Date must look like 20191115T033655Z");
  if (!safeEqual(auth.accessKeyId, ctx.credentials.huaweiAccessKey)) return huaweiErrors.authFailed("the access key does not exist");
  if (!withinClockWindow(date, ctx.now)) return huaweiErrors.dateSkewed();
  const expected = huaweiSignature(req, auth.signedHeaders, ctx.credentials.huaweiSecretKey, sdkDate);
  return safeEqual(expected, auth.signature) ? undefined : huaweiErrors.authFailed("verify aksk signature fail");
}

/** Required headers signed, a security token signed when sent, every signed header present. */
function checkSignedHeaders(headers: Record<string, string>, signed: string[]): CloudError | undefined {
  const mustSign = [...HUAWEI_REQUIRED_SIGNED_HEADERS, ...(headers["x-security-token"] ? ["x-security-token"] : [])];
  const unsigned = mustSign.find((name) => !signed.includes(name));
  if (unsigned) return huaweiErrors.authFailed(`SignedHeaders must include ${unsigned}`);
  const absent = signed.find((name) => headers[name] === undefined);
  if (absent) return huaweiErrors.authFailed(`the signed header ${absent} is not in the request`);
  return undefined;
}

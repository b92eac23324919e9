/**
 * Verifies Alibaba Cloud RPC requests signed the old way (signature version
 * 1.0, HMAC-SHA1, `Signature` parameter), with the signer of `src/clients`.
 */
import { rpcV1Signature } from "../signing/alibaba";
import { type AuthContext, parseIsoUtc, safeEqual, withinClockWindow } from "./auth-common";
import { checkSecurityToken } from "./alibaba-security-token";
import { alibabaErrors, type CloudError } from "./cloud-errors";

/** Parameters every v1-signed request must carry, in the order they are checked. */
export const V1_REQUIRED_PARAMS = [
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "Timestamp",
] as const;

/**
 * Checks a v1-signed request; `params` are its query and form parameters
 * merged. Returns the gateway's error, or undefined when it is authentic.
 */
export function verifyV1(
  method: string,
  params: Record<string, string>,
  ctx: AuthContext,
): CloudError | undefined {
  const missing = V1_REQUIRED_PARAMS.find((name) => !params[name]);
  if (missing) return alibabaErrors.missingParameter(missing);
  if (params.SignatureMethod !== "HMAC-SHA1") return alibabaErrors.incompleteSignature("SignatureMethod must be HMAC-SHA1.");
  if (params.SignatureVersion !== "1.0") return alibabaErrors.incompleteSignature("SignatureVersion must be 1.0.");
  if (!safeEqual(params.AccessKeyId, ctx.credentials.alibabaAccessKeyId)) return alibabaErrors.accessKeyNotFound();

  const date = parseIsoUtc(params.Timestamp);
  if (date === undefined) return alibabaErrors.timestampFormat();
  if (!withinClockWindow(date, ctx.now)) return alibabaErrors.timestampExpired();

  const tokenError = checkSecurityToken(params.SecurityToken, ctx);
  if (tokenError) return tokenError;

  const { Signature: signature, ...signed } = params;
  const expected = rpcV1Signature(method, signed, ctx.credentials.alibabaAccessKeySecret);
  if (!safeEqual(expected, signature)) return alibabaErrors.signatureDoesNotMatch();
  if (!ctx.nonces.use(params.AccessKeyId, params.SignatureNonce, ctx.now)) return alibabaErrors.nonceUsed();
  return undefined;
}

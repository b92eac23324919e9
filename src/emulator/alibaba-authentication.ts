/**
 * Authenticates an Alibaba Cloud request: `ACS3-HMAC-SHA256` when it carries
 * an `Authorization` header, otherwise signature version 1.0 parameters.
 *
 * Verifies Alibaba Cloud RPC requests signed the old way (signature version
 * 1.0, HMAC-SHA1, `Signature` parameter), with the signer of `src/clients`.
 *
 * Verifies Alibaba Cloud `ACS3-HMAC-SHA256` requests as the gateway does,
 * with the signer of `src/clients` (one canonicalizer for both sides).
 */
import { createHash } from "node:crypto";
import { ACS3_ALGORITHM, acs3Signature, rpcV1Signature } from "../signing/alibaba";
import type { SignableRequest } from "../signing/canonical";
import { type AuthContext, parseIsoUtc, parseSignatureHeader, safeEqual, withinClockWindow } from "./authentication";
import { alibabaErrors, type CloudError } from "./cloud-errors";

/**
 * The gateway's error for the request, or undefined when it is authentic.
 * @param params the query and form parameters merged.
 */
export function verifyAlibaba(req: SignableRequest, params: Record<string, string>, ctx: AuthContext): CloudError | undefined {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return verifyV1(req.method, params, ctx);
  if (authorization.startsWith(`${ACS3_ALGORITHM} `)) return verifyAcs3(req, ctx);
  return alibabaErrors.incompleteSignature(`The Authorization header must use ${ACS3_ALGORITHM}.`);
}

/**
 * When the emulator is configured with an STS token, a request must present
 * it (signed: as the `x-acs-security-token` header or the v1 `SecurityToken`
 * parameter). Without one configured, any presented token is accepted.
 */
export function checkSecurityToken(presented: string | undefined, ctx: AuthContext): CloudError | undefined {
  const accepted = ctx.credentials.alibabaSecurityToken;
  if (!accepted) return undefined;
  if (!presented) return alibabaErrors.missingParameter("SecurityToken");
  return safeEqual(presented, accepted) ? undefined : alibabaErrors.securityTokenMismatch();
}

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

/** Headers every ACS3 request must carry and sign. */
export const ACS3_REQUIRED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
] as const;

/**
 * Checks an ACS3-signed request; returns the gateway's error, or undefined
 * when the request is authentic.
 */
export function verifyAcs3(
  req: SignableRequest,
  ctx: AuthContext,
): CloudError | undefined {
  const auth = parseSignatureHeader(req.headers.authorization ?? "", ACS3_ALGORITHM, "Credential");
  if (!auth) {
    return alibabaErrors.incompleteSignature(
      `The Authorization header must be "${ACS3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<a;b>,Signature=<hex>".`,
    );
  }
  const headerError = checkSignedHeaders(req.headers, auth.signedHeaders);
  if (headerError) return headerError;
  if (!safeEqual(auth.accessKeyId, ctx.credentials.alibabaAccessKeyId)) return alibabaErrors.accessKeyNotFound();

  const date = parseIsoUtc(req.headers["x-acs-date"]);
  if (date === undefined) return alibabaErrors.timestampFormat();
  if (!withinClockWindow(date, ctx.now)) return alibabaErrors.timestampExpired();

  const bodyHash = createHash("sha256").update(req.body, "utf8").digest("hex");
  if (req.headers["x-acs-content-sha256"].toLowerCase() !== bodyHash) {
    return alibabaErrors.signatureDoesNotMatch("The x-acs-content-sha256 header is not the SHA-256 of the request body.");
  }
  const tokenError = checkSecurityToken(req.headers["x-acs-security-token"], ctx);
  if (tokenError) return tokenError;

  const expected = acs3Signature(req, auth.signedHeaders, ctx.credentials.alibabaAccessKeySecret);
  if (!safeEqual(expected, auth.signature)) return alibabaErrors.signatureDoesNotMatch();
  if (!ctx.nonces.use(auth.accessKeyId, req.headers["x-acs-signature-nonce"], ctx.now)) return alibabaErrors.nonceUsed();
  return undefined;
}

/** Required headers present and signed, every `x-acs-*` header signed, every signed header present. */
function checkSignedHeaders(headers: Record<string, string>, signed: string[]): CloudError | undefined {
  for (const name of ACS3_REQUIRED_HEADERS) {
    if (!headers[name]) return alibabaErrors.missingParameter(name);
    if (!signed.includes(name)) return alibabaErrors.incompleteSignature(`SignedHeaders must include ${name}.`);
  }
  const unsigned = Object.keys(headers).find((name) => name.startsWith("x-acs-") && !signed.includes(name));
  if (unsigned) return alibabaErrors.incompleteSignature(`The header ${unsigned} must be signed.`);
  const absent = signed.find((name) => headers[name] === undefined);
  if (absent) return alibabaErrors.incompleteSignature(`The signed header ${absent} is not in the request.`);
  return undefined;
}

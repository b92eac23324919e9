/**
 * Verifies Alibaba Cloud `ACS3-HMAC-SHA256` requests as the gateway does,
 * with the signer of `src/clients` (one canonicalizer for both sides).
 */
import { createHash } from "node:crypto";
import { ACS3_ALGORITHM, acs3Signature } from "../signing/alibaba";
import {
  type AuthContext,
  parseIsoUtc,
  parseSignatureHeader,
  safeEqual,
  withinClockWindow,
} from "./auth-common";
import type { SignableRequest } from "../signing/canonical";
import { checkSecurityToken } from "./alibaba-security-token";
import { alibabaErrors, type CloudError } from "./cloud-errors";

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

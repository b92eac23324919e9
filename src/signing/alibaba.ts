/**
 * Alibaba Cloud request signatures: V3 `ACS3-HMAC-SHA256`, which opgate signs
 * with, and RPC signature version 1.0 (HMAC-SHA1), which the emulator also
 * accepts from tools that sign the old way.
 */
import { createHmac } from "node:crypto";
import { canonicalQuery, canonicalRequest, percentEncode, sha256Hex, type SignableRequest } from "./canonical";

/** An AccessKey pair, with a security token for STS credentials. */
export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** The signature algorithm name, first line of the string to sign and of `Authorization`. */
export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/**
 * The canonical request: method, encoded path, sorted encoded query, one
 * `name:value` line per signed header, the signed header names and the hex
 * SHA-256 of the body, joined with `\n`.
 * @param signedHeaders lower-case header names, sorted.
 */
export function acs3CanonicalRequest(req: SignableRequest, signedHeaders: string[]): string {
  return canonicalRequest(req, signedHeaders, false);
}

/** The hex HMAC-SHA256 signature of `ACS3-HMAC-SHA256\n<hex sha256 of the canonical request>`. */
export function acs3Signature(req: SignableRequest, signedHeaders: string[], accessKeySecret: string): string {
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(acs3CanonicalRequest(req, signedHeaders))}`;
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

/** The names ACS3 signs: `host`, `content-type` and every `x-acs-*` header, sorted. */
export function acs3SignedHeaders(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .filter((name) => name === "host" || name === "content-type" || name.startsWith("x-acs-"))
    .sort();
}

/** `2023-10-26T10:22:32Z`: ISO 8601 in UTC without milliseconds, as `x-acs-date` wants it. */
export function acs3Date(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Signs `req` and returns every header to send: the request's own headers
 * (which must hold `host`, `x-acs-action` and `x-acs-version`) plus
 * `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`,
 * `x-acs-security-token` (STS credentials only) and `authorization`.
 */
export function signAcs3(
  req: SignableRequest,
  creds: AlibabaCredentials,
  now: Date,
  nonce: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...req.headers,
    "x-acs-date": acs3Date(now),
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": sha256Hex(req.body),
  };
  if (creds.securityToken) headers["x-acs-security-token"] = creds.securityToken;
  const signedHeaders = acs3SignedHeaders(headers);
  const signature = acs3Signature({ ...req, headers }, signedHeaders, creds.accessKeySecret);
  headers.authorization =
    `${ACS3_ALGORITHM} Credential=${creds.accessKeyId},` +
    `SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
  return headers;
}

/**
 * `METHOD&%2F&<percent-encoded canonical query>`.
 * @param params every request parameter except `Signature`.
 */
export function rpcV1StringToSign(method: string, params: Record<string, string>): string {
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** The base64 HMAC-SHA1 of the string to sign, keyed with `<secret>&`. */
export function rpcV1Signature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(rpcV1StringToSign(method, params), "utf8").digest("base64");
}

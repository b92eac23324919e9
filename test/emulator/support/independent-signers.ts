/**
 * Request signers written in the tests from the published algorithms (see
 * test/support/published-signing-examples.ts), independent of src/clients, so the
 * emulator's verification is checked against a second implementation.
 */
import { createHash, createHmac } from "node:crypto";

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ are kept. */
export function rfc3986(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function sortedQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function hex256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function canonicalRequest(
  method: string,
  uri: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  signed: string[],
  body: string,
): string {
  const headerLines = signed.map((h) => `${h}:${headers[h].trim()}\n`).join("");
  return [method, uri, sortedQuery(query), headerLines, signed.join(";"), hex256(body)].join("\n");
}

/** Alibaba RPC signature v1: base64 HMAC-SHA1 of `METHOD&%2F&<encoded sorted query>` keyed `secret&`. */
export function v1Sign(method: string, params: Record<string, string>, secret: string): string {
  const stringToSign = `${method}&${rfc3986("/")}&${rfc3986(sortedQuery(params))}`;
  return createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

/** Alibaba ACS3-HMAC-SHA256: hex signature. `path` unencoded. */
export function acs3Sign(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  signed: string[],
  body: string,
  secret: string,
): { canonicalHash: string; signature: string } {
  const uri = path.split("/").map(rfc3986).join("/");
  const canonicalHash = hex256(canonicalRequest(method, uri, query, headers, signed, body));
  const signature = createHmac("sha256", secret).update(`ACS3-HMAC-SHA256\n${canonicalHash}`).digest("hex");
  return { canonicalHash, signature };
}

/** Huawei SDK-HMAC-SHA256: hex signature; the canonical URI ends with `/`. */
export function huaweiSign(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  signed: string[],
  body: string,
  sk: string,
  sdkDate: string,
): { canonicalHash: string; signature: string } {
  let uri = path.split("/").map(rfc3986).join("/");
  if (!uri.endsWith("/")) uri += "/";
  const canonicalHash = hex256(canonicalRequest(method, uri, query, headers, signed, body));
  const signature = createHmac("sha256", sk).update(`SDK-HMAC-SHA256\n${sdkDate}\n${canonicalHash}`).digest("hex");
  return { canonicalHash, signature };
}

/** `2023-10-26T10:22:32Z` */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `20191115T033655Z` */
export function sdkDate(ms: number): string {
  return isoSeconds(ms).replace(/[-:]/g, "");
}

/** SHA-256 hex of a string (for `x-acs-content-sha256`). */
export const sha256 = hex256;

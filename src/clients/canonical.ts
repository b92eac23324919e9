/**
 * The pieces of a canonical request that the ACS3 and SDK-HMAC signers (and
 * the RPC v1 string to sign) build the same way.
 */
import { createHash } from "node:crypto";
import { percentEncode } from "./percent-encode";

/** `name=value` pairs, names and values percent-encoded, sorted by encoded name, joined with `&`. */
export function canonicalQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/**
 * One `name:value\n` line per signed header, in the order of `signedHeaders`
 * (lower-case names, sorted by the caller), values trimmed.
 */
export function canonicalHeaders(headers: Record<string, string>, signedHeaders: string[]): string {
  return signedHeaders.map((name) => `${name}:${(headers[name] ?? "").trim()}\n`).join("");
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

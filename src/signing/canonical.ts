/**
 * What the three signers share: RFC 3986 percent-encoding as Alibaba Cloud and
 * Huawei Cloud define it (every byte but the unreserved `A-Z a-z 0-9 - _ . ~`
 * is `%XX`, upper-case hex: a space is `%20`, `*` is `%2A`), and the pieces
 * of a canonical request that ACS3, SDK-HMAC (and the RPC v1 string to sign)
 * build the same way. Pure functions: the clients sign with them and the
 * emulator verifies with the same code.
 */
import { createHash } from "node:crypto";

/** Characters `encodeURIComponent` keeps that RFC 3986 does not treat as unreserved. */
const NOT_UNRESERVED = /[!'()*]/g;

/** Encodes one query name, query value or path segment. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    NOT_UNRESERVED,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Encodes a path segment by segment, keeping the `/` separators (`/v2/a b` → `/v2/a%20b`). */
export function encodePath(path: string): string {
  return path.split("/").map(percentEncode).join("/");
}

/** A request as the signers (and the emulator's signature checks) see it. */
export interface SignableRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The path, not percent-encoded (`/`, `/v2/{project_id}/operation/record`). */
  path: string;
  /** Query parameters, not percent-encoded. */
  query: Record<string, string>;
  /** Headers with lower-case names. */
  headers: Record<string, string>;
  /** The body as sent (empty string for none). */
  body: string;
}

/**
 * The canonical request both ACS3 and SDK-HMAC sign: method, encoded path
 * (with a trailing `/` when `trailingSlash`), sorted encoded query, one
 * `name:value` line per signed header, the signed header names and the hex
 * SHA-256 of the body, joined with `\n`.
 * @param signedHeaders lower-case header names, sorted.
 */
export function canonicalRequest(req: SignableRequest, signedHeaders: string[], trailingSlash: boolean): string {
  const uri = encodePath(req.path);
  return [
    req.method,
    trailingSlash && !uri.endsWith("/") ? `${uri}/` : uri,
    canonicalQuery(req.query),
    canonicalHeaders(req.headers, signedHeaders),
    signedHeaders.join(";"),
    sha256Hex(req.body),
  ].join("\n");
}

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

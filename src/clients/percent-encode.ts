/**
 * Percent-encoding as the Alibaba Cloud and Huawei Cloud signers define it:
 * RFC 3986, every byte but the unreserved `A-Z a-z 0-9 - _ . ~` is encoded as
 * `%XX` (upper-case hex), so a space is `%20` and `*` is `%2A`.
 */

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

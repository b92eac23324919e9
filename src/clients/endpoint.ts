/**
 * The service endpoint: validation, request URLs, and the rule that bearer
 * material never travels over plain HTTP outside loopback.
 */
import { isIP } from "node:net";
import { InputError } from "../core/errors";
import { canonicalQuery, encodePath } from "../signing/canonical";

/**
 * Parses a base URL, given as a string: absolute `http:`/`https:`, no user
 * info, no path, query or fragment. The message never repeats the value (it
 * might hold a password).
 */
export function parseEndpoint(endpoint: unknown): URL {
  let url: URL | undefined;
  try {
    // `new URL()` would turn anything into text (`["http://x"]` → `http://x`): only a string is a URL.
    if (typeof endpoint === "string") url = new URL(endpoint);
  } catch {
    // Reported below.
  }
  if (!url) throw new InputError("endpoint", "must be an absolute http:// or https:// URL, e.g. https://emr.cn-hangzhou.aliyuncs.com");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError("endpoint", `must use http:// or https://, not ${url.protocol}//`);
  }
  if (url.username || url.password) {
    throw new InputError("endpoint", "must not contain credentials (user:password@); use the environment variables instead");
  }
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new InputError("endpoint", `must be a base URL without path, query or fragment, e.g. ${url.origin}`);
  }
  return url;
}

/** True for `localhost`, 127.0.0.0/8 and ::1. */
function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

/**
 * Throws `InputError("endpoint")` unless bearer material (tokens) may be sent
 * to `url`: over HTTPS, to loopback, or when explicitly allowed.
 */
export function assertBearerAllowed(url: URL, allowInsecureHttp: boolean): void {
  if (url.protocol === "https:" || isLoopback(url) || allowInsecureHttp) return;
  throw new InputError(
    "endpoint",
    `refusing to send a token over plain http:// to ${url.host}: use https://, a loopback address, ` +
      "or pass --allow-insecure-http (allowInsecureHttp: true)",
  );
}

/** `<origin><encoded path>?<encoded query>`, the query in canonical order. */
export function requestUrl(endpoint: URL, path: string, query: Record<string, string>): string {
  const q = canonicalQuery(query);
  return `${endpoint.origin}${encodePath(path)}${q ? `?${q}` : ""}`;
}

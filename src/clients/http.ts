/**
 * One HTTP exchange over Node's own `http`/`https`, with keep-alive, a cap on
 * the answer's size and abort support. It never retries: see `resend.ts`.
 */
import http from "node:http";
import https from "node:https";
import { ApiError } from "../core/errors";

/** What to send. */
export interface HttpRequest {
  /** Absolute `http:` or `https:` URL. */
  url: string;
  method: string;
  /** Lower-case names; `content-length` is added for a body. */
  headers: Record<string, string>;
  /** UTF-8 body, if any. */
  body?: string;
  /** Aborting rejects the request with `signal.reason`, unchanged. */
  signal: AbortSignal;
  /** Largest accepted body; a larger answer is `ApiError("permanent", "ResponseTooLarge")`. */
  maxResponseBytes: number;
}

/** What came back. Header names are lower-case; repeated headers are joined with `, `. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * A connection that failed before any answer arrived, in a way a stale
 * keep-alive socket fails: sending the request again on a new connection is safe.
 */
export class ConnectionFailedError extends ApiError {}

/** Socket errors of a connection the server closed or refused before answering. */
const RESENDABLE = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED"]);

/** Keep-alive agents, one per scheme, shared by every request of the process. */
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/**
 * TLS certificate checks that failed (untrusted, self-signed, expired, another
 * host's): asking again cannot fix them, so they end the wait at once.
 */
const CERTIFICATE_ERRORS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "INVALID_CA",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * `NetworkError` for a socket error: `<host>: <errno>`, never more (no
 * request data); a permanent `CertificateError` when the server's certificate
 * is refused.
 */
function networkError(host: string, err: unknown, answered: boolean): ApiError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && CERTIFICATE_ERRORS.has(code)) {
    const message = `${host}: the server's TLS certificate was refused (${code}); trust a private CA with NODE_EXTRA_CA_CERTS`;
    return new ApiError("permanent", "CertificateError", message);
  }
  const what = code ?? (err instanceof Error ? err.message : "connection failed");
  const message = `${host}: ${what}`;
  return !answered && code !== undefined && RESENDABLE.has(code)
    ? new ConnectionFailedError("transient", "NetworkError", message)
    : new ApiError("transient", "NetworkError", message);
}

/** `ResponseTooLarge`: the answer passed the cap. */
function tooLarge(host: string, max: number, status: number): ApiError {
  return new ApiError("permanent", "ResponseTooLarge", `${host}: the answer is larger than ${max} bytes`, status);
}

/** Flattens Node's header object into single strings. */
function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * Sends one request and reads the whole answer (any status).
 * Rejects with `signal.reason` when aborted, `ApiError("transient",
 * "NetworkError")` when the connection fails (a `ConnectionFailedError` when
 * resending is safe), `ApiError("permanent", "ResponseTooLarge")` past the cap.
 */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const { signal, maxResponseBytes } = request;
  const url = new URL(request.url);
  const agent = url.protocol === "https:" ? agents["https:"] : agents["http:"];
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let settled = false;
    let answered = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    const fail = (err: unknown) => {
      finish(() => reject(err));
      req.destroy();
    };
    const onAbort = () => fail(signal.reason);
    const headers = { ...request.headers };
    if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
    const req = transport.request(url, { method: request.method, headers, agent }, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers["content-length"]);
      if (declared > maxResponseBytes) return fail(tooLarge(url.host, maxResponseBytes, status));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) return fail(tooLarge(url.host, maxResponseBytes, status));
        chunks.push(chunk);
      });
      res.on("end", () =>
        finish(() => resolve({ status, headers: flatHeaders(res.headers), text: Buffer.concat(chunks).toString("utf8") })),
      );
      res.on("error", (err) => fail(networkError(url.host, err, true)));
      res.on("close", () => {
        if (!res.complete) fail(networkError(url.host, Object.assign(new Error("aborted"), { code: "ECONNRESET" }), true));
      });
    });
    req.on("error", (err) => fail(networkError(url.host, err, answered)));
    signal.addEventListener("abort", onAbort, { once: true });
    req.end(request.body);
  });
}

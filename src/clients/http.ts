/**
 * One HTTP exchange over Node's own `http`/`https`, with keep-alive, a cap on
 * the answer's size and abort support. It never retries an answer; a connection that failed before any answer
 * (typically a keep-alive socket the server had already closed) is sent
 * again at once, up to twice; every other failure is left to the engine's backoff.
 */
import http from "node:http";
import https from "node:https";
import { ApiError, EndpointError, LocalError } from "../core/errors";
import pRetry from "p-retry";

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
class ConnectionFailedError extends EndpointError {}

/** Socket errors of a connection the server closed or refused before answering. */
const RESENDABLE = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED"]);

/** This process (EMFILE) or the whole machine (ENFILE) has no file descriptor left for a socket. */
const OUT_OF_DESCRIPTORS = new Set(["EMFILE", "ENFILE"]);

/** Keep-alive agents, one per scheme, shared by every request of the process. */
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/** A trusted certificate issued for another host name than the endpoint's. */
const NAME_MISMATCH = new Set(["HOSTNAME_MISMATCH", "ERR_TLS_CERT_ALTNAME_INVALID"]);

/**
 * TLS certificate checks that failed (untrusted, self-signed, expired):
 * asking again cannot fix them, so they end the wait at once, as does a
 * certificate for another host name (`NAME_MISMATCH`).
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
]);

/**
 * True for a TLS handshake that failed at the protocol level (`EPROTO`, Node's
 * `ERR_SSL_*`): typically `https://` against a plain-HTTP server ("wrong
 * version number"). Asking again gets the same answer.
 */
function isTlsProtocolError(code: string | undefined): boolean {
  return code === "EPROTO" || (code !== undefined && code.startsWith("ERR_SSL_"));
}

/** OpenSSL's reason in a TLS error message (`wrong version number`), or the code. */
function tlsReason(err: unknown, code: string): string {
  // Not `instanceof Error`: socket errors may come from another realm (jest's sandbox).
  const message = String((err as { message?: unknown } | undefined)?.message ?? "");
  return /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1] ?? code;
}

/**
 * `NetworkError` for a socket error: `<host>: <errno>`, never more (no
 * request data); a permanent `CertificateError` when the server's certificate
 * is refused, a permanent `TlsError` when the TLS handshake itself fails.
 * All are `EndpointError`s: no answer of the API came. Running out of file
 * descriptors is this machine's fault, not the endpoint's: a transient
 * `LocalError` (`TooManyOpenFiles`).
 */
function networkError(url: URL, err: unknown, answered: boolean): ApiError {
  const host = url.host;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && OUT_OF_DESCRIPTORS.has(code)) {
    const message = `${host}: too many open files in this ${code === "EMFILE" ? "process" : "system"} (${code}), a limit of this machine, not a fault of the endpoint; raise it (ulimit -n) or run fewer waits at once`;
    return new LocalError({ kind: "transient", code: "TooManyOpenFiles", message });
  }
  if (code !== undefined && NAME_MISMATCH.has(code)) {
    // Node's reason names both sides: "Host: x. is not in the cert's altnames: DNS:y".
    const reason = String((err as { reason?: unknown }).reason ?? code);
    const message = `${host}: the server's TLS certificate is for another host name (${reason}); use an endpoint with the name the certificate was issued for`;
    return new EndpointError({ kind: "permanent", code: "CertificateError", message });
  }
  if (code !== undefined && CERTIFICATE_ERRORS.has(code)) {
    const message = `${host}: the server's TLS certificate was refused (${code}); trust a private CA with NODE_EXTRA_CA_CERTS`;
    return new EndpointError({ kind: "permanent", code: "CertificateError", message });
  }
  if (isTlsProtocolError(code)) {
    const hint = url.protocol === "https:" ? `; if the server speaks plain HTTP, use http://${host}` : "";
    return new EndpointError({ kind: "permanent", code: "TlsError", message: `${host}: the TLS handshake failed (${tlsReason(err, code!)})${hint}` });
  }
  const what = code ?? (err instanceof Error ? err.message : "connection failed");
  const message = `${host}: ${what}`;
  return !answered && code !== undefined && RESENDABLE.has(code)
    ? new ConnectionFailedError({ kind: "transient", code: "NetworkError", message })
    : new EndpointError({ kind: "transient", code: "NetworkError", message });
}

/** `ResponseTooLarge`: the answer passed the cap. */
function tooLarge(host: string, max: number, status: number): ApiError {
  return new ApiError({ kind: "permanent", code: "ResponseTooLarge", message: `${host}: the answer is larger than ${max} bytes`, httpStatus: status });
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
      res.on("error", (err) => fail(networkError(url, err, true)));
      res.on("close", () => {
        if (!res.complete) fail(networkError(url, Object.assign(new Error("aborted"), { code: "ECONNRESET" }), true));
      });
    });
    req.on("error", (err) => fail(networkError(url, err, answered)));
    signal.addEventListener("abort", onAbort, { once: true });
    req.end(request.body);
  });
}

/** At most this many re-sends, 100 ms then 200 ms apart (never more than 400 ms). */
const RESEND_OPTIONS = { retries: 2, minTimeout: 100, factor: 2, maxTimeout: 400, randomize: false } as const;

/**
 * Runs `attempt` (which must build and sign a fresh request each time, so the
 * nonce and date are new) and runs it again after a `ConnectionFailedError`.
 * An abort of `signal` ends it with `signal.reason`, unchanged.
 */
export async function resendOnConnectionFailure<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
  try {
    return await pRetry(attempt, {
      ...RESEND_OPTIONS,
      signal,
      shouldRetry: ({ error }) => error instanceof ConnectionFailedError,
    });
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    throw err;
  }
}

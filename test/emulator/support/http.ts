/**
 * A bare HTTP client for the emulator tests (node:http, no retries, no
 * added headers beyond what node itself sends).
 */
import { request } from "node:http";
import type { IncomingHttpHeaders } from "node:http";

/** A request as sent. */
export interface RawRequest {
  method: string;
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** An answer as received. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  bytes: number;
}

/**
 * Sends `r` to 127.0.0.1:`port` (with a Content-Length when it has a body,
 * even for GET); rejects on a reset connection.
 */
export function send(port: number, r: RawRequest): Promise<RawResponse> {
  const headers = r.body === undefined ? r.headers : { "content-length": String(Buffer.byteLength(r.body)), ...r.headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: r.method, path: r.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body.toString("utf8"), bytes: body.length });
      });
    });
    req.on("error", reject);
    req.end(r.body);
  });
}

/** The JSON body of `res` (fails the test with the text when it is not JSON). */
export function json(res: RawResponse): Record<string, any> {
  try {
    return JSON.parse(res.text);
  } catch {
    throw new Error(`not JSON (HTTP ${res.status}): ${res.text.slice(0, 200)}`);
  }
}

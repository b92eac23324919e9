/**
 * What the emulator sends back for one request, and how it is written to the socket.
 *
 * Writes a `Reply` to the socket: JSON (with bigints), verbatim text, a reset
 * connection, or a huge body streamed in chunks.
 */
import type { ServerResponse } from "node:http";
import { Readable, pipeline } from "node:stream";
import { toJson } from "../core/values";

/** An answer of the emulator. */
export type Reply =
  /** A JSON body (bigints are written as bare integers). */
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  /** A body sent verbatim. */
  | { kind: "text"; status: number; text: string; contentType: string }
  /** The connection is destroyed without an answer. */
  | { kind: "reset" }
  /** A 200 answer of `bytes` bytes, streamed. */
  | { kind: "huge"; bytes: number };

/** The HTTP status a reply is recorded with (0 for a reset connection). */
export function replyStatus(reply: Reply): number {
  if (reply.kind === "reset") return 0;
  if (reply.kind === "huge") return 200;
  return reply.status;
}

/**
 * The error code of a JSON reply (`Code` of Alibaba, `error_code` of Huawei,
 * and an error status's `code` of Alibaba ROA), if it carries one.
 */
export function replyCode(reply: Reply): string | undefined {
  if (reply.kind !== "json" || typeof reply.body !== "object" || reply.body === null) return undefined;
  const body = reply.body as Record<string, unknown>;
  const code = body.Code ?? body.error_code ?? (reply.status >= 400 ? body.code : undefined);
  return typeof code === "string" && code !== "200" ? code : undefined;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Sends `reply`. With `close`, the connection is closed after the answer (used
 * when the request body was not read).
 */
export function sendReply(res: ServerResponse, reply: Reply, close = false): void {
  if (close) res.setHeader("Connection", "close");
  switch (reply.kind) {
    case "reset":
      res.socket?.destroy();
      return;
    case "huge":
      res.writeHead(200, { "Content-Type": "application/json;charset=utf-8" });
      pipeline(Readable.from(hugeBody(reply.bytes)), res, () => undefined);
      return;
    case "json":
      return sendText(res, reply.status, toJson(reply.body), "application/json;charset=utf-8", reply.headers);
    case "text":
      return sendText(res, reply.status, reply.text, reply.contentType);
  }
}

function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(text, "utf8");
  res.writeHead(status, { ...headers, "Content-Type": contentType, "Content-Length": String(body.length) });
  res.end(body);
}

/** `{"Padding":"xxx…"}` of exactly `bytes` bytes (only `x`s when too small for the wrapper), in chunks. */
function* hugeBody(bytes: number): Generator<Buffer> {
  const head = '{"Padding":"';
  const tail = '"}';
  const wrapped = bytes >= head.length + tail.length;
  if (wrapped) yield Buffer.from(head);
  let left = wrapped ? bytes - head.length - tail.length : bytes;
  const chunk = Buffer.alloc(CHUNK_BYTES, "x");
  while (left > 0) {
    const size = Math.min(left, CHUNK_BYTES);
    yield size === CHUNK_BYTES ? chunk : chunk.subarray(0, size);
    left -= size;
  }
  if (wrapped) yield Buffer.from(tail);
}

/**
 * What the emulator sends back for one request, before it is written to the
 * socket (see `send-reply.ts`).
 */

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

/** The error code of a JSON reply (`Code` of Alibaba, `error_code` of Huawei), if it carries one. */
export function replyCode(reply: Reply): string | undefined {
  if (reply.kind !== "json" || typeof reply.body !== "object" || reply.body === null) return undefined;
  const body = reply.body as Record<string, unknown>;
  const code = body.Code ?? body.error_code;
  return typeof code === "string" && code !== "200" ? code : undefined;
}

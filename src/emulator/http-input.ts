/**
 * Reading what a request carries: its body (bounded), its query and form
 * parameters, its JSON parameters and its decoded path. Every parser throws
 * `MalformedInput` on bad input so the server answers with the cloud's error.
 */
import type { IncomingMessage } from "node:http";

/** Largest request body the emulator reads (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Input the emulator cannot parse; the message says what is wrong. */
export class MalformedInput extends Error {
  override readonly name = "MalformedInput";
}

/**
 * The whole body, or `undefined` when it is larger than `limit` (the rest is
 * then drained and discarded so the connection can answer).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.resume();
        return resolve(undefined);
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Decodes one `application/x-www-form-urlencoded` component (`+` is a space). */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new MalformedInput(`bad percent-encoding in ${JSON.stringify(text.slice(0, 40))}`);
  }
}

/** Parses `a=1&b=2` (a query string without `?`, or a form body). A repeated name keeps its last value. */
export function parseForm(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    params[name] = eq < 0 ? "" : decodeComponent(part.slice(eq + 1));
  }
  return params;
}

/** Parses a JSON object body; non-string values become their JSON text. */
function parseJsonParams(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedInput("the body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MalformedInput("the JSON body is not an object");
  }
  const params: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) params[name] = typeof v === "string" ? v : JSON.stringify(v);
  return params;
}

/** The media type of a request, lower-case, without parameters (`application/json`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * Parameters carried by the body: a form or a JSON object. Other media types
 * carry none (their bytes are still covered by the signature).
 */
export function bodyParams(type: string, body: string): Record<string, string> {
  if (body === "") return {};
  if (type === "application/x-www-form-urlencoded") return parseForm(body);
  if (type === "application/json") return parseJsonParams(body);
  return {};
}

/**
 * Splits a request target (`/path?query`) into its still-encoded path and
 * query. Only origin-form targets (starting with `/`) are accepted.
 */
export function splitTarget(target: string): { path: string; query: string } {
  if (!target.startsWith("/")) throw new MalformedInput("the request target must be a path starting with /");
  const mark = target.indexOf("?");
  return mark < 0 ? { path: target, query: "" } : { path: target.slice(0, mark), query: target.slice(mark + 1) };
}

/**
 * The segments of a path, each percent-decoded (so an encoded `/` stays
 * inside its segment): `/v2/a%20b/x` → `["", "v2", "a b", "x"]`, `/` → `["", ""]`.
 */
export function pathSegments(rawPath: string): string[] {
  try {
    return rawPath.split("/").map(decodeURIComponent);
  } catch {
    throw new MalformedInput("bad percent-encoding in the path");
  }
}

/** Header values with lower-case names, repeated headers joined with `, `. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

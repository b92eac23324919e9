/**
 * What every signature check shares: the 15-minute clock window, the date
 * formats and a constant-time comparison.
 *
 * `NonceStore` remembers signature nonces for the replay window, in bounded
 * memory: a nonce is forgotten once its window has passed, and the oldest are dropped beyond
 * `capacity`.
 */
import { timingSafeEqual } from "node:crypto";
import type { EmulatorCredentials } from "./credentials";

/** How far a request's date may be from the emulator clock (15 minutes, as on both clouds). */
export const CLOCK_WINDOW_MS = 15 * 60_000;

/** What a signature check needs besides the request. */
export interface AuthContext {
  credentials: EmulatorCredentials;
  /** The emulator clock, ms since the epoch. */
  now: number;
  /** Nonces seen within the window (Alibaba replay protection). */
  nonces: NonceStore;
}

/** True when `dateMs` is at most 15 minutes away from `now`. */
export function withinClockWindow(dateMs: number, now: number): boolean {
  return Math.abs(now - dateMs) <= CLOCK_WINDOW_MS;
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `2023-10-26T10:22:32Z` (Alibaba `x-acs-date`, `Timestamp`) → ms epoch, or undefined when malformed. */
export function parseIsoUtc(text: string): number | undefined {
  return toEpoch(ISO_UTC.exec(text));
}

/** `20191115T033655Z` (Huawei `X-Sdk-Date`) → ms epoch, or undefined when malformed. */
export function parseSdkDate(text: string): number | undefined {
  return toEpoch(SDK_DATE.exec(text));
}

function toEpoch(m: RegExpExecArray | null): number | undefined {
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Rejects dates that Date.UTC silently rolls over (Feb 30, hour 25).
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour) return undefined;
  return ms;
}

/** Compares two strings in constant time (for a given length). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The parts of an `Authorization: <ALGORITHM> <Id>=..., SignedHeaders=a;b, Signature=<hex>` header. */
export interface SignatureHeader {
  /** The access key ID (Alibaba `Credential`, Huawei `Access`). */
  accessKeyId: string;
  /** Lower-case header names, in the order given. */
  signedHeaders: string[];
  /** Lower-case hex. */
  signature: string;
}

/**
 * Parses an HMAC-SHA256 `Authorization` header of both clouds (parameters
 * separated by `,`, spaces allowed). Returns undefined when the scheme is not
 * `algorithm`, a parameter is missing, repeated or unknown, a header name is
 * not lower-case or the signature is not 64 hex digits.
 * @param idName the name of the access key parameter (`Credential`, `Access`).
 */
export function parseSignatureHeader(header: string, algorithm: string, idName: string): SignatureHeader | undefined {
  const prefix = `${algorithm} `;
  if (!header.startsWith(prefix)) return undefined;
  const params = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const eq = part.indexOf("=");
    const name = part.slice(0, eq).trim();
    if (eq < 0 || params.has(name)) return undefined;
    params.set(name, part.slice(eq + 1).trim());
  }
  const accessKeyId = params.get(idName);
  const names = params.get("SignedHeaders")?.split(";");
  const signature = params.get("Signature");
  if (params.size !== 3 || !accessKeyId || !names || !signature || !/^[0-9a-fA-F]{64}$/.test(signature)) return undefined;
  if (names.some((name) => name === "" || name !== name.toLowerCase())) return undefined;
  return { accessKeyId, signedHeaders: names, signature: signature.toLowerCase() };
}

export class NonceStore {
  /** key → expiry (ms epoch), in insertion order, so the oldest come first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 100_000,
  ) {}

  /**
   * Records `nonce` of `accessKeyId` at `now`. Returns false when the same
   * nonce was already used within the window (a replay).
   */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    this.expire(now);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.windowMs);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  /** How many nonces are remembered. */
  get size(): number {
    return this.seen.size;
  }

  private expire(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) break;
      this.seen.delete(key);
    }
  }
}

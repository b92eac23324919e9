/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1). opgate signs with ACS3;
 * the emulator uses these to verify requests that other tools sign the old way.
 */
import { createHmac } from "node:crypto";
import { canonicalQuery } from "./canonical";
import { percentEncode } from "./percent-encode";

/**
 * `METHOD&%2F&<percent-encoded canonical query>`.
 * @param params every request parameter except `Signature`.
 */
export function rpcV1StringToSign(method: string, params: Record<string, string>): string {
  return `${method}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** The base64 HMAC-SHA1 of the string to sign, keyed with `<secret>&`. */
export function rpcV1Signature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(rpcV1StringToSign(method, params), "utf8").digest("base64");
}

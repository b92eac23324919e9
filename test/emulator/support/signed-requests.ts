/**
 * Builds requests signed by the independent signers, the way Alibaba Cloud
 * and Huawei Cloud clients send them.
 */
import { randomUUID } from "node:crypto";
import type { RawRequest } from "./http";
import { acs3Sign, huaweiSign, isoSeconds, rfc3986, sdkDate, sha256, v1Sign } from "./independent-signers";

/** The emulator's documented default credentials, as a client would configure them. */
export const ALIBABA = { ak: "opgate-emulator", secret: "opgate-emulator-secret" };
export const HUAWEI = { ak: "OPGATEEMULATORAK", sk: "opgate-emulator-sk", token: "opgate-emulator-token" };

/** A fresh signature nonce. */
export function nonce(): string {
  return randomUUID().replace(/-/g, "");
}

function queryString(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

/** Options of an ACS3-signed request (RPC, or ROA with a `path`). */
export interface Acs3Options {
  port: number;
  action: string;
  version: string;
  /** The path, sent as it is: only characters that need no percent-encoding (default `/`: RPC). */
  path?: string;
  /** Query parameters. */
  params?: Record<string, string>;
  /** Emulator-clock time the request is dated. */
  at: number;
  ak?: string;
  secret?: string;
  nonce?: string;
  token?: string;
  method?: string;
  body?: string;
  contentType?: string;
  /** Changes the headers after signing (to tamper). */
  after?: (headers: Record<string, string>) => void;
}

/** An `ACS3-HMAC-SHA256` request to `/` (RPC) or `path` (ROA). */
export function acs3Request(o: Acs3Options): RawRequest {
  const method = o.method ?? "POST";
  const path = o.path ?? "/";
  const body = o.body ?? "";
  const params = o.params ?? {};
  const headers: Record<string, string> = {
    host: `127.0.0.1:${o.port}`,
    "x-acs-action": o.action,
    "x-acs-version": o.version,
    "x-acs-date": isoSeconds(o.at),
    "x-acs-signature-nonce": o.nonce ?? nonce(),
    "x-acs-content-sha256": sha256(body),
  };
  if (o.token !== undefined) headers["x-acs-security-token"] = o.token;
  if (o.contentType !== undefined) headers["content-type"] = o.contentType;
  const signed = Object.keys(headers).sort();
  const { signature } = acs3Sign(method, path, params, headers, signed, body, o.secret ?? ALIBABA.secret);
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.ak ?? ALIBABA.ak},SignedHeaders=${signed.join(";")},Signature=${signature}`;
  o.after?.(headers);
  return { method, path: `${path}${queryString(params)}`, headers, body };
}

/** Options of a v1-signed RPC request. */
export interface V1Options {
  port: number;
  /** Action, Version and the API's parameters. */
  params: Record<string, string>;
  at: number;
  ak?: string;
  secret?: string;
  nonce?: string;
  token?: string;
  /** POST the parameters as a form instead of a GET query. */
  form?: boolean;
}

/** A signature version 1.0 (HMAC-SHA1) request. */
export function v1Request(o: V1Options): RawRequest {
  const method = o.form ? "POST" : "GET";
  const all: Record<string, string> = {
    ...o.params,
    Format: "JSON",
    AccessKeyId: o.ak ?? ALIBABA.ak,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: o.nonce ?? nonce(),
    Timestamp: isoSeconds(o.at),
  };
  if (o.token !== undefined) all.SecurityToken = o.token;
  all.Signature = v1Sign(method, all, o.secret ?? ALIBABA.secret);
  const host = `127.0.0.1:${o.port}`;
  if (!o.form) return { method, path: `/${queryString(all)}`, headers: { host } };
  return {
    method,
    path: "/",
    headers: { host, "content-type": "application/x-www-form-urlencoded" },
    body: queryString(all).slice(1),
  };
}

/** Options of a Huawei AK/SK request. */
export interface HuaweiOptions {
  port: number;
  path: string;
  query?: Record<string, string>;
  at: number;
  ak?: string;
  sk?: string;
  /** Changes the headers after signing (to tamper). */
  after?: (headers: Record<string, string>) => void;
}

/** A GET signed with `SDK-HMAC-SHA256`. */
export function huaweiRequest(o: HuaweiOptions): RawRequest {
  const query = o.query ?? {};
  const date = sdkDate(o.at);
  const headers: Record<string, string> = { host: `127.0.0.1:${o.port}`, "x-sdk-date": date, "content-type": "application/json" };
  const signed = Object.keys(headers).sort();
  const { signature } = huaweiSign("GET", o.path, query, headers, signed, "", o.sk ?? HUAWEI.sk, date);
  headers.authorization = `SDK-HMAC-SHA256 Access=${o.ak ?? HUAWEI.ak}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
  o.after?.(headers);
  return { method: "GET", path: `${o.path}${queryString(query)}`, headers };
}

/** A GET authenticated with `X-Auth-Token`. */
export function tokenRequest(port: number, path: string, query: Record<string, string>, token = HUAWEI.token): RawRequest {
  return { method: "GET", path: `${path}${queryString(query)}`, headers: { host: `127.0.0.1:${port}`, "x-auth-token": token } };
}

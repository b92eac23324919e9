/**
 * Requests signed by opgate's own signers (src/signing), built the way its
 * clients build them: ACS3 for Alibaba RPC (`POST /?params`) and ROA (a GET
 * of a path), SDK-HMAC-SHA256 for Huawei. Paths are given unencoded and sent
 * percent-encoded segment by segment.
 */
import { randomUUID } from "node:crypto";
import { signAcs3 } from "../../../src/signing/alibaba";
import { canonicalQuery, encodePath, type SignableRequest } from "../../../src/signing/canonical";
import { signHuawei } from "../../../src/signing/huawei";
import type { RawRequest } from "./http";
import { ALIBABA, HUAWEI } from "./signed-requests";

/** What to send: method, unencoded path and query, and the host it goes to. */
interface Target {
  port: number;
  method: string;
  path: string;
  query?: Record<string, string>;
  /** Emulator-clock time the request is dated. */
  at: number;
}

function unsigned(t: Target, headers: Record<string, string>): SignableRequest {
  return { method: t.method, path: t.path, query: t.query ?? {}, headers: { host: `127.0.0.1:${t.port}`, ...headers }, body: "" };
}

function raw(req: SignableRequest, headers: Record<string, string>): RawRequest {
  const query = canonicalQuery(req.query);
  return { method: req.method, path: `${encodePath(req.path)}${query ? `?${query}` : ""}`, headers };
}

/** An Alibaba request (RPC when `path` is `/`, else ROA) signed with `signAcs3`. */
export function opgateAcs3Request(t: Target & { action: string; version: string; secret?: string }): RawRequest {
  const req = unsigned(t, { "x-acs-action": t.action, "x-acs-version": t.version });
  const creds = { accessKeyId: ALIBABA.ak, accessKeySecret: t.secret ?? ALIBABA.secret };
  return raw(req, signAcs3(req, creds, new Date(t.at), randomUUID().replace(/-/g, "")));
}

/** A Huawei request signed with `signHuawei`. */
export function opgateHuaweiRequest(t: Target & { sk?: string }): RawRequest {
  const req = unsigned(t, { "content-type": "application/json" });
  return raw(req, signHuawei(req, { accessKey: HUAWEI.ak, secretKey: t.sk ?? HUAWEI.sk }, new Date(t.at)));
}

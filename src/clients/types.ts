/**
 * The clients' vocabulary: the request a provider asks for, the caller that
 * sends it signed, and what a face passes to build one for a provider's API.
 */
import type { ReadBudget } from "./read-budget";

/** Which cloud signs and serves a provider's API. */
export type Cloud = "alibaba" | "huawei";

/** One request a provider asks its client to send. */
export type ApiRequest =
  /** Alibaba Cloud RPC-style API: `Action` + `Version` + flat parameters. */
  | { style: "rpc"; action: string; version: string; params: Record<string, string> }
  /** Alibaba Cloud ROA-style API: a GET of a path (not percent-encoded: the client encodes each segment) with a query, named by `action` + `version`. */
  | { style: "roa"; method: "GET"; action: string; version: string; path: string; query: Record<string, string> }
  /** Huawei Cloud REST API: a GET of a path (not percent-encoded: the client encodes each segment) with a query. */
  | { style: "rest"; method: "GET"; path: string; query: Record<string, string> };

/**
 * Sends one signed request and returns the parsed JSON body of a 2xx answer.
 * Throws `ApiError` (classed transient / permanent / notFound) for anything
 * else. The requests of one poll may share a `budget` of bytes (all pages of
 * an OOS poll): an answer that would pass it throws `PollTooLarge`.
 */
export interface ApiCaller {
  call(request: ApiRequest, signal: AbortSignal, budget?: ReadBudget): Promise<unknown>;
}

/** Options of a signed API client. */
export interface ClientOptions {
  cloud: Cloud;
  /** Base URL, e.g. `https://emr.cn-hangzhou.aliyuncs.com` or the emulator's `http://127.0.0.1:PORT`. */
  endpoint: string;
  /** Where credentials are read from (default `process.env`). Never logged. */
  env: Record<string, string | undefined>;
  /** Huawei: the project ID sent as `X-Project-Id`. */
  projectId?: string;
  /** Send bearer material (tokens) over plain HTTP to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
  /** Largest accepted response body in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Classes a provider-specific "not found" error code. */
  isNotFound(code: string, httpStatus: number): boolean;
}

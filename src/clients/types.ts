/**
 * What a face passes to build a signed client for one provider's API.
 */
import type { Cloud } from "../../providers/types";

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

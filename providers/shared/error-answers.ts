/**
 * Error answers in each cloud's own body format, for the emulator:
 * Alibaba Cloud `{RequestId, HostId, Code, Message, Recommend}` and Huawei
 * Cloud `{error_code, error_msg}`.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorAnswer } from "../types";

/** A request ID in Alibaba Cloud's form (upper-case UUID). */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/**
 * An Alibaba Cloud error answer. `product` is the product code of the
 * troubleshooting link (`Emr`, `Oos`, `BPStudio`); `host` the endpoint prefix
 * (`emr`).
 */
export function alibabaErrorAnswer(
  status: number,
  code: string,
  message: string,
  api: { product: string; host: string },
): EmulatorAnswer {
  const requestId = newRequestId();
  const query = new URLSearchParams({ q: code, product: api.product, requestId });
  return {
    status,
    body: {
      RequestId: requestId,
      HostId: `${api.host}.aliyuncs.com`,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?${query.toString()}`,
    },
  };
}

/** Alibaba Cloud's 400 `MissingParameter` answer for the parameter `name`. */
export function missingParameterAnswer(name: string, api: { product: string; host: string }): EmulatorAnswer {
  return alibabaErrorAnswer(
    400,
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    api,
  );
}

/** A Huawei Cloud error answer. */
export function huaweiErrorAnswer(status: number, code: string, message: string): EmulatorAnswer {
  return { status, body: { error_code: code, error_msg: message } };
}

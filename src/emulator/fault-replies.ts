/**
 * What each fault kind answers (the kinds that replace the answer; `delay`
 * and `expire` change how the normal answer is given, see `emulator-core.ts`).
 */
import type { Cloud } from "../../providers/types";
import { alibabaErrors, type CloudError, errorReply, huaweiErrors } from "./cloud-errors";
import { DEFAULT_HUGE_BYTES, type Fault } from "./fault-spec";
import { toJson } from "../core/values";
import type { Reply } from "./reply";
import type { EmulatedServiceName } from "./scenario";

/** Throttling codes of services that do not use their cloud's default (`Throttling.User`, `APIG.0308`). */
const SERVICE_THROTTLE_CODES: Partial<Record<EmulatedServiceName, string>> = { emr: "ThrottlingException" };

/** A proxy's error page: what a 200 answer that is not JSON looks like. */
const MALFORMED_BODY = "<html><head><title>opgate emulator</title></head><body>upstream sent an unreadable answer</body></html>";

/** What a fault needs to know about the request it hits. */
export interface FaultTarget {
  cloud: Cloud;
  service: EmulatedServiceName;
  /** The request's Host header. */
  host: string;
  /** The JSON body the request would normally get (for `truncated`). */
  normalBody(): unknown;
}

/** The reply of a fault that replaces the answer (every kind but `delay` and `expire`). */
export function faultReply(fault: Fault, target: FaultTarget): Reply {
  switch (fault.kind) {
    case "throttle":
      return cloudError(target, withRetryAfter(throttleError(fault, target), fault));
    case "server-error":
      return cloudError(target, withRetryAfter(serverError(fault, target.cloud), fault));
    case "skewed-clock":
      return cloudError(target, target.cloud === "huawei" ? huaweiErrors.dateSkewed() : alibabaErrors.timestampExpired());
    case "error-body":
      return cloudError(target, { ...errorBodyError(fault, target.cloud), status: 200 });
    case "reset":
      return { kind: "reset" };
    case "malformed":
      return { kind: "text", status: 200, text: MALFORMED_BODY, contentType: "text/html; charset=utf-8" };
    case "truncated": {
      const json = toJson(target.normalBody());
      return { kind: "text", status: 200, text: json.slice(0, Math.floor(json.length / 2)), contentType: "application/json;charset=utf-8" };
    }
    case "huge":
      return { kind: "huge", bytes: fault.bytes ?? DEFAULT_HUGE_BYTES };
    case "delay":
    case "expire":
      throw new Error(`a ${fault.kind} fault does not replace the answer`);
  }
}

function cloudError(target: FaultTarget, err: CloudError): Reply {
  return errorReply(target.cloud, err, target.host);
}

function throttleError(fault: Fault, target: FaultTarget): CloudError {
  if (target.cloud === "huawei") return huaweiErrors.throttled(fault.code);
  return alibabaErrors.throttled(fault.code ?? SERVICE_THROTTLE_CODES[target.service]);
}

function serverError(fault: Fault, cloud: Cloud): CloudError {
  return cloud === "huawei" ? huaweiErrors.serverError(fault.code) : alibabaErrors.serviceUnavailable(fault.code);
}

function errorBodyError(fault: Fault, cloud: Cloud): CloudError {
  const base = cloud === "huawei" ? huaweiErrors.serverError() : alibabaErrors.internalError();
  return { ...base, code: fault.code ?? base.code, message: fault.message ?? base.message };
}

function withRetryAfter(err: CloudError, fault: Fault): CloudError {
  return fault.retryAfter === undefined ? err : { ...err, headers: { "Retry-After": String(fault.retryAfter) } };
}

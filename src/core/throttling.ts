/**
 * Which API errors mean "you are sending too fast": the signal the rate
 * limiter slows down on.
 */
import { ApiError } from "./errors";

const THROTTLING_CODES: ReadonlySet<string> = new Set(["APIG.0308", "APIGW.0308"]);

/**
 * True for a throttling answer: an `ApiError` whose code starts with
 * `Throttling` (`Throttling.User`, `ThrottlingException`), the Huawei API
 * gateway's `APIG.0308`/`APIGW.0308`, or HTTP 429.
 */
export function isThrottling(err: unknown): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  return err.code.startsWith("Throttling") || THROTTLING_CODES.has(err.code) || err.httpStatus === 429;
}

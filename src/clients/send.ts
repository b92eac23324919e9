/**
 * The send loop both clients share: sign a fresh request per attempt, resend
 * on a stale connection, then read the answer.
 */
import { readAnswer, type AnswerReader } from "./answer";
import { httpRequest, type HttpRequest } from "./http";
import { resendOnConnectionFailure } from "./resend";

/** One signed attempt: the request to send and how to read its answer. */
export interface SignedAttempt {
  request: Omit<HttpRequest, "signal" | "maxResponseBytes">;
  reader: AnswerReader;
}

/**
 * Sends `sign()`'s request (signing again for each re-send) and returns the
 * JSON object of the 2xx answer; throws the classed `ApiError` otherwise.
 */
export async function sendSigned(
  sign: () => Promise<SignedAttempt>,
  signal: AbortSignal,
  maxResponseBytes: number,
): Promise<Record<string, unknown>> {
  const { response, reader, url } = await resendOnConnectionFailure(async () => {
    const attempt = await sign();
    const answer = await httpRequest({ ...attempt.request, signal, maxResponseBytes });
    return { response: answer, reader: attempt.reader, url: attempt.request.url };
  }, signal);
  return readAnswer(response, reader, url);
}

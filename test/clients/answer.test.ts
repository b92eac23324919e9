import { classifyError, parseRetryAfter } from "../../src/clients/answer";
import { ApiError } from "../../src/core/errors";

/** A provider's not-found test as the OOS/EMR rooms write it. */
const isNotFound = (code: string, status: number) =>
  code.startsWith("EntityNotExists.") || (code === "ResourceNotFound" && status === 404);
/** A sloppy provider that calls every 404 not found: the fixed permanent codes must still win. */
const every404 = (_code: string, status: number) => status === 404;

describe("classifyError", () => {
  it.each([
    [400, "Throttling"],
    [400, "Throttling.User"],
    [400, "Throttling.Api"],
    [400, "ThrottlingException"],
    [429, "APIG.0308"],
    [429, "APIGW.0308"],
    [400, "APIGW.0308"],
    [503, "ServiceUnavailable"],
    [400, "ServiceUnavailable"],
    [500, "InternalError"],
    [400, "InternalError"],
    [500, "ServiceFailure"],
    [429, "SomethingElse"],
    [500, "InvalidParameter"],
    [502, "HTTP502"],
    [504, "EntityNotExists.Execution"],
  ])("HTTP %i %s is transient", (status, code) => {
    const err = classifyError(status, code, "msg", isNotFound);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe("transient");
    expect(err.code).toBe(code);
    expect(err.httpStatus).toBe(status);
  });

  it.each([
    [400, "SignatureDoesNotMatch"],
    [400, "IncompleteSignature"],
    [404, "InvalidAccessKeyId.NotFound"],
    [400, "InvalidTimeStamp.Expired"],
    [400, "SignatureNonceUsed"],
    [403, "NotAuthorized"],
    [403, "Forbidden.RAM"],
    [400, "InvalidParameter"],
    [400, "MissingParameter"],
    [404, "BCS.4040404"],
    [401, "BCS.4010401"],
    [401, "APIGW.0301"],
    [400, "NeverHeardOfIt"],
    [404, "HTTP404"],
  ])("HTTP %i %s is permanent", (status, code) => {
    expect(classifyError(status, code, "msg", isNotFound).kind).toBe("permanent");
  });

  it("asks the provider about not found", () => {
    expect(classifyError(404, "EntityNotExists.Execution", "gone", isNotFound).kind).toBe("notFound");
    expect(classifyError(404, "ResourceNotFound", "gone", isNotFound).kind).toBe("notFound");
    expect(classifyError(404, "EntityNotExists.Execution", "gone", () => false).kind).toBe("permanent");
  });

  it("keeps InvalidAccessKeyId.NotFound and BCS.4040404 permanent even when the provider says not found", () => {
    expect(classifyError(404, "InvalidAccessKeyId.NotFound", "m", every404).kind).toBe("permanent");
    expect(classifyError(404, "BCS.4040404", "m", every404).kind).toBe("permanent");
    expect(classifyError(404, "Other", "m", every404).kind).toBe("notFound");
  });

  it("carries the message and the retry hint", () => {
    const err = classifyError(429, "Throttling.User", "slow down", isNotFound, 3000);
    expect(err.message).toBe("slow down");
    expect(err.retryAfterMs).toBe(3000);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("5", now)).toBe(5000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });
  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Mon, 01 Jan 2024 00:00:30 GMT", now)).toBe(30000);
    expect(parseRetryAfter("Sun, 31 Dec 2023 23:59:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("throttling: what the rate limiter slows down on", () => {
  test.each([
    ["Throttling.User", 400],
    ["ThrottlingException", 400],
    ["Throttling", 503],
    ["APIG.0308", 429],
    ["APIGW.0308", 200],
    ["Anything", 429],
  ])("%s (HTTP %d) is throttling", (code, status) => {
    expect(classifyError(status, code, "slow down", () => false).throttled).toBe(true);
  });

  test.each([
    ["ServiceUnavailable", 503],
    ["InternalError", 500],
    ["InvalidAccessKeyId.NotFound", 404],
  ])("%s (HTTP %d) is not", (code, status) => {
    expect(classifyError(status, code, "x", () => false).throttled).toBe(false);
  });

  test("an ApiError no client classed is not", () => {
    expect(new ApiError({ kind: "transient", code: "Throttling", message: "x" }).throttled).toBe(false);
  });
});

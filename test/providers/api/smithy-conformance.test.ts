/**
 * Smithy waiters conformance: each row encodes one sentence of the Smithy
 * waiters specification (smithy-lang/smithy, docs/source-2.0/additional-specs/
 * waiters.rst; quoted in `cites`) and runs through the real checks,
 * preparation and reading of an API wait (and the real engine for the rows
 * about time). Where opgate deviates on purpose (an unmatched error is ERROR,
 * not FAILURE; big integers are exact strings), the row says so, and
 * docs/api-wait.md documents it.
 */
import { ApiError, InputError } from "../../../src/core/errors";
import { apiError, pollOnce, RPC_CALL, rpcSpec, waitInVirtualTime } from "./support";
import type { ApiWaitSpec, PathComparator, WaitAcceptor } from "../../../providers/api/spec";

/** What one poll came to: a state, the error it passed on (by kind), or an input error at a JSON path. */
type Outcome = { state: string } | { passes: "permanent" | "notFound" | "transient" } | { inputError: string };

interface Row {
  cites: string;
  case: string;
  spec: ApiWaitSpec;
  /** The answer (an ApiError: the API's error answer). */
  answer: unknown;
  expect: Outcome;
}

/** A success acceptor on `path` compared by `comparator` with `expected`. */
function onPath(path: string, comparator: PathComparator, expected: string, state: WaitAcceptor["state"] = "success"): WaitAcceptor {
  return { state, matcher: { output: { path, comparator, expected } } };
}

/** A spec with `acceptors` and a success acceptor nothing below matches, so that "no match" reads RUNNING. */
function withAcceptors(...acceptors: WaitAcceptor[]): ApiWaitSpec {
  return rpcSpec({ acceptors: [...acceptors, onPath("`false`", "booleanEquals", "true")] });
}

/** `withAcceptors` on a call asking for two instances. */
function forTwoInstances(...acceptors: WaitAcceptor[]): ApiWaitSpec {
  return { ...withAcceptors(...acceptors), call: { ...RPC_CALL, params: { InstanceIds: ["i-1", "i-2"] } } };
}

const RUNNING_AS_REQUESTED: WaitAcceptor = {
  state: "success",
  matcher: { inputOutput: { path: "length(input.InstanceIds) == length(output.Instances[?Status=='Running'])", comparator: "booleanEquals", expected: "true" } },
};

const FIRST_MATCH = "For every acceptor in the waiter: If the acceptor matcher is a match, transition to the state of the acceptor. [...] Stop waiting if the acceptor transitions the waiter to the success or failure state.";
const IMPLICIT_RETRY = "retry: The waiter will retry the operation. This state transition is implicit if no accepter causes a state transition.";
const UNMATCHED_ERROR = "If none of the acceptors are matched *and* an error was encountered while calling the operation, then transition to the failure state and stop waiting.";
const STRING_EQUALS = "stringEquals: Matches if the return value of a JMESPath expression is a string that is equal to an expected string.";
const BOOLEAN_EQUALS = "booleanEquals: Matches if the return value of a JMESPath expression is a boolean that is equal to an expected boolean.";
const BOOLEAN_EXPECTED = 'The expected value of a PathMatcher MUST be set to "true" or "false" to match the corresponding boolean value.';
const ALL_STRING_EQUALS = "allStringEquals: Matches if the return value of a JMESPath expression is an array that contains at least one value, and every value in the array is a string that equals an expected string.";
const ANY_STRING_EQUALS = "anyStringEquals: Matches if the return value of a JMESPath expression is an array and any value in the array is a string that equals an expected string.";
const OUTPUT_ONLY_ON_SUCCESS = "output: [...] This matcher is checked only if an operation completes successfully.";
const INPUT_OUTPUT = "inputOutput: [...] Input parameters are available through the top-level input field, and output data is available through the top-level output field.";
const SUCCESS_MATCHER = "success: When set to true, matches when an operation returns a successful response. When set to false, matches when an operation fails with any error.";
const ERROR_TYPE = "errorType: Matches if an operation returns an error of an expected type. If an absolute shape ID is provided, the error is matched only based on the name part of the shape ID. A relative shape name MAY be provided to match errors that are not defined in the model.";
const MESSAGE_FAILURE_ONLY = "message: [...] The expression MUST resolve to a string or an array of strings. [...] This property is only valid on acceptors with a failure state.";
const SUCCESS_REQUIRED = "acceptors: [...] The list of acceptors MUST contain at least one acceptor with a success state transition.";
const DELAYS = "minDelay: [...] If specified, this value MUST be greater than or equal to 1 and less than or equal to maxDelay.";
const BIG_NUMBERS = "long, bigInteger, bigDecimal are exposed as numbers to JMESPath. If a value for one of these types truly exceeds the value of a double (the native numeric type of JMESPath), then querying these types in a waiter is a bad idea.";

const ROWS: Row[] = [
  // 1. Acceptors in order, the first match wins.
  { cites: FIRST_MATCH, case: "two acceptors match: failure first", spec: withAcceptors(onPath("s", "stringEquals", "x", "failure"), onPath("s", "stringEquals", "x")), answer: { s: "x" }, expect: { state: "FAILURE" } },
  { cites: FIRST_MATCH, case: "two acceptors match: success first", spec: withAcceptors(onPath("s", "stringEquals", "x"), onPath("s", "stringEquals", "x", "failure")), answer: { s: "x" }, expect: { state: "SUCCESS" } },
  { cites: FIRST_MATCH, case: "a retry acceptor stops the search (the later success is not reached)", spec: withAcceptors(onPath("s", "stringEquals", "x", "retry"), onPath("s", "stringEquals", "x")), answer: { s: "x" }, expect: { state: "RUNNING" } },
  { cites: FIRST_MATCH, case: "acceptors come before the status lists", spec: rpcSpec({ status: "s", failure: ["x"], acceptors: [onPath("s", "stringEquals", "x")] }), answer: { s: "x" }, expect: { state: "SUCCESS" } },
  // 2. An unmatched successful answer is a retry.
  { cites: IMPLICIT_RETRY, case: "a successful answer no acceptor matches", spec: withAcceptors(onPath("s", "stringEquals", "done")), answer: { s: "busy" }, expect: { state: "RUNNING" } },
  { cites: IMPLICIT_RETRY, case: "a status in no list (opgate: RUNNING with a note, never success)", spec: rpcSpec({ status: "s", success: ["done"] }), answer: { s: "Stopped" }, expect: { state: "RUNNING" } },
  // 3. Deviation: an unmatched error answer is the API call failing, not the operation: ERROR, not FAILURE.
  { cites: UNMATCHED_ERROR, case: "deviation: 403 Forbidden.RAM passes on as a permanent error (ERROR, exit 4)", spec: withAcceptors(), answer: apiError("Forbidden.RAM", "permanent", 403), expect: { passes: "permanent" } },
  { cites: UNMATCHED_ERROR, case: "deviation: InvalidParameter passes on as a permanent error (ERROR, exit 4)", spec: withAcceptors(), answer: apiError("InvalidParameter"), expect: { passes: "permanent" } },
  { cites: UNMATCHED_ERROR, case: "deviation: throttling passes on as transient (retried inside the deadline)", spec: withAcceptors(), answer: apiError("Throttling.User", "transient"), expect: { passes: "transient" } },
  { cites: UNMATCHED_ERROR, case: "deviation: a not-found code passes on as not found (grace period, then ERROR)", spec: withAcceptors(), answer: apiError("EntityNotExists.Stack", "notFound", 404), expect: { passes: "notFound" } },
  // 4. stringEquals needs a string.
  { cites: STRING_EQUALS, case: "the string itself", spec: withAcceptors(onPath("v", "stringEquals", "1")), answer: { v: "1" }, expect: { state: "SUCCESS" } },
  { cites: STRING_EQUALS, case: "the number 1 against \"1\"", spec: withAcceptors(onPath("v", "stringEquals", "1")), answer: { v: 1 }, expect: { state: "RUNNING" } },
  { cites: STRING_EQUALS, case: "null against \"null\"", spec: withAcceptors(onPath("v", "stringEquals", "null")), answer: { v: null }, expect: { state: "RUNNING" } },
  { cites: STRING_EQUALS, case: "a list holding the string", spec: withAcceptors(onPath("v", "stringEquals", "a")), answer: { v: ["a"] }, expect: { state: "RUNNING" } },
  // 5. booleanEquals needs a boolean; expected is "true" or "false".
  { cites: BOOLEAN_EQUALS, case: "true against \"true\"", spec: withAcceptors(onPath("v", "booleanEquals", "true")), answer: { v: true }, expect: { state: "SUCCESS" } },
  { cites: BOOLEAN_EQUALS, case: "the string \"true\" against \"true\"", spec: withAcceptors(onPath("v", "booleanEquals", "true")), answer: { v: "true" }, expect: { state: "RUNNING" } },
  { cites: BOOLEAN_EQUALS, case: "false against \"true\"", spec: withAcceptors(onPath("v", "booleanEquals", "true")), answer: { v: false }, expect: { state: "RUNNING" } },
  { cites: BOOLEAN_EXPECTED, case: "expected \"yes\"", spec: withAcceptors(onPath("v", "booleanEquals", "yes")), answer: {}, expect: { inputError: "spec.acceptors[0].matcher.output.expected" } },
  // 6. allStringEquals needs at least one element, all equal.
  { cites: ALL_STRING_EQUALS, case: "[]", spec: withAcceptors(onPath("v", "allStringEquals", "a")), answer: { v: [] }, expect: { state: "RUNNING" } },
  { cites: ALL_STRING_EQUALS, case: "[\"a\", \"a\"]", spec: withAcceptors(onPath("v", "allStringEquals", "a")), answer: { v: ["a", "a"] }, expect: { state: "SUCCESS" } },
  { cites: ALL_STRING_EQUALS, case: "[\"a\", 1] (mixed)", spec: withAcceptors(onPath("v", "allStringEquals", "a")), answer: { v: ["a", 1] }, expect: { state: "RUNNING" } },
  { cites: ALL_STRING_EQUALS, case: "[\"a\", \"b\"]", spec: withAcceptors(onPath("v", "allStringEquals", "a")), answer: { v: ["a", "b"] }, expect: { state: "RUNNING" } },
  { cites: ALL_STRING_EQUALS, case: "\"a\" (not a list)", spec: withAcceptors(onPath("v", "allStringEquals", "a")), answer: { v: "a" }, expect: { state: "RUNNING" } },
  // 7. anyStringEquals needs a list with an equal element.
  { cites: ANY_STRING_EQUALS, case: "[]", spec: withAcceptors(onPath("v", "anyStringEquals", "a")), answer: { v: [] }, expect: { state: "RUNNING" } },
  { cites: ANY_STRING_EQUALS, case: "[\"b\", \"a\"]", spec: withAcceptors(onPath("v", "anyStringEquals", "a")), answer: { v: ["b", "a"] }, expect: { state: "SUCCESS" } },
  { cites: ANY_STRING_EQUALS, case: "[1, \"a\"] (mixed)", spec: withAcceptors(onPath("v", "anyStringEquals", "a")), answer: { v: [1, "a"] }, expect: { state: "SUCCESS" } },
  { cites: ANY_STRING_EQUALS, case: "\"a\" (not a list)", spec: withAcceptors(onPath("v", "anyStringEquals", "a")), answer: { v: "a" }, expect: { state: "RUNNING" } },
  { cites: ANY_STRING_EQUALS, case: "{\"k\": \"a\"} (an object)", spec: withAcceptors(onPath("v", "anyStringEquals", "a")), answer: { v: { k: "a" } }, expect: { state: "RUNNING" } },
  // 8. Output matchers only on successful answers.
  { cites: OUTPUT_ONLY_ON_SUCCESS, case: "an error answer meets an output acceptor that matches anything", spec: withAcceptors(onPath("`true`", "booleanEquals", "true", "failure")), answer: apiError("InvalidParameter"), expect: { passes: "permanent" } },
  // 9. inputOutput sees { input, output }.
  { cites: INPUT_OUTPUT, case: "1 of 2 requested instances running", spec: forTwoInstances(RUNNING_AS_REQUESTED), answer: { Instances: [{ Status: "Running" }, { Status: "Pending" }] }, expect: { state: "RUNNING" } },
  { cites: INPUT_OUTPUT, case: "2 of 2 requested instances running", spec: forTwoInstances(RUNNING_AS_REQUESTED), answer: { Instances: [{ Status: "Running" }, { Status: "Running" }] }, expect: { state: "SUCCESS" } },
  // 10. success: true / false.
  { cites: SUCCESS_MATCHER, case: "success: true on a successful answer", spec: withAcceptors({ state: "success", matcher: { success: true } }), answer: {}, expect: { state: "SUCCESS" } },
  { cites: SUCCESS_MATCHER, case: "success: true on an error answer", spec: withAcceptors({ state: "success", matcher: { success: true } }), answer: apiError("InvalidParameter"), expect: { passes: "permanent" } },
  { cites: SUCCESS_MATCHER, case: "success: false on an error answer", spec: withAcceptors({ state: "failure", matcher: { success: false } }), answer: apiError("InvalidParameter"), expect: { state: "FAILURE" } },
  { cites: SUCCESS_MATCHER, case: "success: false on a successful answer", spec: withAcceptors({ state: "failure", matcher: { success: false } }), answer: {}, expect: { state: "RUNNING" } },
  // 11. errorType, by the name part of an absolute shape ID.
  { cites: ERROR_TYPE, case: "ns#StackNotFound against the code StackNotFound", spec: withAcceptors({ state: "success", matcher: { errorType: "com.aliyun.ros#StackNotFound" } }), answer: apiError("StackNotFound", "permanent", 404), expect: { state: "SUCCESS" } },
  { cites: ERROR_TYPE, case: "the relative name StackNotFound", spec: withAcceptors({ state: "retry", matcher: { errorType: "StackNotFound" } }), answer: apiError("StackNotFound", "permanent", 404), expect: { state: "RUNNING" } },
  { cites: ERROR_TYPE, case: "another code", spec: withAcceptors({ state: "success", matcher: { errorType: "StackNotFound" } }), answer: apiError("StackNotFoundX", "permanent", 404), expect: { passes: "permanent" } },
  { cites: ERROR_TYPE, case: "on a successful answer", spec: withAcceptors({ state: "failure", matcher: { errorType: "StackNotFound" } }), answer: { Code: "StackNotFound" }, expect: { state: "RUNNING" } },
  // 12. message: failure acceptors only.
  { cites: MESSAGE_FAILURE_ONLY, case: "a message on a success acceptor", spec: withAcceptors({ ...onPath("s", "stringEquals", "x"), message: "reason" }), answer: {}, expect: { inputError: "spec.acceptors[0].message" } },
  { cites: MESSAGE_FAILURE_ONLY, case: "a message on a retry acceptor", spec: withAcceptors({ ...onPath("s", "stringEquals", "x", "retry"), message: "reason" }), answer: {}, expect: { inputError: "spec.acceptors[0].message" } },
  // 13. At least one way to succeed.
  { cites: SUCCESS_REQUIRED, case: "only failure and retry acceptors, no success list", spec: rpcSpec({ acceptors: [onPath("s", "stringEquals", "x", "failure")] }), answer: {}, expect: { inputError: "spec" } },
  { cites: SUCCESS_REQUIRED, case: "a success list without status (opgate: status is required with lists)", spec: rpcSpec({ success: ["done"] }), answer: {}, expect: { inputError: "spec.status" } },
  // 14. Delays.
  { cites: DELAYS, case: "minDelay 5 > maxDelay 2", spec: rpcSpec({ status: "s", success: ["x"], minDelay: 5, maxDelay: 2 }), answer: {}, expect: { inputError: "spec.minDelay" } },
  { cites: DELAYS, case: "minDelay 0", spec: rpcSpec({ status: "s", success: ["x"], minDelay: 0 }), answer: {}, expect: { inputError: "spec.minDelay" } },
  { cites: DELAYS, case: "maxDelay 0", spec: rpcSpec({ status: "s", success: ["x"], maxDelay: 0 }), answer: {}, expect: { inputError: "spec.maxDelay" } },
  // 18. Big numbers: exact decimal strings (deviation: Smithy exposes numbers).
  { cites: BIG_NUMBERS, case: "deviation: 2^64 compared as its exact digits", spec: withAcceptors(onPath("n", "stringEquals", "18446744073709551616")), answer: { n: 18446744073709551616n }, expect: { state: "SUCCESS" } },
];

/** What a poll of `row` came to. */
async function outcomeOf(row: Row): Promise<Outcome> {
  try {
    return { state: (await pollOnce(row.spec, row.answer)).state };
  } catch (err) {
    if (err instanceof InputError) return { inputError: err.field };
    if (err instanceof ApiError) return { passes: err.kind };
    throw err;
  }
}

describe("Smithy waiters conformance (waiters.rst)", () => {
  test.each(ROWS.map((row) => [`${row.case} — "${row.cites.slice(0, 60)}…"`, row] as const))("%s", async (_, row) => {
    expect(await outcomeOf(row)).toEqual(row.expect);
  });

  test('the failure message: "The expression MUST resolve to a string or an array of strings" (a list is joined with "; ")', async () => {
    const spec = withAcceptors({ ...onPath("status", "stringEquals", "FAIL", "failure"), message: "[error_code, fail_reason]" });
    const snapshot = await pollOnce(spec, { status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." });
    expect(snapshot).toMatchObject({ state: "FAILURE", message: "Ecs.0013; Insufficient EIP quota." });
  });

  test('"If the total time of the waiter exceeds the allowed time, the waiter [...] MUST transition to a terminal failure state": TIMEOUT (exit 3)', async () => {
    const spec = rpcSpec({ status: "s", success: ["done"] });
    const result = await waitInVirtualTime(spec, () => ({ s: "busy" }), 600_000);
    expect(result).toMatchObject({ service: "api", outcome: "TIMEOUT", status: "RUNNING", rawStatus: "busy" });
  });

  test("an unmatched not-found error: tolerated for the grace period, then ERROR (the deviation of row 3, in time)", async () => {
    const spec = withAcceptors();
    const result = await waitInVirtualTime(spec, () => apiError("EntityNotExists.Stack", "notFound", 404), 600_000);
    expect(result).toMatchObject({ outcome: "ERROR", error: { code: "EntityNotExists.Stack" } });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(30_000);
    expect(result.elapsedMs).toBeLessThan(60_000);
  });

  // The engine's last look before the deadline (docs/contract.md, "A last look before the deadline").
  test('"If the computed delay subtracted from remainingTime is less than or equal to minDelay, then set delay to remainingTime and perform one last retry": an operation that ends 10 s before a 600 s deadline is SUCCESS', async () => {
    const spec = rpcSpec({ status: "s", success: ["done"] });
    const result = await waitInVirtualTime(spec, (ms) => ({ s: ms >= 590_000 ? "done" : "busy" }), 600_000);
    expect(result.outcome).toBe("SUCCESS");
  });
});

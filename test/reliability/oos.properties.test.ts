/**
 * Properties of the OOS provider, the one service whose verdict is an
 * aggregate: over random resource lists, random page splits and random
 * errors on any page, SUCCESS comes only from a non-empty list of resources
 * all Success or Skipped, and a poll never judges a partial list.
 */
import fc from "fast-check";
import { oos } from "../../providers/oos";
import { oosSnapshot } from "../../providers/oos/parse";
import type { ApiCaller } from "../../providers/types";
import { ApiError } from "../../src/core/errors";
import type { OperationState, ResourceStatus } from "../../src/core/result";

const RUNS = { numRuns: 200, seed: 20240601 };
const DOCUMENTED = ["Started", "Queued", "Waiting", "Pending", "Running", "Success", "Skipped", "Failed", "Cancelled"];
const PARAMS = { region: "cn-hangzhou", executionId: "exec-property" };
const NEVER = new AbortController().signal;

/** A documented status in any case with stray white space, or any other text. */
const rawStatusArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...DOCUMENTED), fc.constantFrom("same", "lower", "upper"), fc.constantFrom("", " ", "\n")).map(([s, c, pad]) => pad + (c === "lower" ? s.toLowerCase() : c === "upper" ? s.toUpperCase() : s) + pad) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** The contract's rule, written out independently: the oracle. */
function expectedState(statuses: string[]): OperationState {
  const norm = statuses.map((s) => s.trim().toLowerCase());
  const known = new Set(DOCUMENTED.map((s) => s.toLowerCase()));
  if (norm.includes("failed")) return "FAILURE";
  if (norm.includes("cancelled")) return "CANCELLED";
  if (norm.length > 0 && norm.every((s) => s === "success" || s === "skipped")) return "SUCCESS";
  if (norm.some((s) => s === "running" || !known.has(s))) return "RUNNING";
  return "PENDING";
}

function resourcesOf(statuses: string[]): ResourceStatus[] {
  return statuses.map((status, i) => ({ resourceId: `i-${i}`, status: status.trim(), outputs: {}, executionTime: null }));
}

test("the execution is SUCCESS exactly when it has resources and every one is Success or Skipped", () => {
  fc.assert(
    fc.property(fc.array(rawStatusArb, { maxLength: 30 }), (statuses) => {
      const snapshot = oosSnapshot(resourcesOf(statuses));
      expect(snapshot.state).toBe(expectedState(statuses));
      const allDone = statuses.length > 0 && statuses.every((s) => ["success", "skipped"].includes(s.trim().toLowerCase()));
      expect(snapshot.state === "SUCCESS").toBe(allDone);
      if (snapshot.state !== "SUCCESS") expect(snapshot.rawStatus).toBe(statuses.map((s) => s.trim()).find((s) => !["success", "skipped"].includes(s.toLowerCase())) ?? null);
    }),
    RUNS,
  );
});

/** What goes wrong on one page request. */
type PageFault = { kind: "transient" } | { kind: "permanent" } | { kind: "notFound" };

const pageFaultArb: fc.Arbitrary<PageFault> = fc.constantFrom({ kind: "transient" as const }, { kind: "permanent" as const }, { kind: "notFound" as const });

/** An ApiCaller serving `statuses` in pages of `sizes` (cycled; an empty page included), with `faults` by request. */
function pagedApi(statuses: string[], sizes: number[], faults: (PageFault | null)[]): { api: ApiCaller; requests: number[] } {
  const starts = [0];
  for (let i = 0; starts[starts.length - 1] < statuses.length; i++) starts.push(starts[starts.length - 1] + sizes[i % sizes.length]);
  const requests: number[] = [];
  const api: ApiCaller = {
    async call(request) {
      if (request.style !== "rpc") throw new Error("OOS is RPC");
      const page = request.params.NextToken === undefined ? 0 : Number(request.params.NextToken.slice(1));
      const fault = faults[requests.length] ?? null;
      requests.push(page);
      if (fault?.kind === "transient") throw new ApiError({ kind: "transient", code: "Throttling.User", message: "slow down", httpStatus: 400 });
      if (fault?.kind === "permanent") throw new ApiError({ kind: "permanent", code: "InvalidParameter", message: "The parameter NextToken is invalid.", httpStatus: 400 });
      if (fault?.kind === "notFound") throw new ApiError({ kind: "notFound", code: "EntityNotExists.Execution", message: "gone", httpStatus: 404 });
      const end = Math.min(statuses.length, starts[page + 1] ?? statuses.length);
      const items = statuses.slice(starts[page], end).map((Status, j) => ({
        Outputs: "{}",
        Status,
        ExecutionTime: "2020-11-13T08:48:34Z",
        ResourceId: `i-${starts[page] + j}`,
        ExecutionId: PARAMS.executionId,
      }));
      return { RequestId: "R", MaxResults: 100, ResourceExecutionStatus: items, ...(end < statuses.length ? { NextToken: `p${page + 1}` } : {}) };
    },
  };
  return { api, requests };
}

test("a poll judges all pages or none: whatever page fails, no verdict on a partial list", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(rawStatusArb, { maxLength: 250 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }).filter((sizes) => sizes.some((s) => s > 0)),
      fc.array(fc.option(pageFaultArb, { nil: null, freq: 3 }), { maxLength: 4 }),
      async (statuses, sizes, faults) => {
        const { api, requests } = pagedApi(statuses, sizes, faults);
        const outcome = await oos.poll(PARAMS, api, NEVER).then(
          (snapshot) => ({ snapshot }),
          (error: unknown) => ({ error }),
        );
        if ("snapshot" in outcome) {
          const { snapshot } = outcome;
          expect(snapshot.resources.map((r) => r.resourceId)).toEqual(statuses.map((_, i) => `i-${i}`));
          expect(snapshot.state).toBe(expectedState(statuses));
          return;
        }
        // The poll stopped at its last request's fault; an error on a later page never reads as permanent.
        expect(outcome.error).toBeInstanceOf(ApiError);
        const failedPage = requests[requests.length - 1];
        const fault = faults[requests.length - 1];
        const error = outcome.error as ApiError;
        expect(fault).not.toBeNull();
        expect(error.kind).toBe(fault!.kind === "permanent" && failedPage > 0 ? "transient" : fault!.kind);
      },
    ),
    RUNS,
  );
});

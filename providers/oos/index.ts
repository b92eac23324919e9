/**
 * Alibaba Cloud OOS `ListResourceExecutionStatus` (version 2019-06-01, RPC,
 * paginated): every poll reads all pages and judges the execution on the whole set.
 */
import { ApiError } from "../../src/core/errors";
import type { ResourceStatus } from "../../src/core/result";
import { ReadBudget } from "../../src/clients/read-budget";
import type { ApiCaller, ApiRequest, FieldSpec, ServiceProvider } from "../types";
import { alibabaRegion, idField, regionalEndpoint, requiredText } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { oosSnapshot, parseOosPage } from "./parse";

/** `--execution-id` (required, identifying). */
export const OOS_FIELDS = [
  idField({ name: "executionId", flag: "--execution-id", required: true, description: "OOS execution ID (exec-...)" }),
] as const satisfies readonly FieldSpec[];

/** The page size asked for (the API's maximum); a page with more is refused (`PageTooLarge`). */
const PAGE_SIZE = 100;
/**
 * The most pages one poll reads, so at most 100,000 resources: more than any
 * real execution has, and a guard against a server that never ends. A longer
 * execution ends the wait with ERROR `PollTooLarge`.
 */
export const MAX_PAGES = 1000;
/** The most bytes one poll reads over all its pages (32 MiB); more ends the wait with ERROR `PollTooLarge`. */
export const MAX_POLL_BYTES = 32 * 2 ** 20;

/** The request for the page after `nextToken` (the first page without one). */
function oosRequest(region: string, executionId: string, nextToken?: string): ApiRequest {
  return {
    style: "rpc",
    action: "ListResourceExecutionStatus",
    version: "2019-06-01",
    params: {
      RegionId: region,
      ExecutionId: executionId,
      MaxResults: String(PAGE_SIZE),
      ...(nextToken === undefined ? {} : { NextToken: nextToken }),
    },
  };
}

/**
 * The error of a page after the first. A 4xx there is about the `NextToken`
 * the API itself handed out (gone stale when the list changed between pages),
 * not about the wait's input, which the first page accepted: it is transient,
 * and the next poll starts again from the first page, which decides. Other
 * errors keep their kind.
 */
function laterPageError(err: unknown): unknown {
  const clientError = err instanceof ApiError && err.kind === "permanent" && err.httpStatus !== null && err.httpStatus >= 400 && err.httpStatus < 500;
  if (!clientError) return err;
  return new ApiError({
    kind: "transient",
    code: err.code,
    message: `${err.message} (on a later page: reading again from the first)`,
    httpStatus: err.httpStatus,
    retryAfterMs: err.retryAfterMs,
    cause: err,
  });
}

/** A permanent error about an answer opgate will not read: `PageTooLarge`, `PollTooLarge`. */
function refused(code: string, message: string): ApiError {
  return new ApiError({ kind: "permanent", code, message: `unexpected API answer: ${message}` });
}

/**
 * The resources of all pages, in API order, following `NextToken` until it is
 * absent or empty, within bounds: a page with more than the 100 resources
 * asked for throws `PageTooLarge`, more than `MAX_PAGES` pages or
 * `MAX_POLL_BYTES` of them `PollTooLarge` (both permanent: the next poll
 * would read the same), and an aborted `signal` stops before the next page.
 * A token seen before (a loop) throws a transient `ApiError` (code
 * `PaginationLoop`); see `laterPageError` for the errors of later pages.
 */
async function readAllResources(api: ApiCaller, region: string, executionId: string, signal: AbortSignal): Promise<ResourceStatus[]> {
  const resources: ResourceStatus[] = [];
  const seen = new Set<string>();
  const budget = new ReadBudget(MAX_POLL_BYTES, `the pages of OOS execution ${executionId}`);
  let token: string | undefined;
  for (let page = 1; ; page += 1) {
    signal.throwIfAborted();
    const request = oosRequest(region, executionId, token);
    const answer = await api.call(request, signal, budget).catch((err: unknown) => {
      throw page > 1 ? laterPageError(err) : err;
    });
    const { resources: items, nextToken } = parseOosPage(answer, executionId);
    if (items.length > PAGE_SIZE) {
      throw refused("PageTooLarge", `OOS page ${page} lists ${items.length} resources where MaxResults=${PAGE_SIZE} asked for at most ${PAGE_SIZE}`);
    }
    resources.push(...items);
    if (nextToken === null) return resources;
    if (page >= MAX_PAGES) {
      throw refused("PollTooLarge", `OOS execution ${executionId} has more than ${MAX_PAGES} pages of resources, more than one poll reads (docs/reliability.md)`);
    }
    if (seen.has(nextToken)) {
      throw new ApiError({
        kind: "transient",
        code: "PaginationLoop",
        message: `unexpected API answer: OOS pagination does not end (NextToken ${JSON.stringify(nextToken)} again after ${page} pages)`,
      });
    }
    seen.add(nextToken);
    token = nextToken;
  }
}

/** The OOS provider (no default region; the operation ID is the execution ID). */
export const oos: ServiceProvider<typeof OOS_FIELDS> = {
  name: "oos",
  cloud: "alibaba",
  fields: OOS_FIELDS,
  region: alibabaRegion(),
  operationIdOf: (params) => requiredText(params, "executionId"),
  defaultEndpoint: (region) => regionalEndpoint("oos", region, "aliyuncs.com"),
  async poll(params, api, signal) {
    const resources = await readAllResources(api, requiredText(params, "region"), requiredText(params, "executionId"), signal);
    return oosSnapshot(resources);
  },
  isNotFound: isNotFoundCode,
};

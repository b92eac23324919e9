/**
 * Alibaba Cloud OOS `ListResourceExecutionStatus` (version 2019-06-01, RPC,
 * paginated): every poll reads all pages and judges the execution on the whole set.
 */
import { ApiError } from "../../src/core/errors";
import type { ResourceStatus } from "../../src/core/result";
import type { ApiCaller, ApiRequest, FieldSpec, ServiceProvider } from "../types";
import { alibabaRegion, idField, regionalEndpoint, requiredText } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { oosSnapshot, parseOosPage } from "./parse";

/** `--execution-id` (required, identifying). */
export const OOS_FIELDS = [
  idField({ name: "executionId", flag: "--execution-id", required: true, description: "OOS execution ID (exec-...)" }),
] as const satisfies readonly FieldSpec[];

/** The page size asked for (the API's maximum). */
const PAGE_SIZE = "100";
/** More pages than any real execution has (100 per page): a guard against a server that never ends. */
const MAX_PAGES = 1000;

/** The request for the page after `nextToken` (the first page without one). */
function oosRequest(region: string, executionId: string, nextToken?: string): ApiRequest {
  return {
    style: "rpc",
    action: "ListResourceExecutionStatus",
    version: "2019-06-01",
    params: {
      RegionId: region,
      ExecutionId: executionId,
      MaxResults: PAGE_SIZE,
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

/**
 * The resources of all pages, in API order, following `NextToken` until it is
 * absent or empty. A token seen before (a loop) or an endless series of pages
 * throws a transient `ApiError` (code `PaginationLoop`); see `laterPageError`
 * for the errors of later pages.
 */
async function readAllResources(api: ApiCaller, region: string, executionId: string, signal: AbortSignal): Promise<ResourceStatus[]> {
  const resources: ResourceStatus[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page += 1) {
    const request = oosRequest(region, executionId, token);
    const answer = await api.call(request, signal).catch((err: unknown) => {
      throw page > 1 ? laterPageError(err) : err;
    });
    const { resources: items, nextToken } = parseOosPage(answer, executionId);
    resources.push(...items);
    if (nextToken === null) return resources;
    if (seen.has(nextToken) || page >= MAX_PAGES) {
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

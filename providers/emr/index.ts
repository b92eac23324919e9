/**
 * Alibaba Cloud EMR `GetOperation` (version 2021-03-20, RPC).
 */
import type { ApiRequest, FieldSpec, Params, ServiceProvider } from "../types";
import { alibabaRegion, flag, idField, regionalEndpoint, requiredText } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { parseEmrAnswer } from "./parse";

/** `--cluster-id` and `--operation-id` identify the operation; `--allow-partial` only changes how it is judged. */
export const EMR_FIELDS = [
  idField({ name: "clusterId", flag: "--cluster-id", required: true, description: "EMR cluster ID (c-...)" }),
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "EMR operation ID (op-...)" }),
  {
    name: "allowPartial",
    flag: "--allow-partial",
    kind: "boolean",
    required: false,
    identifying: false,
    description: "count PARTIAL_COMPLETED as success instead of failure",
  },
] as const satisfies readonly FieldSpec[];

/** The request for one poll: `RegionId`, `ClusterId`, `OperationId`. */
function emrRequest(params: Params): ApiRequest {
  return {
    style: "rpc",
    action: "GetOperation",
    version: "2021-03-20",
    params: {
      RegionId: requiredText(params, "region"),
      ClusterId: requiredText(params, "clusterId"),
      OperationId: requiredText(params, "operationId"),
    },
  };
}

/** The EMR provider (no default region). */
export const emr: ServiceProvider<typeof EMR_FIELDS> = {
  name: "emr",
  cloud: "alibaba",
  fields: EMR_FIELDS,
  region: alibabaRegion(),
  operationIdOf: (params) => requiredText(params, "operationId"),
  defaultEndpoint: (region) => regionalEndpoint("emr", region, "aliyuncs.com"),
  async poll(params, api, signal) {
    const answer = await api.call(emrRequest(params), signal);
    return parseEmrAnswer(answer, requiredText(params, "operationId"), flag(params, "allowPartial"));
  },
  isNotFound: isNotFoundCode,
};

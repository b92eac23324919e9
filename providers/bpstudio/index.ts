/**
 * Alibaba Cloud BPStudio `GetExecuteOperationResult` (version 2021-09-31, RPC).
 */
import type { ApiRequest, FieldSpec, Params, ServiceProvider } from "../types";
import { alibabaRegion, idField, optionalText, regionalEndpoint, requiredText } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { parseBpStudioAnswer } from "./parse";

/** `--operation-id` (required) and `--resource-group-id` (optional); both identify the operation. */
export const BPSTUDIO_FIELDS = [
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "BPStudio operation ID (op_...; valid for one hour)" }),
  idField({ name: "resourceGroupId", flag: "--resource-group-id", required: false, description: "resource group ID used for permission checks" }),
] as const satisfies readonly FieldSpec[];

/** The request for one poll: `OperationId` and, when given, `ResourceGroupId`. */
function bpstudioRequest(params: Params): ApiRequest {
  const resourceGroupId = optionalText(params, "resourceGroupId");
  return {
    style: "rpc",
    action: "GetExecuteOperationResult",
    version: "2021-09-31",
    params: {
      OperationId: requiredText(params, "operationId"),
      ...(resourceGroupId === undefined ? {} : { ResourceGroupId: resourceGroupId }),
    },
  };
}

/** The BPStudio provider (region default `cn-hangzhou`). */
export const bpstudio: ServiceProvider<typeof BPSTUDIO_FIELDS> = {
  name: "bpstudio",
  cloud: "alibaba",
  fields: BPSTUDIO_FIELDS,
  region: alibabaRegion("cn-hangzhou"),
  operationIdOf: (params) => requiredText(params, "operationId"),
  defaultEndpoint: (region) => regionalEndpoint("bpstudio", region, "aliyuncs.com"),
  async poll(params, api, signal) {
    const answer = await api.call(bpstudioRequest(params), signal);
    return parseBpStudioAnswer(answer, requiredText(params, "operationId"));
  },
  isNotFound: isNotFoundCode,
};

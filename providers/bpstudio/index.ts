/**
 * Alibaba Cloud BPStudio `GetExecuteOperationResult` (version 2021-09-31, RPC).
 */
import type { ApiRequest, Params, ServiceProvider } from "../types";
import { regionalEndpoint } from "../shared/endpoint";
import { alibabaRegion } from "../shared/fields";
import { isNotFoundCode } from "../shared/not-found";
import { optionalText, requiredText } from "../shared/param-values";
import { bpstudioEmulator } from "./emulator";
import { BPSTUDIO_FIELDS } from "./fields";
import { parseBpStudioAnswer } from "./parse";

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
export const bpstudio: ServiceProvider = {
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
  emulator: bpstudioEmulator,
};

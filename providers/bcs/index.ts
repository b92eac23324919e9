/**
 * Huawei Cloud BCS `GET /v2/{project_id}/operation/record`.
 */
import type { ApiRequest, Params, ServiceProvider } from "../types";
import { regionalEndpoint } from "../shared/endpoint";
import { isNotFoundCode } from "../shared/not-found";
import { optionalText, requiredText } from "../shared/param-values";
import { bcsEmulator } from "./emulator";
import { BCS_FIELDS } from "./fields";
import { parseBcsAnswer } from "./parse";

/** The request for one poll: the project in the path, `operation_id` (+ `blockchain_id`) in the query. */
function bcsRequest(params: Params): ApiRequest {
  const blockchainId = optionalText(params, "blockchainId");
  return {
    style: "rest",
    method: "GET",
    path: `/v2/${requiredText(params, "projectId")}/operation/record`,
    query: {
      operation_id: requiredText(params, "operationId"),
      ...(blockchainId === undefined ? {} : { blockchain_id: blockchainId }),
    },
  };
}

/** The BCS provider (region from `HW_REGION_NAME`, no default). */
export const bcs: ServiceProvider = {
  name: "bcs",
  cloud: "huawei",
  fields: BCS_FIELDS,
  region: { env: ["HW_REGION_NAME"] },
  operationIdOf: (params) => requiredText(params, "operationId"),
  defaultEndpoint: (region) => regionalEndpoint("bcs", region, "myhuaweicloud.com"),
  async poll(params, api, signal) {
    const answer = await api.call(bcsRequest(params), signal);
    return parseBcsAnswer(answer, requiredText(params, "operationId"));
  },
  isNotFound: isNotFoundCode,
  emulator: bcsEmulator,
};

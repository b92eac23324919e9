/**
 * Huawei Cloud BCS `GET /v2/{project_id}/operation/record`.
 */
import type { ApiRequest, FieldSpec, Params, ServiceProvider } from "../types";
import { HUAWEI_PROJECT_ID, idField, optionalText, regionalEndpoint, requiredText } from "../params";
import { isNotFoundCode } from "../shared/api-answers";
import { parseBcsAnswer } from "./parse";

/** `--project-id` (env `HW_PROJECT_ID`), `--operation-id` and optional `--blockchain-id`; all identify the operation. */
export const BCS_FIELDS = [
  idField({
    name: "projectId",
    flag: "--project-id",
    required: true,
    env: ["HW_PROJECT_ID"],
    description: "Huawei Cloud project ID",
    pattern: HUAWEI_PROJECT_ID,
  }),
  idField({ name: "operationId", flag: "--operation-id", required: true, description: "BCS operation record ID" }),
  idField({ name: "blockchainId", flag: "--blockchain-id", required: false, description: "BCS blockchain ID (narrows the query)" }),
] as const satisfies readonly FieldSpec[];

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
export const bcs: ServiceProvider<typeof BCS_FIELDS> = {
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
};

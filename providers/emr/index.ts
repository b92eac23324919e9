/**
 * Alibaba Cloud EMR `GetOperation` (version 2021-03-20, RPC).
 */
import type { ApiRequest, Params, ServiceProvider } from "../types";
import { regionalEndpoint } from "../shared/endpoint";
import { alibabaRegion } from "../shared/fields";
import { isNotFoundCode } from "../shared/not-found";
import { flag, requiredText } from "../shared/param-values";
import { emrEmulator } from "./emulator";
import { EMR_FIELDS } from "./fields";
import { parseEmrAnswer } from "./parse";

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
export const emr: ServiceProvider = {
  name: "emr",
  cloud: "alibaba",
  fields: EMR_FIELDS,
  region: alibabaRegion(),
  operationIdOf: (params) => requiredText(params, "operationId"),
  defaultEndpoint: (region) => regionalEndpoint("emr", region, "aliyuncs.com"),
  async poll(params, api, signal) {
    const answer = await api.call(emrRequest(params), signal);
    return parseEmrAnswer(answer, flag(params, "allowPartial"));
  },
  isNotFound: isNotFoundCode,
  emulator: emrEmulator,
};

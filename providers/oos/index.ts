/**
 * Alibaba Cloud OOS `ListResourceExecutionStatus` (version 2019-06-01, RPC,
 * paginated): every poll reads all pages and judges the execution on the whole set.
 */
import type { ServiceProvider } from "../types";
import { regionalEndpoint } from "../shared/endpoint";
import { alibabaRegion } from "../shared/fields";
import { isNotFoundCode } from "../shared/not-found";
import { requiredText } from "../shared/param-values";
import { oosEmulator } from "./emulator";
import { OOS_FIELDS } from "./fields";
import { readAllResources } from "./pages";
import { oosSnapshot } from "./parse";

/** The OOS provider (no default region; the operation ID is the execution ID). */
export const oos: ServiceProvider = {
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
  emulator: oosEmulator,
};

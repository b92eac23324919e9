/**
 * Where an API wait's requests go when the wait names no endpoint (the
 * `endpoint` input and `OPGATE_ENDPOINT` come first, in the library):
 * - Alibaba Cloud: the product's own variable `ALIBABA_CLOUD_ENDPOINT_<PRODUCT>`
 *   (the name terraform-provider-alicloud reads), then the table of products
 *   with an irregular host, then `https://{product}.{region}.aliyuncs.com`;
 * - Huawei Cloud: `https://{service}.{region}.myhuaweicloud.com`.
 * International-account hosts (`ros-intl.aliyuncs.com`) cannot be known
 * offline: such users set the endpoint or the product's variable.
 */
import { parseEndpoint } from "../../src/clients/endpoint";
import { InputError } from "../../src/core/errors";
import { CLOUD_REGION_ENV, regionalEndpoint } from "../params";
import type { ApiCall } from "./spec";

/**
 * Alibaba Cloud products whose endpoint is one host for every region, from
 * terraform-provider-alicloud's `irregularProductEndpoint`
 * (alicloud/connectivity/endpoint.go).
 */
export const IRREGULAR_ALIBABA_HOSTS: Readonly<Record<string, string>> = {
  cas: "cas.aliyuncs.com",
  cassandra: "cassandra.aliyuncs.com",
  cloudfw: "cloudfw.aliyuncs.com",
  market: "market.aliyuncs.com",
  ram: "ram.aliyuncs.com",
  resourcecenter: "resourcecenter.aliyuncs.com",
  ros: "ros.aliyuncs.com",
  sas: "tds.aliyuncs.com",
  scdn: "scdn.aliyuncs.com",
  vpcpeer: "vpcpeer.aliyuncs.com",
};

/** `ALIBABA_CLOUD_ENDPOINT_<PRODUCT>`: the product in capitals, dashes as underscores. */
export function productEndpointVariable(product: string): string {
  return `ALIBABA_CLOUD_ENDPOINT_${product.toUpperCase().replace(/-/g, "_")}`;
}

/** A host (`ecs.cn-hangzhou.aliyuncs.com`) or base URL from `variable`, as a base URL; throws `InputError` naming the variable. */
function endpointFromVariable(variable: string, value: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    return parseEndpoint(url).origin;
  } catch (err) {
    if (err instanceof InputError) throw new InputError(variable, `${err.reason} (a host such as ecs.cn-hangzhou.aliyuncs.com, or a base URL)`);
    throw err;
  }
}

/**
 * The default endpoint of `call`. Throws `InputError("region")` when the
 * rule needs a region and the wait has none.
 */
export function apiEndpoint(call: ApiCall, region: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const host = call.cloud === "huawei" ? call.service : call.product;
  const domain = call.cloud === "huawei" ? "myhuaweicloud.com" : "aliyuncs.com";
  if (call.cloud === "alibaba") {
    const variable = productEndpointVariable(call.product);
    const fromEnv = env[variable]?.trim();
    if (fromEnv) return endpointFromVariable(variable, fromEnv);
    if (Object.hasOwn(IRREGULAR_ALIBABA_HOSTS, call.product)) return `https://${IRREGULAR_ALIBABA_HOSTS[call.product]}`;
  }
  if (region === undefined) {
    throw new InputError(
      "region",
      `is required to reach ${host} at https://${host}.{region}.${domain}: give the region, set ${CLOUD_REGION_ENV[call.cloud].join(" or ")}, or give the endpoint`,
    );
  }
  return regionalEndpoint(host, region, domain);
}

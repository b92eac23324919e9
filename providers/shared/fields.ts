/**
 * Building blocks of the providers' field lists and region settings.
 */
import type { FieldSpec } from "../types";

/** Environment variables the Alibaba Cloud CLI, SDKs and Terraform provider read the region from. */
const ALIBABA_REGION_ENV = ["ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"];

/** The region setting of an Alibaba Cloud service, with an optional default region. */
export function alibabaRegion(defaultRegion?: string): Pick<FieldSpec, "env" | "default"> {
  return defaultRegion === undefined ? { env: [...ALIBABA_REGION_ENV] } : { env: [...ALIBABA_REGION_ENV], default: defaultRegion };
}

/** A string field that identifies the operation (a change means another operation). */
export function idField(spec: Pick<FieldSpec, "name" | "flag" | "required" | "description" | "env">): FieldSpec {
  return { kind: "string", identifying: true, ...spec };
}

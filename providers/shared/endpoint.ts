/**
 * Default service endpoints. The region becomes part of a host name, so it is
 * checked first: a value like `evil.example#` must not redirect signed requests.
 */
import { InputError } from "../../src/core/errors";

const REGION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/i;

/** `https://{service}.{region}.{domain}`; throws `InputError` for a region that is not a region ID. */
export function regionalEndpoint(service: string, region: string, domain: string): string {
  if (!REGION_ID.test(region)) {
    throw new InputError("region", `${JSON.stringify(region)} is not a region ID: use letters, digits and dashes, e.g. cn-hangzhou`);
  }
  return `https://${service}.${region}.${domain}`;
}

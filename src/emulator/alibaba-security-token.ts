/**
 * The STS security token check shared by both Alibaba signature versions.
 */
import { type AuthContext, safeEqual } from "./auth-common";
import { alibabaErrors, type CloudError } from "./cloud-errors";

/**
 * When the emulator is configured with an STS token, a request must present
 * it (signed: as the `x-acs-security-token` header or the v1 `SecurityToken`
 * parameter). Without one configured, any presented token is accepted.
 */
export function checkSecurityToken(presented: string | undefined, ctx: AuthContext): CloudError | undefined {
  const accepted = ctx.credentials.alibabaSecurityToken;
  if (!accepted) return undefined;
  if (!presented) return alibabaErrors.missingParameter("SecurityToken");
  return safeEqual(presented, accepted) ? undefined : alibabaErrors.securityTokenMismatch();
}

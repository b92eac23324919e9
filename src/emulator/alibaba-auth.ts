/**
 * Authenticates an Alibaba Cloud request: `ACS3-HMAC-SHA256` when it carries
 * an `Authorization` header, otherwise signature version 1.0 parameters.
 */
import { ACS3_ALGORITHM } from "../signing/alibaba";
import type { SignableRequest } from "../signing/canonical";
import type { AuthContext } from "./auth-common";
import { verifyAcs3 } from "./alibaba-acs3-auth";
import { verifyV1 } from "./alibaba-v1-auth";
import { alibabaErrors, type CloudError } from "./cloud-errors";

/**
 * The gateway's error for the request, or undefined when it is authentic.
 * @param params the query and form parameters merged.
 */
export function verifyAlibaba(req: SignableRequest, params: Record<string, string>, ctx: AuthContext): CloudError | undefined {
  const authorization = req.headers.authorization;
  if (authorization === undefined) return verifyV1(req.method, params, ctx);
  if (authorization.startsWith(`${ACS3_ALGORITHM} `)) return verifyAcs3(req, ctx);
  return alibabaErrors.incompleteSignature(`The Authorization header must use ${ACS3_ALGORITHM}.`);
}

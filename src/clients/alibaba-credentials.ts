/**
 * Alibaba Cloud credentials: explicit environment variables first, then the
 * default chain of `@alicloud/credentials` (profile, OIDC/RRSA, ECS RAM role,
 * credentials URI), which refreshes STS credentials by itself.
 *
 * The chain's ECS RAM role step asks the instance metadata service at
 * 100.100.100.200, which a firewalled runner may never answer. The first
 * lookup is therefore bounded (`CHAIN_LOOKUP_TIMEOUT_MS`, 5 s): a chain that
 * has found nothing by then counts as missing credentials, so the wait ends
 * with exit 2 before any request reaches the cloud API. Off ECS,
 * `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` skips the metadata step entirely.
 */
import Credential from "@alicloud/credentials";
import { formatDuration } from "../core/duration";
import { ApiError, InputError } from "../core/errors";
import type { AlibabaCredentials } from "../signing/alibaba";

export type { AlibabaCredentials };

/** Returns the credentials to sign the next request with. */
export type AlibabaCredentialsGetter = () => Promise<AlibabaCredentials>;

/** Environment variable names of one explicit source, in the order tried. */
const ENV_SOURCES = [
  { id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN" },
  { id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN" },
] as const;

const MISSING =
  "no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
  "(or ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY, a profile, OIDC or an ECS RAM role)";

/** How long the first lookup of the default chain (ECS metadata included) may take. */
export const CHAIN_LOOKUP_TIMEOUT_MS = 5_000;

/** The part of `@alicloud/credentials`' `Credential` used here (a stub in tests). */
export interface CredentialChain {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

/** Seams for tests: the chain and the bound of its first lookup. */
export interface ChainOptions {
  /** Default: `new Credential()`, the default chain. */
  chain?: CredentialChain;
  /** Default: `CHAIN_LOOKUP_TIMEOUT_MS`. */
  lookupTimeoutMs?: number;
}

/** What `timeUp` resolves with. */
const TIME_UP = Symbol("time up");

/** Resolves with `TIME_UP` after `ms`, without keeping the process alive. */
function timeUp(ms: number): Promise<typeof TIME_UP> {
  return new Promise((resolve) => setTimeout(() => resolve(TIME_UP), ms).unref());
}

/** Builds the credentials object, leaving `securityToken` out when empty. */
function credentials(accessKeyId: string, accessKeySecret: string, securityToken?: string): AlibabaCredentials {
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

/** The first complete pair of explicit variables in `env`, if any. */
function fromEnv(env: Record<string, string | undefined>): AlibabaCredentials | undefined {
  for (const source of ENV_SOURCES) {
    const id = env[source.id];
    const secret = env[source.secret];
    if (id && secret) return credentials(id, secret, env[source.token]);
  }
  return undefined;
}

/**
 * Resolves the credentials once, eagerly (so missing credentials fail before
 * any request), and returns a getter to call before each request. Order:
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET`(/`ALIBABA_CLOUD_SECURITY_TOKEN`) from
 * `env`, then `ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY`(/`ALICLOUD_SECURITY_TOKEN`)
 * from `env`, else the `@alicloud/credentials` default chain (which reads
 * `process.env` itself), whose first lookup gets `CHAIN_LOOKUP_TIMEOUT_MS`.
 * @throws InputError("credentials") when no source gives credentials in time.
 */
export async function resolveAlibabaCredentials(
  env: Record<string, string | undefined>,
  options: ChainOptions = {},
): Promise<AlibabaCredentialsGetter> {
  const explicit = fromEnv(env);
  if (explicit) return async () => explicit;
  const chain = options.chain ?? new Credential();
  const lookupTimeoutMs = options.lookupTimeoutMs ?? CHAIN_LOOKUP_TIMEOUT_MS;
  const fromChain = async (): Promise<AlibabaCredentials | undefined> => {
    const c = await chain.getCredential();
    return c.accessKeyId && c.accessKeySecret ? credentials(c.accessKeyId, c.accessKeySecret, c.securityToken) : undefined;
  };
  // The chain's own error text may quote profile files or STS answers: never pass it on.
  const first = await Promise.race([fromChain().catch(() => undefined), timeUp(lookupTimeoutMs)]);
  if (first === TIME_UP) {
    throw new InputError(
      "credentials",
      `${MISSING}; the default credential chain found none within ${formatDuration(lookupTimeoutMs)} (off ECS, ` +
        "set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true to skip its lookup of the instance metadata at 100.100.100.200)",
    );
  }
  if (!first) throw new InputError("credentials", MISSING);
  return async () => {
    const next = await fromChain().catch(() => undefined);
    if (!next) throw new ApiError({ kind: "transient", code: "CredentialsError", message: "refreshing the Alibaba Cloud credentials failed" });
    return next;
  };
}

/**
 * Credentials and defaults from the Pulumi stack config. The engine hands the
 * whole stack config to the provider host in the environment variable
 * `PULUMI_CONFIG` (JSON, namespaced keys); it is read at call time, never
 * captured, and mapped onto the environment variables the clients read.
 * Stack config wins over the environment.
 */
import type { Cloud } from "../../providers/types";
import { InputError } from "../core/errors";
import { isPlainObject } from "../core/values";

/** An environment as `waitForOperation({ env })` takes it. */
export type WaitEnv = Record<string, string | undefined>;

/** A credential pair in stack config and the environment variables it stands for. */
interface CredentialKeys {
  namespace: string;
  accessKey: string;
  secretKey: string;
  securityToken: string;
}

const ALIBABA: CredentialKeys = {
  namespace: "alicloud",
  accessKey: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  secretKey: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
};

const HUAWEI: CredentialKeys = {
  namespace: "huaweicloud",
  accessKey: "HW_ACCESS_KEY",
  secretKey: "HW_SECRET_KEY",
  securityToken: "HW_SECURITY_TOKEN",
};

const CREDENTIALS: Readonly<Record<Cloud, CredentialKeys>> = { alibaba: ALIBABA, huawei: HUAWEI };

/** Plain settings: stack config key → environment variable. */
const SETTINGS: Readonly<Record<string, string>> = {
  "alicloud:region": "ALIBABA_CLOUD_REGION_ID",
  "huaweicloud:region": "HW_REGION_NAME",
  "huaweicloud:projectId": "HW_PROJECT_ID",
};

/**
 * The environment a wait runs with: `processEnv` overlaid with the stack
 * config found in its `PULUMI_CONFIG`. A credential pair from stack config
 * replaces the environment's pair and its security token (a token belongs to
 * the pair it was issued with).
 * @throws InputError when stack config holds half a credential pair.
 */
export function waitEnv(processEnv: WaitEnv = process.env): WaitEnv {
  const config = readStackConfig(processEnv.PULUMI_CONFIG);
  const env: WaitEnv = { ...processEnv };
  for (const [key, name] of Object.entries(SETTINGS)) {
    if (config[key] !== undefined) env[name] = config[key];
  }
  for (const keys of Object.values(CREDENTIALS)) applyCredentials(env, config, keys);
  return env;
}

/** The stack config key a Pulumi user sets for `envName` (for hints in messages). */
export function stackConfigKeyFor(envName: string): string | undefined {
  const setting = Object.entries(SETTINGS).find(([, name]) => name === envName);
  return setting?.[0];
}

/** How a Pulumi user gives `cloud` credentials through stack config (for messages). */
export function credentialsHint(cloud: Cloud): string {
  const { namespace } = CREDENTIALS[cloud];
  return `or set stack config ${namespace}:accessKey and (as a secret) ${namespace}:secretKey`;
}

function applyCredentials(env: WaitEnv, config: Record<string, string>, keys: CredentialKeys): void {
  const accessKey = config[`${keys.namespace}:accessKey`];
  const secretKey = config[`${keys.namespace}:secretKey`];
  if (accessKey === undefined && secretKey === undefined) return;
  if (accessKey === undefined || secretKey === undefined) {
    const [given, missing] = accessKey === undefined ? ["secretKey", "accessKey"] : ["accessKey", "secretKey"];
    throw new InputError(
      `${keys.namespace}:${missing}`,
      `is required in stack config when ${keys.namespace}:${given} is set: pulumi config set --secret ${keys.namespace}:${missing} ...`,
    );
  }
  env[keys.accessKey] = accessKey;
  env[keys.secretKey] = secretKey;
  env[keys.securityToken] = config[`${keys.namespace}:securityToken`];
}

/**
 * Parses `PULUMI_CONFIG` into `namespace:key` → string value. Keys written
 * the old way (`alicloud:config:accessKey`) are accepted too; empty values and
 * anything that is not a JSON object are ignored.
 */
function readStackConfig(text: string | undefined): Record<string, string> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isPlainObject(parsed)) return {};
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "string" && value !== "") config[key.replace(/^([^:]+):config:/, "$1:")] = value;
  }
  return config;
}

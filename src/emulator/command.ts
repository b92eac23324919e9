/**
 * `opgate emulator [--port N] [--scenario FILE]`: starts the emulator on
 * 127.0.0.1, says how to point opgate at it, logs one line per request and
 * stops on SIGINT/SIGTERM/SIGHUP, or when the process that started it ends
 * (`npx opgate emulator &` then `kill $!` kills npx, not its child: the
 * emulator must not stay behind). The CLI wires its flags into
 * `runEmulatorCommand`.
 */
import { InputError } from "../core/errors";
import { CREDENTIAL_ENV, DEFAULT_CREDENTIALS, type EmulatorCredentials, credentialsFromEnv, resolveCredentials } from "./credentials";
import { startEmulator } from "./index";
import { loadScenarioFile } from "./scenario";
import type { Emulator } from "./server";

/** Inputs of `opgate emulator`. */
export interface EmulatorCommandOptions {
  /** TCP port (default 0: a free one). */
  port?: number;
  /** A scenario file (see SCENARIOS.md). */
  scenarioFile?: string;
  /** Where `OPGATE_EMULATOR_*` credential overrides are read. */
  env: NodeJS.ProcessEnv;
  /** Receives each output line. */
  stdout: (line: string) => void;
}

/** How often the emulator checks that the process that started it is still there. */
export const PARENT_CHECK_MS = 1000;
/** The signals that stop the emulator. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Starts the emulator. The first line written is exactly
 * `opgate emulator listening on http://127.0.0.1:PORT`; then the variables to
 * export (secrets only when they are the documented defaults), then one line
 * per request. SIGINT, SIGTERM or SIGHUP closes it, and so does the end of
 * its parent process (it is then re-parented: `process.ppid` changes); so does `close()`.
 * @throws InputError for a bad port or scenario file (before listening).
 */
export async function runEmulatorCommand(opts: EmulatorCommandOptions): Promise<Emulator> {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError("--port", "must be an integer from 0 to 65535 (0 picks a free port)");
  }
  const scenario = opts.scenarioFile === undefined ? undefined : loadScenarioFile(opts.scenarioFile);
  const overrides = credentialsFromEnv(opts.env);
  const emulator = await startEmulator({ port, host: "127.0.0.1", scenario, credentials: overrides, log: opts.stdout });

  const parent = process.ppid;
  const orphaned = setInterval(() => process.ppid !== parent && stop(), PARENT_CHECK_MS).unref();
  const stop = () => void close();
  const close = async () => {
    clearInterval(orphaned);
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
    await emulator.close();
    opts.stdout("opgate emulator stopped");
  };
  // Stops on a signal from the moment the first line says it is listening.
  for (const signal of STOP_SIGNALS) process.once(signal, stop);

  opts.stdout(`opgate emulator listening on ${emulator.url}`);
  for (const line of exportLines(emulator.url, resolveCredentials(overrides))) opts.stdout(line);
  if (scenario) opts.stdout(`playing ${scenario.operations.length} operation(s) from ${opts.scenarioFile}`);
  return { ...emulator, close };
}

/**
 * `export NAME=value` lines for opgate's own credential variables. A secret is
 * printed only when it is the documented default; an overridden one is named
 * by the variable that holds it.
 */
function exportLines(url: string, creds: EmulatorCredentials): string[] {
  const secret = (key: keyof EmulatorCredentials): string =>
    creds[key] === DEFAULT_CREDENTIALS[key] ? String(creds[key]) : `<the value of ${CREDENTIAL_ENV[key]}>`;
  const lines = [
    "point opgate at it with:",
    `  export OPGATE_ENDPOINT=${url}`,
    `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${creds.alibabaAccessKeyId}`,
    `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret("alibabaAccessKeySecret")}`,
  ];
  if (creds.alibabaSecurityToken) lines.push(`  export ALIBABA_CLOUD_SECURITY_TOKEN=${secret("alibabaSecurityToken")}`);
  lines.push(
    `  export HW_ACCESS_KEY=${creds.huaweiAccessKey}`,
    `  export HW_SECRET_KEY=${secret("huaweiSecretKey")}`,
    `  (or, instead of HW_ACCESS_KEY/HW_SECRET_KEY: export HW_AUTH_TOKEN=${secret("huaweiAuthToken")})`,
  );
  return lines;
}

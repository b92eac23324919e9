/**
 * `opgate/emulator`: an offline HTTP emulator of the four APIs opgate waits
 * on, and of scripted APIs (any Alibaba RPC action, ROA path or Huawei path,
 * for the generic waiter), with scripted operation timelines and injected
 * faults. The scenario format is documented in SCENARIOS.md.
 *
 * @packageDocumentation
 */

import { EMULATED_SERVICES } from "../../providers/emulators";
import { type Emulator, type EmulatorOptions, startEmulatorServer } from "./server";

export type { Emulator, EmulatorOptions } from "./server";
export type { EmulatorCredentials } from "./credentials";
export { DEFAULT_CREDENTIALS, CREDENTIAL_ENV, credentialsFromEnv } from "./credentials";
export type { RequestRecord } from "./request-log";
export type {
  Scenario,
  ScenarioOperation,
  ServiceScenarioOperation,
  ScenarioFrame,
  ScriptedApiOperation,
  ScriptedFrame,
  FrameTiming,
  ScenarioFault,
  FaultKind,
  RateLimit,
  EmulatedServiceName,
} from "./scenario";
export type {
  ScriptedCall,
  ScriptedRpcCall,
  ScriptedRoaCall,
  ScriptedHuaweiCall,
  ScriptedMatch,
  ScriptedMethod,
  ScriptedAnswerSpec,
  ScriptedError,
} from "../../providers/api/emulator";
export { parseScenario, loadScenarioFile, SCRIPTED_API } from "./scenario";
export { FAULT_KINDS } from "./fault-spec";
export { SERVICES, type ServiceName } from "../core/result";

/**
 * Starts the emulator of the four APIs on `host` (default `127.0.0.1`) and
 * `port` (default 0: a free port). It accepts the credentials of `options`
 * over the documented defaults; it does not read the environment (see
 * `runEmulatorCommand` for that).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulatorServer(options, Object.values(EMULATED_SERVICES));
}

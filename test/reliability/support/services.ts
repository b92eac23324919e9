/**
 * What the reliability tests need to know about each service: how to script
 * and wait for its operations (shared with `bench/endurance.js`), and the
 * codes its cloud answers each fault with.
 */
import type { ScenarioFault, ScenarioFrame, ScenarioOperation } from "../../../src/emulator";
import type { WaitForOperationOptions } from "../../../src/wait";
import { SERVICE_SCRIPTS, rawOf as scriptRawOf, timeline as scriptTimeline } from "../../../bench/lib/emulated-services";

/** Where an operation is in its life, in service-neutral words. */
export type Phase = "running" | "success" | "failure" | "cancelled";

/** One service as the tests drive it. */
export interface ServiceKit {
  service: "bpstudio" | "emr" | "bcs" | "oos";
  cloud: "alibaba" | "huawei";
  /** The raw status of each phase the service has (BPStudio and EMR have no CANCELLED). */
  raws: Partial<Record<Phase, string>>;
  /** The scripted operation `id` with `timeline` and `faults`. */
  operation(id: string, timeline: ScenarioFrame[], faults?: ScenarioFault[]): ScenarioOperation;
  /** The wait options for operation `id` (endpoint, env and tuning are added by the fixture). */
  wait(id: string): WaitForOperationOptions;
  /** The code the emulator's `throttle` fault sends by default. */
  throttleCode: string;
  /** Every throttling code this cloud uses. */
  throttleCodes: readonly string[];
  /** The code of the `server-error` and `error-body` faults. */
  serverErrorCode: string;
  errorBodyCode: string;
  /** The code of the `skewed-clock` fault. */
  skewedClockCode: string;
  /** The code of the ERROR a forgotten operation ends with. */
  notFoundCode: string;
}

type Codes = Omit<ServiceKit, "service" | "cloud" | "raws" | "operation" | "wait">;

const ALIBABA: Omit<Codes, "throttleCode" | "notFoundCode"> = {
  throttleCodes: ["Throttling.User", "Throttling.Api", "ThrottlingException"],
  serverErrorCode: "ServiceUnavailable",
  errorBodyCode: "InternalError",
  skewedClockCode: "InvalidTimeStamp.Expired",
};

const CODES: Record<ServiceKit["service"], Codes> = {
  bpstudio: { ...ALIBABA, throttleCode: "Throttling.User", notFoundCode: "OperationNotFound" },
  emr: { ...ALIBABA, throttleCode: "ThrottlingException", notFoundCode: "ResourceNotFound" },
  bcs: {
    throttleCode: "APIG.0308",
    throttleCodes: ["APIG.0308", "APIGW.0308"],
    serverErrorCode: "BCS.5000500",
    errorBodyCode: "BCS.5000500",
    skewedClockCode: "APIGW.0303",
    notFoundCode: "OperationNotFound",
  },
  oos: { ...ALIBABA, throttleCode: "Throttling.User", notFoundCode: "EntityNotExists.Execution" },
};

/** The four services, in the contract's order. */
export const KITS: readonly ServiceKit[] = SERVICE_SCRIPTS.map((script) => ({
  ...script,
  operation: (id, timeline, faults) => script.operation(id, timeline, faults) as ScenarioOperation,
  wait: (id) => script.wait(id) as WaitForOperationOptions,
  ...CODES[script.service],
}));

/** The raw status of `phase` in `kit`'s service (a test bug when the service lacks it). */
export function rawOf(kit: ServiceKit, phase: Phase): string {
  return scriptRawOf(SERVICE_SCRIPTS.find((s) => s.service === kit.service)!, phase);
}

/**
 * A timeline from `[phase or raw status, polls]` pairs: each frame lasts its
 * number of answers (default 1); the last one lasts forever.
 */
export function timeline(kit: ServiceKit, ...frames: [Phase | { raw: string }, number?][]): ScenarioFrame[] {
  return scriptTimeline(SERVICE_SCRIPTS.find((s) => s.service === kit.service)!, ...frames) as ScenarioFrame[];
}

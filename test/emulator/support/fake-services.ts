/**
 * A minimal registry of fake services for the server-mechanics tests: they
 * echo what the emulator hands a renderer, so the tests see routing, frames
 * and parameters without depending on the real providers.
 */
import { InputError } from "../../../src/core/errors";
import type { ServiceName } from "../../../src/core/result";
import type { EmulatedService } from "../../../src/emulator/router";
import { type Emulator, type EmulatorOptions, startEmulatorServer } from "../../../src/emulator/server";

export const FAKE_EMR = { action: "FakeGetOperation", version: "2021-03-20" };
export const FAKE_OOS = { action: "FakeListStatus", version: "2019-06-01" };
/** The fake Huawei route: `GET /v2/{project_id}/fake/record?operation_id=...`. */
export const FAKE_BCS_PATH = (project: string) => `/v2/${project}/fake/record`;
/** A nanosecond time beyond 2^53, as BCS sends. */
export const BIG_NANOS = 1618219038464462600n;

function fakeAlibaba(name: ServiceName, route: { action: string; version: string }): EmulatedService {
  return {
    name,
    cloud: "alibaba",
    emulator: {
      route: { cloud: "alibaba", ...route },
      operationIdOf: (req) => req.params.OperationId ?? { status: 400, body: { Code: "MissingParameter", Message: "OperationId" } },
      render(op, frame, req) {
        if (typeof frame.state !== "string") throw new InputError("state", "must be a string");
        if (req.params.Boom) throw new Error("renderer bug");
        return { status: 200, body: { OperationId: op.id, State: frame.state, Attributes: op.attributes, Params: req.params, Nanos: BIG_NANOS } };
      },
      unknown: () => ({ status: 404, body: { Code: "FakeNotFound", Message: "unknown" } }),
    },
  };
}

const fakeBcs: EmulatedService = {
  name: "bcs",
  cloud: "huawei",
  emulator: {
    route: { cloud: "huawei", method: "GET", path: /^\/v2\/(?<project_id>[^/]+)\/fake\/record$/ },
    operationIdOf: (req) => req.params.operation_id ?? { status: 400, body: { error_code: "BCS.4000400", error_msg: "operation_id" } },
    render: (op, frame, req) => ({ status: 200, body: { count: 1, id: op.id, state: frame.state, project: req.pathParams.project_id } }),
    unknown: () => ({ status: 200, body: { count: 0, operation_records: [] } }),
  },
};

/** Fake emr, oos (Alibaba) and bcs (Huawei). */
export const FAKE_SERVICES: EmulatedService[] = [fakeAlibaba("emr", FAKE_EMR), fakeAlibaba("oos", FAKE_OOS), fakeBcs];

/** 2024-01-01T12:00:00Z: the tests' emulator clock starts here. */
export const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

/** A clock the test moves by hand. */
export class ManualClock {
  t = T0;
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Starts the emulator over the fake services with a manual clock. */
export async function startFake(options: EmulatorOptions = {}): Promise<{ emu: Emulator; clock: ManualClock }> {
  const clock = new ManualClock();
  const emu = await startEmulatorServer({ now: clock.now, ...options }, FAKE_SERVICES);
  return { emu, clock };
}

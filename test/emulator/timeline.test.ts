/**
 * Timeline progression over real HTTP: frames lasting a number of answers,
 * frames lasting a time on an injected clock, and their mix.
 */
import type { Emulator } from "../../src/emulator/server";
import type { ScenarioFault, ScenarioFrame } from "../../src/emulator/scenario";
import { FAKE_BCS_PATH, FAKE_EMR, type ManualClock, startFake } from "./support/fake-services";
import { json, send } from "./support/http";
import { acs3Request, tokenRequest } from "./support/signed-requests";

let emu: Emulator;
let clock: ManualClock;

beforeEach(async () => {
  ({ emu, clock } = await startFake());
});
afterEach(() => emu.close());

function script(timeline: ScenarioFrame[], faults: ScenarioFault[] = []) {
  emu.addOperation({ service: "emr", id: "op-1", timeline, faults });
}

/** One EMR poll; returns the state, or the error code. */
async function poll(): Promise<string> {
  const res = await send(emu.port, acs3Request({ port: emu.port, ...FAKE_EMR, params: { OperationId: "op-1" }, at: clock.t }));
  const body = json(res);
  return body.State ?? body.Code;
}

async function pollTimes(n: number): Promise<string[]> {
  const states: string[] = [];
  for (let i = 0; i < n; i++) states.push(await poll());
  return states;
}

test("frames lasting a number of polls", async () => {
  script([{ polls: 2, state: "A" }, { polls: 1, state: "B" }, { state: "C" }]);
  expect(await pollTimes(5)).toEqual(["A", "A", "B", "C", "C"]);
});

test("frames lasting a time, measured from the first request", async () => {
  script([{ for: "2s", state: "A" }, { for: 1000, state: "B" }, { state: "C" }]);
  clock.advance(60_000); // before the first request: does not count
  expect(await poll()).toBe("A");
  clock.advance(1999);
  expect(await poll()).toBe("A");
  clock.advance(1);
  expect(await poll()).toBe("B");
  clock.advance(999);
  expect(await poll()).toBe("B");
  clock.advance(1);
  expect(await poll()).toBe("C");
});

test("a client polling rarely skips frames that ended in between", async () => {
  script([{ for: "1s", state: "A" }, { for: "1s", state: "B" }, { state: "C" }]);
  expect(await poll()).toBe("A");
  clock.advance(5000);
  expect(await poll()).toBe("C");
});

test("a polls frame after a time frame starts with the next request", async () => {
  script([{ for: "1s", state: "A" }, { polls: 2, state: "B" }, { for: "10s", state: "C" }, { state: "D" }]);
  expect(await poll()).toBe("A");
  clock.advance(30_000);
  expect(await pollTimes(3)).toEqual(["B", "B", "C"]);
  clock.advance(9_999);
  expect(await poll()).toBe("C");
  clock.advance(1);
  expect(await poll()).toBe("D");
});

test("faulted answers do not use up a polls frame, but count as polls", async () => {
  script([{ polls: 1, state: "A" }, { state: "B" }], [{ poll: 1, kind: "throttle" }, { poll: 3, kind: "server-error" }]);
  expect(await pollTimes(4)).toEqual(["ThrottlingException", "A", "ServiceUnavailable", "B"]);
});

test("operations are independent; addOperation restarts one", async () => {
  script([{ polls: 1, state: "A" }, { state: "B" }]);
  emu.addOperation({ service: "bcs", id: "op-1", timeline: [{ state: "bcs-frame" }] });
  expect(await pollTimes(2)).toEqual(["A", "B"]);
  const bcs = json(await send(emu.port, tokenRequest(emu.port, FAKE_BCS_PATH("p"), { operation_id: "op-1" })));
  expect(bcs.state).toBe("bcs-frame");
  script([{ polls: 1, state: "A" }, { state: "B" }]);
  expect(await poll()).toBe("A");
});

test("loadScenario replaces every operation", async () => {
  script([{ state: "A" }]);
  emu.loadScenario({ operations: [{ service: "emr", id: "op-2", timeline: [{ state: "Z" }] }] });
  expect(await poll()).toBe("FakeNotFound");
});

test("a frame the renderer refuses fails at load time with its place", () => {
  expect(() => emu.addOperation({ service: "emr", id: "op-1", timeline: [{ polls: 1, state: "A" }, { state: 42 }] })).toThrow(
    /operation\.timeline\[1\]: state: must be a string/,
  );
  expect(() => emu.loadScenario({ operations: [{ service: "emr", id: "x", timeline: [{ state: 1 }] }] })).toThrow(/operations\[0\]\.timeline\[0\]/);
});

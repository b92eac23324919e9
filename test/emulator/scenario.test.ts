/**
 * Scenario validation: clear errors naming the operation index and key, and
 * the documented examples are valid.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICES } from "../../src/core/result";
import { loadScenarioFile, parseScenario, planOperation } from "../../src/emulator/scenario";
import { scenarioExamples } from "./support/scenario-examples";
import { temporaryFolder } from "../support/temporary-folder";
import { scenarioRefusal } from "./support/scenario-refusal";

const op = (extra: Record<string, unknown> = {}) => ({ service: "emr", id: "op-1", clusterId: "c-1", timeline: [{ state: "COMPLETED" }], ...extra });

test("the example of the brief parses, identifiers become attributes", () => {
  const scenario = {
    operations: [
      {
        service: "emr",
        id: "op-123",
        clusterId: "c-1",
        timeline: [{ for: "2s", state: "IN_PROGRESS" }, { polls: 2, state: "HUMAN_PROCESSING" }, { state: "COMPLETED" }],
        faults: [{ poll: 1, kind: "throttle" }],
      },
    ],
  };
  expect(parseScenario(scenario)).toEqual(scenario);
  const plan = planOperation(scenario.operations[0], "operations[0]");
  expect(plan.operation).toEqual({ service: "emr", id: "op-123", attributes: { clusterId: "c-1" } });
  expect(plan.frames.map((f) => f.lasts)).toEqual([{ ms: 2000 }, { polls: 2 }, "forever"]);
  expect(plan.frames[1].data).toEqual({ state: "HUMAN_PROCESSING" });
  expect(plan.faults).toEqual([{ kind: "throttle", from: 1, to: 1 }]);
});

test("durations: strings as in the CLI, numbers as milliseconds", () => {
  const lasts = (value: unknown) => planOperation(op({ timeline: [{ for: value, state: "A" }, { state: "B" }] }), "o").frames[0].lasts;
  expect(lasts("1m30s")).toEqual({ ms: 90_000 });
  expect(lasts("90")).toEqual({ ms: 90_000 });
  expect(lasts(250)).toEqual({ ms: 250 });
});

test.each([
  [[], "scenario"],
  [{ operations: {} }, "operations"],
  [{ operations: [], extra: 1 }, "extra"],
  [{ operations: [op({ service: "ecs" })] }, "operations[0].service"],
  [{ operations: [op(), op({ id: "" })] }, "operations[1].id"],
  [{ operations: [op(), op()] }, "operations[1].id"],
  [{ operations: [op({ timeline: [] })] }, "operations[0].timeline"],
  [{ operations: [op({ timeline: [{ state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0]"],
  [{ operations: [op({ timeline: [{ polls: 0, state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0].polls"],
  [{ operations: [op({ timeline: [{ polls: 1.5, state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0].polls"],
  [{ operations: [op({ timeline: [{ for: "soon", state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0].for"],
  [{ operations: [op({ timeline: [{ for: -5, state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0].for"],
  [{ operations: [op({ timeline: [{ for: "1s", polls: 1, state: "A" }, { state: "B" }] })] }, "operations[0].timeline[0]"],
  [{ operations: [op({ timeline: ["COMPLETED"] })] }, "operations[0].timeline[0]"],
  [{ operations: [op({ faults: {} })] }, "operations[0].faults"],
  [{ operations: [op({ faults: [{ poll: 1, kind: "explode" }] })] }, "operations[0].faults[0].kind"],
  [{ operations: [op({ faults: [{ kind: "throttle" }] })] }, "operations[0].faults[0]"],
  [{ operations: [op({ faults: [{ poll: 0, kind: "throttle" }] })] }, "operations[0].faults[0].poll"],
  [{ operations: [op({ faults: [{ poll: 1, from: 1, kind: "throttle" }] })] }, "operations[0].faults[0]"],
  [{ operations: [op({ faults: [{ from: 4, to: 2, kind: "throttle" }] })] }, "operations[0].faults[0].to"],
  [{ operations: [op({ faults: [{ poll: 1, kind: "delay" }] })] }, "operations[0].faults[0].ms"],
  [{ operations: [op({ faults: [{ poll: 1, kind: "reset", ms: 5 }] })] }, "operations[0].faults[0].ms"],
  [{ operations: [op({ faults: [{ poll: 1, kind: "throttle", retryAfter: "soon" }] })] }, "operations[0].faults[0].retryAfter"],
  [{ operations: [op({ faults: [{ poll: 1, kind: "huge", bytes: 0 }] })] }, "operations[0].faults[0].bytes"],
  [{ operations: [], rateLimit: { perSecond: 0 } }, "rateLimit.perSecond"],
  [{ operations: [], rateLimit: 5 }, "rateLimit"],
])("%j is refused naming %s", (json, field) => {
  expect(scenarioRefusal(json).field).toBe(field);
});

test("error messages say what to do", () => {
  expect(scenarioRefusal({ operations: [op({ faults: [{ poll: 1, kind: "explode" }] })] }).message).toMatch(/throttle, server-error, reset/);
  expect(scenarioRefusal({ operations: [op({ timeline: [{ state: "A" }, { state: "B" }] })] }).message).toMatch(/only the last frame lasts forever/);
  expect(scenarioRefusal({ operations: [op(), op()] }).message).toMatch(/already used by operations\[0\]/);
});

describe("loadScenarioFile", () => {
  const dir = temporaryFolder("opgate-scenario-");

  test("a valid file loads", () => {
    const file = join(dir, "ok.json");
    writeFileSync(file, JSON.stringify({ operations: [op()] }));
    expect(loadScenarioFile(file).operations).toHaveLength(1);
  });

  test("errors name the file", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ operations: [op({ timeline: [] })] }));
    expect(() => loadScenarioFile(bad)).toThrow(/operations\[0\]\.timeline: .*bad\.json/);
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{ operations: ");
    expect(() => loadScenarioFile(notJson)).toThrow(/not\.json is not valid JSON/);
    expect(() => loadScenarioFile(join(dir, "missing.json"))).toThrow(/cannot read .*missing\.json: ENOENT/);
  });
});

test("every JSON example of SCENARIOS.md parses: one per service, and scripted APIs of each call style", () => {
  const examples = scenarioExamples();
  const services = examples.filter(([heading]) => (SERVICES as readonly string[]).includes(heading));
  expect(services.map(([service]) => service).sort()).toEqual(["bcs", "bpstudio", "emr", "oos"]);
  for (const [service, json] of services) expect(parseScenario(json).operations[0].service).toBe(service);
  const scripted = examples.filter((example) => !services.includes(example)).map(([, json]) => parseScenario(json).operations[0]);
  const styles = scripted.map((op) => (op.service !== "api" ? op.service : op.call.cloud === "huawei" ? "huawei" : "path" in op.call ? "roa" : "rpc"));
  expect(styles.sort()).toEqual(["huawei", "roa", "rpc", "rpc"]);
});

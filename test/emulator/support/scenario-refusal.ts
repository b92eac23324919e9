/** The InputError a scenario is refused with, for the tests of scenario validation. */
import { InputError } from "../../../src/core/errors";
import { parseScenario } from "../../../src/emulator/scenario";

/** The InputError `parseScenario(json)` throws; fails the test when the scenario is accepted. */
export function scenarioRefusal(json: unknown): InputError {
  try {
    parseScenario(json);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("the scenario was accepted");
}

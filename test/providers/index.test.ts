import { InputError } from "../../src/core/errors";
import { SERVICES } from "../../src/core/result";
import { getProvider, PROVIDERS } from "../../providers";
import { EMULATED_SERVICES } from "../../providers/emulators";
import { allFields } from "../../providers/params";

describe("provider registry", () => {
  it("holds the four services under their own names", () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual([...SERVICES].sort());
    for (const name of SERVICES) {
      expect(PROVIDERS[name].name).toBe(name);
      expect(getProvider(name)).toBe(PROVIDERS[name]);
      // In any case, as the CLI and the HCL module take it.
      expect(getProvider(name.toUpperCase())).toBe(PROVIDERS[name]);
    }
  });

  it.each([["x"], ["EMR2"], ["toString"], ["TOSTRING"], ["__proto__"], [undefined], [42], [{}]])("refuses %p with an InputError on service", (name) => {
    expect(() => getProvider(name)).toThrow(InputError);
    try {
      getProvider(name);
    } catch (err) {
      expect((err as InputError).field).toBe("service");
      expect((err as InputError).reason).toMatch(/^unknown service ".*": use one of bpstudio, emr, bcs, oos$/);
    }
  });

  it("names the unknown service in the message", () => {
    expect(() => getProvider("x")).toThrow('service: unknown service "x": use one of bpstudio, emr, bcs, oos');
  });

  it("gives every provider distinct flags, a JSDoc-worthy description and an emulator route of its own cloud", () => {
    const routes = new Set<string>();
    for (const provider of Object.values(PROVIDERS)) {
      const flags = allFields(provider).map((f) => f.flag);
      expect(new Set(flags).size).toBe(flags.length);
      for (const field of provider.fields) expect(field.description.length).toBeGreaterThan(5);
      expect(EMULATED_SERVICES[provider.name].emulator.route.cloud).toBe(provider.cloud);
      routes.add(JSON.stringify(EMULATED_SERVICES[provider.name].emulator.route, (_, v) => (v instanceof RegExp ? v.source : v)));
    }
    expect(routes.size).toBe(4);
  });
});

describe("provider emulators at scenario load time", () => {
  /** The emulator test-renders every frame with a request that has no parameters. */
  const DRY_RUN = { params: {}, pathParams: {} };

  it.each<[string, Record<string, unknown>]>([
    ["bpstudio", { status: "RUNNING" }],
    ["emr", { state: "IN_PROGRESS" }],
    ["bcs", { status: "processing" }],
    ["oos", { status: "Running", count: 3 }],
  ])("%s renders a minimal frame for a request without parameters", (service, frame) => {
    const provider = getProvider(service);
    const answer = EMULATED_SERVICES[provider.name].emulator.render({ service: provider.name, id: "op-1", attributes: {} }, frame, DRY_RUN);
    expect(answer.status).toBe(200);
  });

  it("names the path of a bad value in a frame", () => {
    const frame = { status: "processing", steps: [{ name: "s", status: "finished", subSteps: [{ name: "a", status: "finished", startTime: "soon" }] }] };
    expect(() => EMULATED_SERVICES.bcs.emulator.render({ service: "bcs", id: "op-1", attributes: {} }, frame, DRY_RUN)).toThrow(
      "bcs frame steps[0].subSteps[0].startTime: must be an integer or a string of digits",
    );
  });
});

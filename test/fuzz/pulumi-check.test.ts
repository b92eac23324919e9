/**
 * The Pulumi provider's `check` (and `diff`), called directly with random
 * inputs as the engine sends them (JSON values, the "unknown" stand-in of a
 * preview): it always answers, with failures that name a real input and give
 * a clear reason, never throws. A value of the wrong type for a field is a
 * failure naming that field; hostile but valid strings pass verbatim (they
 * reach the API as data, there is no shell or template on the way).
 */
import fc from "fast-check";
import { PROVIDERS } from "../../providers";
import { allFields } from "../../providers/params";
import { SERVICES, type ServiceName } from "../../src/core/result";
import { inputNames } from "../../src/pulumi/inputs";
import { providerImplementation } from "../../src/pulumi/provider";
import { UNKNOWN } from "../pulumi/harness/provider-host";
import { oddValue } from "./support/hostile-text";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Valid inputs of a resource of each service, as a program registers them. */
const VALID: Readonly<Record<ServiceName, Record<string, unknown>>> = {
  bpstudio: { service: "bpstudio", operationId: "op_1" },
  emr: { service: "emr", region: "cn-hangzhou", clusterId: "c-1", operationId: "op-1" },
  bcs: { service: "bcs", region: "cn-north-4", projectId: "p-1", operationId: "op-1" },
  oos: { service: "oos", region: "cn-hangzhou", executionId: "exec-1" },
};

/** JSON values that are not strings (the engine sends nothing but JSON). */
const jsonNotString = fc.jsonValue().filter((value) => typeof value !== "string" && value !== null);

const saved = { ...process.env };
beforeAll(() => {
  // Fallbacks of the machine (a region, a project, stack config) must not fill in generated gaps.
  for (const name of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_|HW_|OPGATE_|PULUMI_CONFIG)/.test(name)) delete process.env[name];
});
afterAll(() => {
  process.env = saved;
});

/** Runs check and diff; returns the failures, or throws what a well-behaved provider never throws. */
async function checkAndDiff(news: Record<string, unknown>): Promise<{ property: string; reason: string }[]> {
  const checked = await providerImplementation.check({}, news);
  if (checked.failures?.length === 0 && typeof news.service === "string") await providerImplementation.diff("id", news, news);
  return checked.failures ?? [];
}

test(`random inputs: check answers with failures naming a real input (seed ${SEED})`, async () => {
  const input = fc.oneof(fc.constantFrom(...SERVICES), fc.jsonValue()).chain((service) => {
    const names = typeof service === "string" && (SERVICES as readonly string[]).includes(service) ? inputNames(service).all : ["operationId", "timeout"];
    const value = fc.oneof(fc.jsonValue(), oddValue(), fc.constant(UNKNOWN), fc.constantFrom("", " ", "x".repeat(600), "cn-hangzhou", "10m", "https://127.0.0.1:1"));
    return fc.dictionary(fc.constantFrom(...names, "unexpected"), value).map((props) => ({ ...props, service }));
  });
  await fc.assert(
    fc.asyncProperty(input, async (news) => {
      const names = typeof news.service === "string" && (SERVICES as readonly string[]).includes(news.service) ? inputNames(news.service).all : ["service"];
      for (const failure of await checkAndDiff(news)) {
        // An input of the resource, or a property it does not take (named as such).
        if (!names.includes(failure.property)) {
          expect({ property: failure.property, reason: failure.reason }).toEqual({ property: "unexpected", reason: expect.stringContaining("does not apply to the") });
        }
        expect(failure.reason).toMatch(/\S/);
        expect(failure.reason).not.toMatch(/^\s+at /m);
        expect(failure.reason.length).toBeLessThan(300);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});

test(`a value of the wrong type for a field fails check naming that field (seed ${SEED})`, async () => {
  const wrong = fc.constantFrom(...SERVICES).chain((service) => {
    const fields = [...allFields(PROVIDERS[service]), { name: "timeout", kind: "timeout" }, { name: "endpoint", kind: "string" }];
    return fc.constantFrom(...fields).chain((field) => {
      const value = field.kind === "boolean" ? jsonNotString.filter((v) => typeof v !== "boolean") : field.kind === "timeout" ? jsonNotString.filter((v) => typeof v !== "number" || !(v > 0 && v <= 7 * 86400)) : jsonNotString;
      return value.map((v) => ({ service, name: field.name, value: v }));
    });
  });
  await fc.assert(
    fc.asyncProperty(wrong, async ({ service, name, value }) => {
      const failures = await checkAndDiff({ ...VALID[service], [name]: value });
      expect(failures.map((f) => f.property)).toContain(name);
    }),
    { numRuns: 200, seed: SEED },
  );
});

/** The string fields of `service` without a pattern (the IDs; not the region, nor a BCS project). */
function freeTextFields(service: ServiceName): string[] {
  return allFields(PROVIDERS[service]).filter((field) => field.kind === "string" && !field.pattern).map((field) => field.name);
}

test(`hostile but valid IDs pass check verbatim (seed ${SEED})`, async () => {
  const hostile = fc.constantFrom(...SERVICES).chain((service) =>
    fc.tuple(fc.constantFrom(...freeTextFields(service)), oddValue()).map(([name, value]) => ({ service, name, value })),
  );
  await fc.assert(
    fc.asyncProperty(hostile, async ({ service, name, value }) => {
      const news = { ...VALID[service], [name]: value };
      const checked = await providerImplementation.check({}, news);
      expect(checked).toEqual({ inputs: news, failures: [] });
    }),
    { numRuns: 200, seed: SEED },
  );
});

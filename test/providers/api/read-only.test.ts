/**
 * The read-only rule as a property (docs/contract.md, "Only read calls"):
 * no spec the rule refuses ever sends a request. Random specs (write verbs,
 * look-alike read verbs, `allowAction` right or wrong, methods other than
 * GET, parameters named like signing fields in any case) go through
 * `waitForApi` against a loopback server that counts what reaches it; the
 * rule is written out again here, independently, as the oracle.
 */
import fc from "fast-check";
import { waitForApi } from "../../../src/wait";
import { InputError } from "../../../src/core/errors";
import { answer, startServer, type LocalServer } from "../../clients/local-server";
import { testEnv } from "./support";

/** The rule, from the contract's words. */
function refused(spec: { call: Record<string, unknown> }): boolean {
  const call = spec.call;
  const parameters = (call.params ?? call.query ?? {}) as Record<string, unknown>;
  const reserved = Object.keys(parameters).some((name) => {
    const n = name.toLowerCase();
    return ["action", "version", "accesskeyid", "timestamp", "format", "securitytoken"].includes(n) || n.startsWith("signature") || n.startsWith("x-acs-");
  });
  if (reserved || "body" in call) return true;
  if ("path" in call) return call.method !== "GET";
  const action = call.action as string;
  if (call.allowAction !== undefined) return call.allowAction !== action;
  return !["Describe", "Get", "List", "Query"].some((verb) => action.startsWith(verb) && /[A-Z0-9]/.test(action.charAt(verb.length)));
}

const actionArb = fc.oneof(
  fc.tuple(fc.constantFrom("Describe", "Get", "List", "Query"), fc.stringMatching(/^[A-Z0-9][A-Za-z0-9]{0,10}$/)).map(([v, rest]) => v + rest),
  fc.tuple(fc.constantFrom("Run", "Create", "Delete", "Modify", "Start", "Stop", "Reboot", "Release", "Update", "Search"), fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/)).map(([v, rest]) => v + rest),
  fc.tuple(fc.constantFrom("Describe", "Get", "List", "Query"), fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/)).map(([v, rest]) => v + rest),
  fc.constantFrom("Describe", "Get", "Getaway", "Listen", "Querying", "DescribeInstances", "RunInstances"),
);

const parameterNameArb = fc.oneof(
  fc.constantFrom("RegionId", "InstanceIds", "StackId", "PageSize", "Tag.1.Key"),
  fc
    .tuple(fc.constantFrom("Action", "Version", "AccessKeyId", "Signature", "SignatureNonce", "SignatureMethod", "Timestamp", "Format", "SecurityToken", "x-acs-action", "X-Acs-Security-Token"), fc.boolean())
    .map(([name, lower]) => (lower ? name.toLowerCase() : name.toUpperCase())),
);

const parametersArb = fc.dictionary(parameterNameArb, fc.constantFrom("v", "cn-hangzhou"), { maxKeys: 3 });

const rpcCallArb = fc
  .record({ action: actionArb, allow: fc.constantFrom("none", "same", "other"), params: parametersArb })
  .map(({ action, allow, params }) => ({
    cloud: "alibaba",
    product: "ecs",
    version: "2014-05-26",
    action,
    params,
    ...(allow === "none" ? {} : { allowAction: allow === "same" ? action : `${action}X` }),
  }));

const pathCallArb = fc
  .record({
    huawei: fc.boolean(),
    method: fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE", "get"),
    query: parametersArb,
    body: fc.option(fc.constant("{}"), { nil: undefined }),
  })
  .map(({ huawei, method, query, body }) => ({
    ...(huawei ? { cloud: "huawei", service: "ecs" } : { cloud: "alibaba", product: "cs", version: "2015-12-15", action: "DescribeClusterDetail" }),
    method,
    path: "/things/1",
    query,
    ...(body === undefined ? {} : { body }),
  }));

let server: LocalServer;
let requests = 0;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    requests += 1;
    answer(res, 200, { s: "done" });
  });
});
afterAll(() => server.close());

test("no spec the read-only rule refuses ever sends a request; every spec it accepts is polled", async () => {
  const env = testEnv();
  let refusedSeen = 0;
  await fc.assert(
    fc.asyncProperty(fc.oneof(rpcCallArb, pathCallArb), async (call) => {
      const spec = { call, status: "s", success: ["done"] };
      const before = requests;
      const outcome = await waitForApi(spec as never, { endpoint: server.url, env, region: "cn-hangzhou", timeout: "10s" }).then(
        (result) => result.outcome,
        (err: unknown) => err,
      );
      if (refused(spec)) {
        refusedSeen += 1;
        expect(outcome).toBeInstanceOf(InputError);
        expect(requests).toBe(before);
      } else {
        expect(outcome).toBe("SUCCESS");
        expect(requests).toBe(before + 1);
      }
    }),
    { numRuns: 150 },
  );
  // The generators reach both sides of the rule.
  expect(refusedSeen).toBeGreaterThan(20);
});

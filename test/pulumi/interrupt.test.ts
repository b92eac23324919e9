/**
 * SIGINT/SIGTERM of the provider host while a Create waits: the engine cannot
 * cancel a dynamic provider's call, so the host's signals must end the wait
 * cleanly: each Create answers INTERRUPTED (nothing recorded), then the host
 * ends as the signal asks.
 */
import { urnOf } from "./harness/engine";
import type { ProviderHost, RpcError } from "./harness/provider-host";
import { startTestStack, type TestStack } from "./harness/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    scenario: {
      operations: [
        { service: "emr", id: "op-running-1", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }] },
        { service: "emr", id: "op-running-2", clusterId: "c-1", timeline: [{ state: "IN_PROGRESS" }] },
      ],
    },
  });
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

/** Starts a Create of a never-ending EMR operation; resolves, once the API has been asked, with its error to come. */
async function waitingCreate(host: ProviderHost, operationId: string): Promise<{ failure: Promise<RpcError | undefined> }> {
  const reg = stack.registration("opgate:EmrOperation", { clusterId: "c-1", operationId, timeout: "10m" });
  const asked = () => stack.emulator.requests.filter((r) => r.operationId === operationId).length;
  const before = asked();
  const checked = await host.check(urnOf(reg), {}, reg.inputs);
  const failure = host.create(urnOf(reg), checked.inputs).then(
    () => undefined,
    (err: RpcError) => err,
  );
  while (asked() === before) await new Promise((r) => setTimeout(r, 20));
  return { failure };
}

test.each(["SIGTERM", "SIGINT"] as const)("%s during Create: every wait answers INTERRUPTED, then the host ends", async (signal) => {
  const host = await stack.startHost();
  const creates = [await waitingCreate(host, "op-running-1"), await waitingCreate(host, "op-running-2")];
  host.kill(signal);
  for (const error of await Promise.all(creates.map((c) => c.failure))) {
    expect(error?.message).toContain("ended with INTERRUPTED");
    expect(error?.message).toContain("last status IN_PROGRESS");
    expect(error?.initFailed).toBe(false);
  }
  await expect(host.exited).resolves.toEqual({ code: null, signal });
});

test("without a wait in progress a signal has its default effect", async () => {
  stack.host.kill("SIGTERM");
  await expect(stack.host.exited).resolves.toEqual({ code: null, signal: "SIGTERM" });
});

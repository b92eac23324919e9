/**
 * How credentials travel. Bearer material (Alibaba and Huawei security
 * tokens, X-Auth-Token) never goes over plain HTTP to a host outside loopback
 * unless the user passes --allow-insecure-http: the CLI exits 2 naming the
 * endpoint before any request. HTTPS certificates are checked by default: a
 * self-signed one ends the wait with ERROR, and nothing reaches the server.
 *
 * The HW_AUTH_TOKEN case of the CLI is in test/cli/usage.test.ts; the
 * endpoint rules of the clients in test/clients/callers.test.ts.
 */
import { createConnection } from "node:net";
import { PROVIDERS } from "../../providers";
import type { ServiceName } from "../../src/core/result";
import { InputError } from "../../src/core/errors";
import { exampleArguments } from "../../src/cli/wait-flags";
import { startEmulator, type Emulator } from "../../src/emulator";
import { readOperation, waitForOperation, type WaitForOperationOptions } from "../../src/wait";
import { SERVICE_SCRIPTS, timeline } from "../../bench/lib/emulated-services";
import { cliEnv, runCli, STACK_LINE } from "../cli/support/run-cli";
import { resultOf } from "../cli/support/wait-fixture";
import { ALICLOUD_CHANNEL, ENV_CHANNEL, leakedCanaries } from "./support/canaries";
import { selfSignedCertificate, startTlsServer, type SelfSigned, type TlsServer } from "./support/tls";

/** TEST-NET-1 (RFC 5737): refused before any request, so never contacted. */
const REMOTE_HTTP = "http://192.0.2.1:9";

/** Each kind of bearer material, with the service that would carry it and only its cloud's variables. */
const BEARERS: [string, ServiceName, Record<string, string>][] = [
  ["ALIBABA_CLOUD_SECURITY_TOKEN", "bpstudio", pick(ENV_CHANNEL.env, /^ALIBABA_CLOUD_/)],
  ["ALICLOUD_SECURITY_TOKEN", "oos", pick(ALICLOUD_CHANNEL.env, /^ALICLOUD_/)],
  ["HW_SECURITY_TOKEN (with HW_ACCESS_KEY/HW_SECRET_KEY)", "bcs", pick(ENV_CHANNEL.env, /^HW_/)],
  ["HW_AUTH_TOKEN", "bcs", pick(ALICLOUD_CHANNEL.env, /^HW_/)],
];

function pick(env: Record<string, string>, names: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => names.test(name)));
}

function scriptOf(service: ServiceName) {
  return SERVICE_SCRIPTS.find((s) => s.service === service)!;
}

/** `wait <service> <ids of operation id> --endpoint <endpoint> ...flags` (`--timeout 5s` unless the flags say). */
function waitArgs(service: ServiceName, id: string, endpoint: string, flags: string[] = []): string[] {
  const ids = exampleArguments(PROVIDERS[service], scriptOf(service).wait(id) as Record<string, unknown>).split(" ");
  return ["wait", service, ...ids, "--endpoint", endpoint, ...(flags.includes("--timeout") ? [] : ["--timeout", "5s"]), ...flags];
}

/** The CLI's environment: only `credentials`, and no TLS settings of the machine. */
function envWith(credentials: Record<string, string>, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cliEnv({ NODE_TLS_REJECT_UNAUTHORIZED: undefined, NODE_EXTRA_CA_CERTS: undefined, ...extra }, credentials);
}

describe("bearer material over plain HTTP to a host outside loopback", () => {
  test.concurrent.each(BEARERS.slice(0, 3))("%s: the CLI exits 2 naming the endpoint, before any request", async (_name, service, credentials) => {
    const run = await runCli(waitArgs(service, "op-1", REMOTE_HTTP), envWith(credentials));
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/^opgate: error: --endpoint .*refusing to send a token over plain http:\/\/ to 192\.0\.2\.1:9.*--allow-insecure-http/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(leakedCanaries(run.stderr)).toEqual([]);
  });

  test.each(BEARERS)("%s: the library refuses with InputError(endpoint)", async (_name, service, credentials) => {
    const env = { ...credentials, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };
    // Bounded, so that a broken rule fails the test quickly instead of waiting 30 minutes.
    const options = { ...(scriptOf(service).wait("op-1") as WaitForOperationOptions), endpoint: REMOTE_HTTP, env, timeout: "2s", signal: AbortSignal.timeout(2000) };
    for (const attempt of [waitForOperation(options), readOperation(options)]) {
      const error = await attempt.catch((err: unknown) => err);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: "endpoint" });
      expect(leakedCanaries(`${(error as Error).message}\n${(error as Error).stack}`)).toEqual([]);
    }
  });

  describe("through 0.0.0.0, which is not a loopback name but reaches this machine's emulator", () => {
    let emulator: Emulator;
    let reachable = false;
    beforeAll(async () => {
      const operations = (["bpstudio", "bcs"] as const).map((service) => scriptOf(service).operation("op-1", timeline(scriptOf(service), ["success"])));
      emulator = await startEmulator({ scenario: { operations: operations as never }, credentials: ENV_CHANNEL.accepts });
      reachable = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: "0.0.0.0", port: emulator.port });
        socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
        socket.once("connect", () => socket.destroy());
      });
    });
    afterAll(() => emulator.close());

    test.each(BEARERS.slice(0, 1).concat(BEARERS.slice(2, 3)))("%s is sent only with --allow-insecure-http", async (_name, service, credentials) => {
      if (!reachable) return console.warn("skipped: 0.0.0.0 does not reach 127.0.0.1 on this machine");
      const endpoint = `http://0.0.0.0:${emulator.port}`;
      const before = emulator.requests.length;
      const refused = await runCli(waitArgs(service, "op-1", endpoint), envWith(credentials));
      expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: "" });
      expect(emulator.requests.length).toBe(before);

      const allowed = await runCli(waitArgs(service, "op-1", endpoint, ["--allow-insecure-http", "--output", "json"]), envWith(credentials));
      expect(allowed.code).toBe(0);
      expect(emulator.requests.length).toBeGreaterThan(before);
      expect(leakedCanaries(allowed.stdout + allowed.stderr)).toEqual([]);
    });

    test("a Huawei AK/SK pair without a token carries no bearer material: no flag needed", async () => {
      if (!reachable) return console.warn("skipped: 0.0.0.0 does not reach 127.0.0.1 on this machine");
      const { HW_SECURITY_TOKEN: _token, ...signedOnly } = pick(ENV_CHANNEL.env, /^HW_/);
      const run = await runCli(waitArgs("bcs", "op-1", `http://0.0.0.0:${emulator.port}`), envWith(signedOnly));
      expect(run.code).toBe(0);
    });
  });
});

describe("HTTPS certificates are checked by default", () => {
  const made = selfSignedCertificate();
  const certificate = "skipped" in made ? undefined : made;
  const withCertificate = certificate ? test : test.skip;
  let server: TlsServer;
  beforeAll(async () => {
    if ("skipped" in made) return console.warn(`skipped the HTTPS tests: ${made.skipped}`);
    server = await startTlsServer(made as SelfSigned);
  });
  afterAll(async () => {
    await server?.close();
    certificate?.cleanup();
  });

  withCertificate("a self-signed certificate: ERROR CertificateError (exit 4), and no request (no token) reaches the server", async () => {
    const [alibaba, huawei] = await Promise.all([
      runCli(waitArgs("bpstudio", "op-1", server.url, ["--output", "json"]), envWith(BEARERS[0][2])),
      runCli(waitArgs("bcs", "op-1", server.url, ["--output", "json"]), envWith(BEARERS[3][2])),
    ]);
    for (const run of [alibaba, huawei]) {
      expect(run.code).toBe(4);
      const result = resultOf(run);
      expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "CertificateError" } });
      expect((result.error as { message: string }).message).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
      expect(leakedCanaries(run.stdout + run.stderr)).toEqual([]);
    }
    expect(server.requests).toEqual([]);
  });

  withCertificate("the same server, its certificate trusted through NODE_EXTRA_CA_CERTS: the request gets through", async () => {
    const run = await runCli(waitArgs("bpstudio", "op-2", server.url, ["--output", "json"]), envWith(BEARERS[0][2], { NODE_EXTRA_CA_CERTS: certificate!.certFile }));
    expect(run.code).toBe(4);
    expect(resultOf(run)).toMatchObject({ outcome: "ERROR", error: { code: "Forbidden.Reached" } });
    expect(server.requests.some((headers) => headers["x-acs-security-token"] === BEARERS[0][2].ALIBABA_CLOUD_SECURITY_TOKEN)).toBe(true);
  });
});

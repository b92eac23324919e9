/**
 * A trusted certificate issued for another host name is not an untrusted one:
 * the message says the name does not match, not "trust a private CA". Real
 * TLS on loopback, the built CLI trusting the certificate through
 * NODE_EXTRA_CA_CERTS (read only when a process starts).
 */
import { cliEnv, runCli } from "../cli/support/run-cli";
import { resultOf } from "../cli/support/wait-fixture";
import { selfSignedCertificate, startTlsServer, type SelfSigned, type TlsServer } from "../security/support/tls";

const made = selfSignedCertificate("DNS:opgate.invalid");
const withCertificate = "skipped" in made ? test.skip : test;
let server: TlsServer | undefined;
beforeAll(async () => {
  if ("skipped" in made) return console.warn(`skipped: ${made.skipped}`);
  server = await startTlsServer(made as SelfSigned);
});
afterAll(async () => {
  await server?.close();
  if (!("skipped" in made)) made.cleanup();
});

withCertificate("a trusted certificate for opgate.invalid at https://127.0.0.1: ERROR CertificateError saying the name does not match, nothing sent", async () => {
  const args = ["wait", "emr", "--region", "cn-hangzhou", "--cluster-id", "c-1", "--operation-id", "op-1", "--endpoint", server!.url, "--timeout", "10s", "--output", "json"];
  const run = await runCli(args, cliEnv({ NODE_EXTRA_CA_CERTS: (made as SelfSigned).certFile, NODE_TLS_REJECT_UNAUTHORIZED: undefined }));
  expect(run.code).toBe(4);
  const result = resultOf(run);
  expect(result).toMatchObject({ outcome: "ERROR", polls: 1, error: { code: "CertificateError" } });
  const message = (result.error as { message: string }).message;
  expect(message).toMatch(/^127\.0\.0\.1:\d+: the server's TLS certificate is for another host name \(.*127\.0\.0\.1.*\); use an endpoint with the name the certificate was issued for$/);
  expect(message).not.toMatch(/NODE_EXTRA_CA_CERTS|private CA/);
  expect(server!.requests).toEqual([]);
});

/**
 * A self-signed certificate for 127.0.0.1, made at test time with the
 * `openssl` command, and an HTTPS server on loopback that counts what reached it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { temporaryFolder } from "../../support/temporary-folder";

/** A key and its self-signed certificate (PEM), and the certificate's file. */
export interface SelfSigned {
  key: string;
  cert: string;
  certFile: string;
  cleanup(): void;
}

/**
 * Makes a self-signed certificate for IP 127.0.0.1 (or `subjectAltName`,
 * e.g. `DNS:opgate.invalid`) with `openssl req`.
 * Returns the reason instead when `openssl` cannot make one.
 */
export function selfSignedCertificate(subjectAltName = "IP:127.0.0.1"): SelfSigned | { skipped: string } {
  const dir = temporaryFolder("opgate-tls-");
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", `subjectAltName=${subjectAltName}`],
      { stdio: "pipe" },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `openssl could not make a self-signed certificate (${(err as Error).message.split("\n")[0]})` };
  }
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An HTTPS server on 127.0.0.1 answering every request with an Alibaba Cloud error. */
export interface TlsServer {
  /** `https://127.0.0.1:PORT` */
  url: string;
  /** Requests that got through the TLS handshake, with their headers. */
  requests: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

/** Starts the server with `certificate`; every request gets HTTP 403 `Forbidden.Reached`. */
export async function startTlsServer(certificate: SelfSigned): Promise<TlsServer> {
  const requests: TlsServer["requests"] = [];
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    requests.push(req.headers);
    const body = JSON.stringify({ RequestId: "r-1", Code: "Forbidden.Reached", Message: "the request got through TLS" });
    res.writeHead(403, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  });
  // Handshakes refused by the client end with a socket error on the server: expected here.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

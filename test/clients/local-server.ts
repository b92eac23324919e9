/** A throw-away HTTP server on 127.0.0.1 for client tests. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** Starts `handler` on a free loopback port. */
export async function startServer(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that also gets the request's number (1 for the first). */
export type CountingHandler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

/**
 * Loopback servers for the tests of one file: `serve(handler)` starts one and
 * counts its requests; every server a test started is closed after it.
 */
export function serversPerTest(): (handler: CountingHandler) => Promise<{ url: string; requests: () => number }> {
  const open: LocalServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    let n = 0;
    const server = await startServer((req, res) => handler(req, res, ++n));
    open.push(server);
    return { url: server.url, requests: () => n };
  };
}

/** Answers with `status` and a JSON (or raw string) body. */
export function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Reads a request body. */
export async function bodyOf(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

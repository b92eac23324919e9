import { readAnswer } from "../../src/clients/answer";
import { httpRequest, type HttpRequest } from "../../src/clients/http";
import { parseJson } from "../../src/clients/json";
import { resendOnConnectionFailure } from "../../src/clients/resend";
import { ApiError } from "../../src/core/errors";
import { answer, startServer, type LocalServer } from "./local-server";
import { rejection } from "./rejection";

const MiB = 1024 * 1024;

function get(url: string, signal: AbortSignal = new AbortController().signal): HttpRequest {
  return { url, method: "GET", headers: {}, signal, maxResponseBytes: 10 * MiB };
}


let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("httpRequest", () => {
  it("returns status, lower-case headers and text", async () => {
    server = await startServer((_req, res) => answer(res, 201, { ok: true }, { "X-Request-Id": "r1" }));
    const res = await httpRequest(get(server.url));
    expect(res.status).toBe(201);
    expect(res.headers["x-request-id"]).toBe("r1");
    expect(res.text).toBe('{"ok":true}');
  });

  it("refuses an 11 MiB chunked answer (no Content-Length) with ResponseTooLarge", async () => {
    let written = 0;
    server = await startServer((_req, res) => {
      res.on("error", () => undefined);
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(MiB, 0x20);
      const write = () => {
        while (written < 11 * MiB) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end();
      };
      write();
    });
    const err = await rejection(httpRequest(get(server.url)));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "permanent", code: "ResponseTooLarge", httpStatus: 200 });
  });

  it("refuses a declared Content-Length over the cap before reading the body", async () => {
    server = await startServer((_req, res) => {
      res.on("error", () => undefined);
      res.writeHead(200, { "content-length": String(11 * MiB) });
      res.write(Buffer.alloc(1024));
    });
    const err = await rejection(httpRequest(get(server.url)));
    expect(err).toMatchObject({ kind: "permanent", code: "ResponseTooLarge" });
  });

  it("rejects with the abort reason unchanged, in flight and before start", async () => {
    server = await startServer(() => undefined); // never answers
    const controller = new AbortController();
    const reason = new Error("deadline reached");
    const pending = httpRequest(get(server.url, controller.signal));
    setTimeout(() => controller.abort(reason), 20);
    expect(await rejection(pending)).toBe(reason);
    expect(await rejection(httpRequest(get(server.url, controller.signal)))).toBe(reason);
  });

  it("reports a refused connection as a transient NetworkError naming host and errno", async () => {
    server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const err = await rejection(httpRequest(get(url)));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "transient", code: "NetworkError", message: `${new URL(url).host}: ECONNREFUSED` });
  });
});

describe("resendOnConnectionFailure", () => {
  it("re-sends a request whose connection was reset, once, then succeeds", async () => {
    let requests = 0;
    server = await startServer((req, res) => {
      requests += 1;
      if (requests === 1) return req.socket.destroy();
      answer(res, 200, { ok: true });
    });
    const url = server.url;
    const signal = new AbortController().signal;
    let attempts = 0;
    const res = await resendOnConnectionFailure(() => {
      attempts += 1;
      return httpRequest(get(url, signal));
    }, signal);
    expect(res.status).toBe(200);
    expect(attempts).toBe(2);
    expect(requests).toBe(2);
  });

  it("gives up after two re-sends with the NetworkError", async () => {
    let requests = 0;
    server = await startServer((req) => {
      requests += 1;
      req.socket.destroy();
    });
    const url = server.url;
    const signal = new AbortController().signal;
    const err = await rejection(resendOnConnectionFailure(() => httpRequest(get(url, signal)), signal));
    expect(err).toMatchObject({ kind: "transient", code: "NetworkError" });
    expect(requests).toBe(3);
  });

  it("does not re-send after an answer arrived", async () => {
    let requests = 0;
    server = await startServer((_req, res) => {
      requests += 1;
      answer(res, 500, { Code: "InternalError" });
    });
    const url = server.url;
    const signal = new AbortController().signal;
    const res = await resendOnConnectionFailure(() => httpRequest(get(url, signal)), signal);
    expect(res.status).toBe(500);
    expect(requests).toBe(1);
  });

  it("stops with the abort reason unchanged, even a non-Error reason", async () => {
    const controller = new AbortController();
    const reason = { why: "deadline" };
    let attempts = 0;
    const pending = resendOnConnectionFailure(async () => {
      attempts += 1;
      controller.abort(reason);
      throw controller.signal.reason;
    }, controller.signal);
    expect(await rejection(pending)).toBe(reason);
    expect(attempts).toBe(1);
  });
});

describe("readAnswer", () => {
  const reader = { host: "h", errorFields: () => ({}), isNotFound: () => false, secrets: [] };
  it.each(["<html>busy</html>", "", "[1,2]", "null", '"text"', '{"a":'])(
    "calls a 2xx body %p MalformedResponse (transient)",
    (text) => {
      let err: unknown;
      try {
        readAnswer({ status: 200, headers: {}, text }, reader);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ kind: "transient", code: "MalformedResponse", httpStatus: 200 });
    },
  );

  it("returns a 2xx JSON object", () => {
    expect(readAnswer({ status: 200, headers: {}, text: '{"a":1}' }, reader)).toEqual({ a: 1 });
  });

  it("classes a non-JSON error page by its status", () => {
    let err: unknown;
    try {
      readAnswer({ status: 502, headers: { "retry-after": "2" }, text: "<html>Bad gateway</html>" }, reader);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ kind: "transient", code: "HTTP502", retryAfterMs: 2000, message: "<html>Bad gateway</html>" });
  });
});

describe("parseJson", () => {
  it("returns integers beyond 2^53 as exact bigints and the rest as numbers", () => {
    const value = parseJson('{"t":1618219038464000000,"n":42,"f":1.5,"max":9007199254740991,"neg":-9007199254740993}');
    expect(value).toEqual({ t: 1618219038464000000n, n: 42, f: 1.5, max: 9007199254740991, neg: -9007199254740993n });
  });
});

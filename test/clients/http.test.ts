import { readAnswer } from "../../src/clients/answer";
import { httpRequest, type HttpRequest } from "../../src/clients/http";
import { resendOnConnectionFailure } from "../../src/clients/http";
import { EventEmitter } from "node:events";
import http from "node:http";
import { ApiError, EndpointError, LocalError } from "../../src/core/errors";
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
    expect(err).toBeInstanceOf(EndpointError);
  });

  /** Makes the next `http.request` fail before any answer with a socket error of code `code`. */
  function failNextRequest(code: string): void {
    jest.spyOn(http, "request").mockImplementationOnce(() => {
      const req = Object.assign(new EventEmitter(), { end: () => undefined, destroy: () => undefined });
      setImmediate(() => req.emit("error", Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code })));
      return req as unknown as http.ClientRequest;
    });
  }

  it.each([
    ["EMFILE", "process"],
    ["ENFILE", "system"],
  ])("reports %s (out of file descriptors) as a transient local fault, not the endpoint's", async (code, scope) => {
    failNextRequest(code);
    const err = await rejection(httpRequest(get("http://127.0.0.1:9/")));
    expect(err).toBeInstanceOf(LocalError);
    expect(err).not.toBeInstanceOf(EndpointError);
    expect(err).toMatchObject({
      kind: "transient",
      code: "TooManyOpenFiles",
      message: `127.0.0.1:9: too many open files in this ${scope} (${code}), a limit of this machine, not a fault of the endpoint; raise it (ulimit -n) or run fewer waits at once`,
    });
  });

  it("reports https:// against a plain-HTTP server as a permanent TlsError in one line", async () => {
    server = await startServer((_, res) => answer(res, 200, {}));
    const host = new URL(server.url).host;
    const err = await rejection(httpRequest(get(`https://${host}/`)));
    expect(err).toBeInstanceOf(EndpointError);
    expect(err).toMatchObject({
      kind: "permanent",
      code: "TlsError",
      message: `${host}: the TLS handshake failed (wrong version number); if the server speaks plain HTTP, use http://${host}`,
    });
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
  const reader = { api: "Alibaba Cloud", errorFields: () => ({}), isErrorBody: () => true, isNotFound: () => false, secrets: [] };
  const url = "http://127.0.0.1:8080/?Action=GetOperation";
  it.each(["<html>busy</html>", "", "[1,2]", "null", '"text"', '{"a":'])(
    "calls a 2xx body %p MalformedResponse (transient)",
    (text) => {
      let err: unknown;
      try {
        readAnswer({ status: 200, headers: {}, text }, reader, url);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ kind: "transient", code: "MalformedResponse", httpStatus: 200 });
    },
  );

  it("refuses JSON nested deeper than 256 levels with a permanent AnswerTooDeep, whatever the status", () => {
    for (const status of [200, 500]) {
      let err: unknown;
      try {
        readAnswer({ status, headers: {}, text: `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}` }, reader, url);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ kind: "permanent", code: "AnswerTooDeep", httpStatus: status, message: `HTTP ${status} from http://127.0.0.1:8080/: the answer is nested more than 256 levels deep; refusing it` });
    }
  });

  it("returns a 2xx JSON object", () => {
    expect(readAnswer({ status: 200, headers: {}, text: '{"a":1}' }, reader, url)).toEqual({ a: 1 });
  });

  it("classes a non-JSON error page by its status", () => {
    let err: unknown;
    try {
      readAnswer({ status: 502, headers: { "retry-after": "2" }, text: "<html>Bad gateway</html>" }, reader, url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EndpointError);
    expect(err).toMatchObject({
      kind: "transient",
      code: "HTTP502",
      retryAfterMs: 2000,
      message: 'HTTP 502 from http://127.0.0.1:8080/: not an Alibaba Cloud API answer (no content type: "Bad gateway")',
    });
  });

  const page = (status: number, text: string, type = "text/html; charset=utf-8") => {
    try {
      readAnswer({ status, headers: { "content-type": type }, text }, reader, url);
    } catch (e) {
      return e;
    }
    throw new Error("readAnswer returned");
  };

  it("describes an HTML page in one line by its title, never as markup", () => {
    const html = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1><p>nginx</p></body></html>";
    expect(page(404, html)).toMatchObject({
      kind: "permanent",
      code: "HTTP404",
      message: 'HTTP 404 from http://127.0.0.1:8080/: not an Alibaba Cloud API answer (text/html: "404 Not Found")',
    });
    expect(page(501, "<html><body><h1>Unsupported method ('POST')</h1></body></html>")).toMatchObject({
      kind: "transient",
      message: "HTTP 501 from http://127.0.0.1:8080/: not an Alibaba Cloud API answer (text/html: \"Unsupported method ('POST')\")",
    });
    expect(page(200, "", "text/plain")).toMatchObject({ code: "MalformedResponse", message: expect.stringContaining("(text/plain, empty body)") });
  });

  it("lets the body's error code decide, whatever the HTTP status", () => {
    const alibaba = {
      ...reader,
      errorFields: (body: Record<string, unknown>) => ({ code: body.Code as string | undefined, message: body.Message as string }),
      isNotFound: (code: string) => code.startsWith("EntityNotExists"),
    };
    const read = (status: number, body: unknown) => {
      try {
        return readAnswer({ status, headers: {}, text: JSON.stringify(body) }, alibaba, url);
      } catch (e) {
        return e;
      }
    };
    for (const code of ["Forbidden.RAM", "InvalidParameter", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound", "SomeNewCode"]) {
      expect(read(200, { Code: code, Message: "m" })).toMatchObject({ kind: "permanent", code, httpStatus: 200 });
      expect(read(200, { Code: code, Message: "m" })).not.toBeInstanceOf(EndpointError);
    }
    for (const code of ["Throttling.User", "ServiceUnavailable", "InternalError", "InternalError.Unknown", "BCS.5000500"]) {
      expect(read(200, { Code: code, Message: "m" })).toMatchObject({ kind: "transient", code });
    }
    expect(read(200, { Code: "EntityNotExists.Execution", Message: "m" })).toMatchObject({ kind: "notFound", code: "EntityNotExists.Execution" });
  });

  it("reads a 2xx body carrying an error code as data when the cloud's reader says it is not an error answer; other statuses stay errors", () => {
    const data = { ...reader, errorFields: (body: Record<string, unknown>) => ({ code: body.error_code as string }), isErrorBody: () => false };
    const body = { status: "FAIL", error_code: "Ecs.0013", fail_reason: "Insufficient EIP quota." };
    expect(readAnswer({ status: 200, headers: {}, text: JSON.stringify(body) }, data, url)).toEqual(body);
    expect(() => readAnswer({ status: 400, headers: {}, text: JSON.stringify(body) }, data, url)).toThrow(expect.objectContaining({ kind: "permanent", code: "Ecs.0013" }));
  });
});

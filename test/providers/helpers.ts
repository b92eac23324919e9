/**
 * Test helpers for the provider rooms: seed answers parsed by the clients'
 * own JSON parser (integers beyond 2^53 as bigints), a wire round trip as the emulator and client do it, and a fake
 * ApiCaller.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "lossless-json";
import { readParams } from "../../providers/params";
import { parseJson } from "../../src/core/json";
import type { ApiCaller, ApiRequest, EmulatorAnswer, Params, ServiceProvider } from "../../providers/types";

/** A seed document's example answer (copied verbatim into fixtures/), parsed as the clients parse it. */
export function loadSeed(name: string): unknown {
  return parseJson(readFileSync(join(__dirname, "fixtures", name), "utf8"));
}

/** An emulator answer's body after the trip over the wire (bigints sent as bare integers). */
export function overWire(answer: EmulatorAnswer): unknown {
  return parseJson(stringify(answer.body) ?? "null");
}

/** Validated params of `provider` from `input`, with no environment. */
export function paramsFor(provider: ServiceProvider, input: Record<string, unknown>): Params {
  return readParams(provider, input, {});
}

/** An ApiCaller answering with `answer(request, index)` and recording every request. */
export function fakeApi(answer: (request: ApiRequest, index: number) => unknown): ApiCaller & { requests: ApiRequest[] } {
  const requests: ApiRequest[] = [];
  return {
    requests,
    async call(request) {
      requests.push(request);
      return answer(request, requests.length - 1);
    },
  };
}

/** A signal that never aborts. */
export const NEVER = new AbortController().signal;

/**
 * The emulator's request handling, independent of the listening socket:
 * routing, authentication, rate limiting, scripted operations (of the four
 * services, and scripted APIs) and faults. Every answer body comes from a
 * provider's renderer or a scripted API's frames, or is a cloud's error.
 */
import { setMaxListeners } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { systemClock } from "../core/clock";
import { InputError, isAbortError } from "../core/errors";
import type { Cloud, EmulatorAnswer, EmulatorRequest } from "../../providers/types";
import type { ScriptedRequest } from "../../providers/api/emulator";
import type { SignableRequest } from "../signing/canonical";
import { CLOCK_WINDOW_MS, NonceStore, type AuthContext } from "./authentication";
import { V1_REQUIRED_PARAMS, verifyAlibaba } from "./alibaba-authentication";
import { alibabaErrors, type CloudError, errorReply, huaweiErrors } from "./cloud-errors";
import type { EmulatorCredentials } from "./credentials";
import { faultReply } from "./fault-replies";
import { faultAt } from "./fault-spec";
import {
  MAX_BODY_BYTES,
  MalformedInput,
  bodyParams,
  headerRecord,
  mediaType,
  parseForm,
  pathSegments,
  readBody,
  splitTarget,
} from "./http-input";
import { verifyHuawei } from "./huawei-authentication";
import { OperationPlayer } from "./operation-player";
import { type Reply, replyCode, replyStatus, sendReply } from "./reply";
import { type RequestRecord, appendRecord, formatRecord } from "./request-log";
import { type EmulatedService, type RestMatch, Router, looksHuawei } from "./router";
import {
  type EmulatedServiceName,
  type OperationPlan,
  type RateLimit,
  SCRIPTED_API,
  type Scenario,
  type ScriptedOperationPlan,
  type ServiceOperationPlan,
  parseScenario,
  operationKey,
  planOperation,
} from "./scenario";

/** What the core needs to run. */
export interface EmulatorCoreOptions {
  services: Iterable<EmulatedService>;
  credentials: EmulatorCredentials;
  /** The emulator clock, ms since the epoch. */
  now: () => number;
  rateLimit?: RateLimit;
  /** Receives one line per request (no secrets). */
  log?: (line: string) => void;
}

/** Signature parameters of v1 requests, kept from the renderers (the token is a secret). */
const AUTH_PARAMS = new Set<string>([...V1_REQUIRED_PARAMS, "SignatureType", "SecurityToken"]);

/** The request a scenario frame is test-rendered with when it is loaded. */
const DRY_RUN_REQUEST: EmulatorRequest = { params: {}, pathParams: {} };

/** A scripted operation a request is for, and how to answer from it. */
interface Playback {
  player: OperationPlayer;
  /** The answer of the frame in force now. */
  current(): EmulatorAnswer;
  /** The answer once the API no longer knows the operation. */
  unknown(): EmulatorAnswer;
}

/** A scripted API operation whose API a request is for, with the path parameters it captured. */
interface ScriptedRoute {
  player: OperationPlayer<ScriptedOperationPlan>;
  pathParams: Record<string, string>;
}

/** What is learned about one request while answering it. */
interface Exchange {
  record: RequestRecord;
  cloud: Cloud;
  host: string;
  /** The body was not read: close the connection after answering. */
  close: boolean;
  throttled: boolean;
}

/** Handles the emulator's requests and holds its scripted operations. */
export class EmulatorCore {
  /** Answered requests, oldest first (bounded, see `request-log.ts`). */
  readonly records: RequestRecord[] = [];
  private readonly router: Router;
  /** Operations of the four services, by service and ID. */
  private readonly players = new Map<string, OperationPlayer<ServiceOperationPlan>>();
  /** Scripted API operations, by ID, in the order they were added (the first that matches a request answers it). */
  private readonly scripted = new Map<string, OperationPlayer<ScriptedOperationPlan>>();
  private readonly nonces = new NonceStore(CLOCK_WINDOW_MS);
  private readonly closing = new AbortController();
  private limiter: SlidingWindowLimit | undefined;
  private readonly counts = { requests: 0, throttled: 0 };

  constructor(private readonly options: EmulatorCoreOptions) {
    // Every answer a `delay` fault holds back listens here: as many as requests in flight, not a leak.
    setMaxListeners(0, this.closing.signal);
    this.router = new Router(options.services);
    if (options.rateLimit) this.limiter = new SlidingWindowLimit(options.rateLimit.perSecond);
  }

  /** Adds (or replaces, with a fresh state) one operation. @throws InputError when it is invalid. */
  addOperation(op: unknown): void {
    this.install(this.plan(op, "operation"));
  }

  /**
   * Replaces every operation with the scenario's, and the rate limit with
   * its own when it has one. Nothing changes when the scenario is invalid.
   */
  loadScenario(scenario: Scenario): void {
    const valid = parseScenario(scenario);
    const plans = valid.operations.map((op, index) => this.plan(op, `operations[${index}]`));
    this.players.clear();
    this.scripted.clear();
    for (const plan of plans) this.install(plan);
    if (valid.rateLimit) this.limiter = new SlidingWindowLimit(valid.rateLimit.perSecond);
  }

  /** From now on, the API no longer knows operation `id` (of `service`, or of any service or scripted API). */
  forget(id: string, service?: EmulatedServiceName): void {
    for (const player of [...this.players.values(), ...this.scripted.values()]) {
      const op = player.plan.operation;
      if (op.id === id && (service === undefined || op.service === service)) player.expired = true;
    }
  }

  /** Requests received, and how many were answered with a throttling error. */
  stats(): { requests: number; throttled: number } {
    return { ...this.counts };
  }

  /** Cuts short the answers held back by `delay` faults. */
  close(): void {
    this.closing.abort();
  }

  /** Answers one HTTP request. Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counts.requests++;
    const record: RequestRecord = {
      time: this.options.now(),
      method: req.method ?? "GET",
      path: "",
      service: null,
      action: null,
      operationId: null,
      status: 0,
      code: null,
      fault: null,
    };
    const x: Exchange = {
      record,
      cloud: "alibaba",
      host: "127.0.0.1",
      close: false,
      throttled: false,
    };
    let reply: Reply;
    try {
      reply = await this.answer(req, x);
    } catch (err) {
      if (isAbortError(err) || req.socket.destroyed) {
        res.socket?.destroy();
        return;
      }
      reply = this.error(x, x.cloud === "huawei" ? huaweiErrors.serverError() : alibabaErrors.internalError());
      this.options.log?.(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (x.throttled) this.counts.throttled++;
    x.record.status = replyStatus(reply);
    x.record.code = replyCode(reply) ?? null;
    appendRecord(this.records, x.record);
    this.options.log?.(formatRecord(x.record));
    sendReply(res, reply, x.close);
  }

  private async answer(req: IncomingMessage, x: Exchange): Promise<Reply> {
    const headers = headerRecord(req);
    x.host = headers.host ?? x.host;
    try {
      const target = splitTarget(req.url ?? "/");
      x.record.path = target.path;
      if (looksHuawei(headers) || this.router.isHuaweiPath(target.path)) x.cloud = "huawei";
      const method = x.record.method.toUpperCase();
      const segments = pathSegments(target.path);
      const unmarked = x.cloud === "alibaba" && headers["x-acs-action"] === undefined;
      if (unmarked && this.scriptedRoutes({ cloud: "huawei", method, segments, action: undefined }).length > 0) x.cloud = "huawei";
      const rest = x.cloud === "huawei" ? this.router.huawei(target.path) : undefined;
      const raw = await readBody(req);
      if (raw === undefined) {
        x.close = true;
        return this.error(x, x.cloud === "huawei" ? huaweiErrors.bodyTooLarge() : alibabaErrors.bodyTooLarge(MAX_BODY_BYTES));
      }
      const signed: SignableRequest = { method, path: segments.join("/"), query: parseForm(target.query), headers, body: raw.toString("utf8") };
      if (x.cloud === "huawei") return await this.answerHuawei(signed, segments, rest, x);
      return await this.answerAlibaba(signed, segments, { ...signed.query, ...bodyParams(mediaType(req), signed.body) }, x);
    } catch (err) {
      if (!(err instanceof MalformedInput)) throw err;
      return this.error(x, x.cloud === "huawei" ? huaweiErrors.badRequest(err.message) : alibabaErrors.malformedRequest(err.message));
    }
  }

  private async answerAlibaba(signed: SignableRequest, segments: string[], params: Record<string, string>, x: Exchange): Promise<Reply> {
    const action = signed.headers["x-acs-action"] ?? params.Action;
    x.record.action = action ?? null;
    const service = action === undefined ? undefined : this.router.alibaba(action);
    if (!service) return this.answerScripted({ cloud: "alibaba", method: signed.method, segments, action }, signed, params, x);
    if (signed.method !== "GET" && signed.method !== "POST") return this.error(x, alibabaErrors.actionNotFound());
    x.record.service = service.name;
    const version = signed.headers["x-acs-version"] ?? params.Version;
    if (!version) return this.error(x, alibabaErrors.missingParameter("Version"));
    if (service.emulator.route.cloud === "alibaba" && version !== service.emulator.route.version) {
      return this.error(x, alibabaErrors.invalidVersion());
    }
    const authError = verifyAlibaba(signed, params, this.authContext());
    if (authError) return this.error(x, authError);
    return this.serveService(service, { params: withoutAuthParams(params), pathParams: {} }, x);
  }

  private async answerHuawei(signed: SignableRequest, segments: string[], rest: RestMatch | undefined, x: Exchange): Promise<Reply> {
    if (!rest) return this.answerScripted({ cloud: "huawei", method: signed.method, segments, action: undefined }, signed, signed.query, x);
    if (signed.method !== rest.method) return this.error(x, huaweiErrors.apiNotFound());
    x.record.service = rest.service.name;
    const authError = verifyHuawei(signed, this.authContext());
    if (authError) return this.error(x, authError);
    return this.serveService(rest.service, { params: signed.query, pathParams: rest.pathParams }, x);
  }

  /**
   * A request for no service's route: the first scripted API operation whose
   * API (and, for Alibaba, version) and `match` fit it answers, else the
   * gateway's unknown-API error.
   */
  private async answerScripted(request: ScriptedRequest, signed: SignableRequest, params: Record<string, string>, x: Exchange): Promise<Reply> {
    let routes = this.scriptedRoutes(request);
    if (routes.length === 0) return this.error(x, unknownApi(x.cloud));
    x.record.service = SCRIPTED_API;
    if (request.cloud === "alibaba") {
      const version = signed.headers["x-acs-version"] ?? params.Version;
      if (!version) return this.error(x, alibabaErrors.missingParameter("Version"));
      routes = routes.filter((route) => route.player.plan.operation.api.servesVersion(version));
      if (routes.length === 0) return this.error(x, alibabaErrors.invalidVersion());
    }
    const authError =
      request.cloud === "huawei"
        ? verifyHuawei(signed, this.authContext(), () => huaweiErrors.authFailed("verify token fail"))
        : verifyAlibaba(signed, params, this.authContext());
    if (authError) return this.error(x, authError);
    const apiParams = withoutAuthParams(params);
    return this.serve(x, () => {
      const route = routes.find(({ player, pathParams }) => player.plan.operation.api.matches(pathParams, apiParams));
      if (!route) return this.error(x, unknownApi(x.cloud));
      const { player } = route;
      const { id, api, unknown } = player.plan.operation;
      x.record.operationId = id;
      return { player, current: () => api.render(player.frameAt(this.options.now()).data), unknown: () => api.render(unknown) };
    });
  }

  /** The scripted API operations whose API `request` is for, in the order they were added. */
  private scriptedRoutes(request: ScriptedRequest): ScriptedRoute[] {
    const routes: ScriptedRoute[] = [];
    for (const player of this.scripted.values()) {
      const pathParams = player.plan.operation.api.route(request);
      if (pathParams) routes.push({ player, pathParams });
    }
    return routes;
  }

  /** A request for one of the four services: its operation by ID, or the service's unknown-ID answer. */
  private serveService(service: EmulatedService, req: EmulatorRequest, x: Exchange): Promise<Reply> {
    const emulator = service.emulator;
    return this.serve(x, () => {
      const id = emulator.operationIdOf(req);
      if (typeof id !== "string") return answerReply(id);
      x.record.operationId = id;
      const player = this.players.get(operationKey(service.name, id));
      if (!player) return answerReply(emulator.unknown(req));
      const op = player.plan.operation;
      return { player, current: () => emulator.render(op, player.frameAt(this.options.now()).data, req), unknown: () => emulator.unknown(req) };
    });
  }

  /**
   * Rate limit, then the operation `find` gives (or its reply: unknown ID,
   * no match): its faults and its timeline.
   */
  private async serve(x: Exchange, find: () => Playback | Reply): Promise<Reply> {
    if (this.limiter && !this.limiter.admit(this.options.now())) {
      x.throttled = true;
      return this.error(x, x.cloud === "huawei" ? huaweiErrors.throttled() : alibabaErrors.throttled());
    }
    const found = find();
    if ("kind" in found) return found;
    const { player } = found;
    const fault = faultAt(player.plan.faults, player.arrive(this.options.now()));
    x.record.fault = fault?.kind ?? null;
    if (fault?.kind === "expire") player.expired = true;
    if (fault?.kind === "delay") await systemClock.sleep(fault.ms ?? 0, this.closing.signal);
    const render = (): EmulatorAnswer => (player.expired ? found.unknown() : found.current());
    if (fault && fault.kind !== "delay" && fault.kind !== "expire") {
      x.throttled = fault.kind === "throttle";
      const service = player.plan.operation.service;
      return faultReply(fault, { cloud: x.cloud, service, host: x.host, normalBody: () => render().body });
    }
    const answer = render();
    if (!player.expired) player.answered();
    return answerReply(answer);
  }

  /** Plays `plan` from now on, in place of an operation with the same service and ID. */
  private install(plan: OperationPlan): void {
    if (plan.kind === "scripted") this.scripted.set(plan.operation.id, new OperationPlayer(plan));
    else this.players.set(operationKey(plan.operation.service, plan.operation.id), new OperationPlayer(plan));
  }

  /**
   * Validates an operation and test-renders its frames, so a bad frame fails
   * at load time; a scripted API must not be one a service serves.
   */
  private plan(op: unknown, where: string): OperationPlan {
    const plan = planOperation(op, where);
    if (plan.kind === "scripted") {
      const api = plan.operation.api;
      const owner = this.router.servingService(api);
      if (owner) {
        const key = api.cloud === "alibaba" ? "action" : "path";
        const reason = `is the ${owner.name} service's API, which the emulator serves itself: script it with service "${owner.name}"`;
        throw new InputError(`${where}.call.${key}`, reason);
      }
      return plan;
    }
    const service = this.router.service(plan.operation.service);
    if (!service) throw new InputError(`${where}.service`, `${plan.operation.service} is not served by this emulator`);
    plan.frames.forEach((frame, index) => {
      try {
        service.emulator.render(plan.operation, frame.data, DRY_RUN_REQUEST);
      } catch (err) {
        if (err instanceof InputError) throw new InputError(`${where}.timeline[${index}]`, err.message);
      }
    });
    return plan;
  }

  private authContext(): AuthContext {
    return { credentials: this.options.credentials, now: this.options.now(), nonces: this.nonces };
  }

  private error(x: Exchange, err: CloudError): Reply {
    return errorReply(x.cloud, err, x.host);
  }
}

/** The gateway's error for a request no API takes. */
function unknownApi(cloud: Cloud): CloudError {
  return cloud === "huawei" ? huaweiErrors.apiNotFound() : alibabaErrors.actionNotFound();
}

/** The request's parameters without the v1 signature's (the token is a secret): what renderers and `match` see. */
function withoutAuthParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !AUTH_PARAMS.has(name)));
}

function answerReply(answer: EmulatorAnswer): Reply {
  return { kind: "json", status: answer.status, body: answer.body };
}

/**
 * The server-wide rate limit: at most `perSecond` requests in any sliding
 * window of one second of the emulator clock. (The core's `RateLimiter` is
 * another thing: the adaptive pacer of a wait's outgoing requests.)
 */
class SlidingWindowLimit {
  /** Times (ms) of the requests let through in the last second, oldest first. */
  private readonly recent: number[] = [];

  constructor(private readonly perSecond: number) {}

  /** True when a request at `now` is within the limit (and counts it); false when it must be throttled. */
  admit(now: number): boolean {
    while (this.recent.length > 0 && this.recent[0] <= now - 1000) this.recent.shift();
    if (this.recent.length >= this.perSecond) return false;
    this.recent.push(now);
    return true;
  }
}

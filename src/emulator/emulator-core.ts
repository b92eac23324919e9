/**
 * The emulator's request handling, independent of the listening socket:
 * routing, authentication, rate limiting, scripted operations and faults.
 * Every answer body comes from a provider's renderer or is a cloud's error.
 */
import { setMaxListeners } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { systemClock } from "../core/clock";
import { InputError, isAbortError } from "../core/errors";
import type { ServiceName } from "../core/result";
import type { Cloud, EmulatorAnswer, EmulatorRequest } from "../../providers/types";
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
  decodePath,
  headerRecord,
  mediaType,
  parseForm,
  readBody,
  splitTarget,
} from "./http-input";
import { verifyHuawei } from "./huawei-authentication";
import { OperationPlayer } from "./operation-player";
import { type Reply, replyCode, replyStatus, sendReply } from "./reply";
import { type RequestRecord, appendRecord, formatRecord } from "./request-log";
import { type EmulatedService, type RestMatch, Router, looksHuawei } from "./router";
import { type OperationPlan, type RateLimit, type Scenario, parseScenario, planOperation } from "./scenario";

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
  private readonly players = new Map<string, OperationPlayer>();
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
    const plan = this.plan(op, "operation");
    this.players.set(playerKey(plan.operation.service, plan.operation.id), new OperationPlayer(plan));
  }

  /**
   * Replaces every operation with the scenario's, and the rate limit with
   * its own when it has one. Nothing changes when the scenario is invalid.
   */
  loadScenario(scenario: Scenario): void {
    const valid = parseScenario(scenario);
    const plans = valid.operations.map((op, index) => this.plan(op, `operations[${index}]`));
    this.players.clear();
    for (const plan of plans) this.players.set(playerKey(plan.operation.service, plan.operation.id), new OperationPlayer(plan));
    if (valid.rateLimit) this.limiter = new SlidingWindowLimit(valid.rateLimit.perSecond);
  }

  /** From now on, the API no longer knows operation `id` (of `service`, or of any service). */
  forget(id: string, service?: ServiceName): void {
    for (const player of this.players.values()) {
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
      const rest = x.cloud === "huawei" ? this.router.huawei(target.path) : undefined;
      const raw = await readBody(req);
      if (raw === undefined) {
        x.close = true;
        return this.error(x, x.cloud === "huawei" ? huaweiErrors.bodyTooLarge() : alibabaErrors.bodyTooLarge(MAX_BODY_BYTES));
      }
      const signed: SignableRequest = {
        method: x.record.method.toUpperCase(),
        path: decodePath(target.path),
        query: parseForm(target.query),
        headers,
        body: raw.toString("utf8"),
      };
      const params = { ...signed.query, ...bodyParams(mediaType(req), signed.body) };
      return x.cloud === "huawei" ? await this.answerHuawei(signed, rest, x) : await this.answerAlibaba(signed, params, x);
    } catch (err) {
      if (!(err instanceof MalformedInput)) throw err;
      return this.error(x, x.cloud === "huawei" ? huaweiErrors.badRequest(err.message) : alibabaErrors.malformedRequest(err.message));
    }
  }

  private async answerAlibaba(signed: SignableRequest, params: Record<string, string>, x: Exchange): Promise<Reply> {
    const action = signed.headers["x-acs-action"] ?? params.Action;
    x.record.action = action ?? null;
    const service = action === undefined ? undefined : this.router.alibaba(action);
    if (!service || (signed.method !== "GET" && signed.method !== "POST")) return this.error(x, alibabaErrors.actionNotFound());
    x.record.service = service.name;
    const version = signed.headers["x-acs-version"] ?? params.Version;
    if (!version) return this.error(x, alibabaErrors.missingParameter("Version"));
    if (service.emulator.route.cloud === "alibaba" && version !== service.emulator.route.version) {
      return this.error(x, alibabaErrors.invalidVersion());
    }
    const authError = verifyAlibaba(signed, params, this.authContext());
    if (authError) return this.error(x, authError);
    const rendererParams = Object.fromEntries(Object.entries(params).filter(([name]) => !AUTH_PARAMS.has(name)));
    return this.serve(service, { params: rendererParams, pathParams: {} }, x);
  }

  private async answerHuawei(signed: SignableRequest, rest: RestMatch | undefined, x: Exchange): Promise<Reply> {
    if (!rest || signed.method !== rest.method) return this.error(x, huaweiErrors.apiNotFound());
    x.record.service = rest.service.name;
    const authError = verifyHuawei(signed, this.authContext());
    if (authError) return this.error(x, authError);
    return this.serve(rest.service, { params: signed.query, pathParams: rest.pathParams }, x);
  }

  /** Rate limit, then the operation's timeline and faults, or the unknown-ID answer. */
  private async serve(service: EmulatedService, req: EmulatorRequest, x: Exchange): Promise<Reply> {
    if (this.limiter && !this.limiter.admit(this.options.now())) {
      x.throttled = true;
      return this.error(x, x.cloud === "huawei" ? huaweiErrors.throttled() : alibabaErrors.throttled());
    }
    const emulator = service.emulator;
    const id = emulator.operationIdOf(req);
    if (typeof id !== "string") return answerReply(id);
    x.record.operationId = id;
    const player = this.players.get(playerKey(service.name, id));
    if (!player) return answerReply(emulator.unknown(req));

    const fault = faultAt(player.plan.faults, player.arrive(this.options.now()));
    x.record.fault = fault?.kind ?? null;
    if (fault?.kind === "expire") player.expired = true;
    if (fault?.kind === "delay") await systemClock.sleep(fault.ms ?? 0, this.closing.signal);
    const render = (): EmulatorAnswer =>
      player.expired ? emulator.unknown(req) : emulator.render(player.plan.operation, player.frameAt(this.options.now()).data, req);
    if (fault && fault.kind !== "delay" && fault.kind !== "expire") {
      x.throttled = fault.kind === "throttle";
      return faultReply(fault, { cloud: x.cloud, service: service.name, host: x.host, normalBody: () => render().body });
    }
    const answer = render();
    if (!player.expired) player.answered();
    return answerReply(answer);
  }

  /** Validates an operation and test-renders its frames, so a bad frame fails at load time. */
  private plan(op: unknown, where: string): OperationPlan {
    const plan = planOperation(op, where);
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

function playerKey(service: ServiceName, id: string): string {
  return `${service}\n${id}`;
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

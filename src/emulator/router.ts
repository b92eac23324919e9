/**
 * Finds the provider a request is for: Alibaba RPC requests by action,
 * Huawei REST requests by the provider's path pattern. (Requests no provider
 * takes go to the scripted APIs, see `emulator-core.ts`.)
 */
import type { ServiceName } from "../core/result";
import type { ScriptedApi } from "../../providers/api/emulator";
import type { EmulatedService } from "../../providers/emulators";
import { HUAWEI_ALGORITHM } from "../signing/huawei";
import { MalformedInput } from "./http-input";

/** The parts of a provider the emulator uses. */
export type { EmulatedService };

/** A Huawei route that matched a path. */
export interface RestMatch {
  service: EmulatedService;
  /** The method the route serves. */
  method: string;
  /** Path parameters captured by the route's named groups, decoded. */
  pathParams: Record<string, string>;
}

/** Routes requests to the services the emulator serves. */
export class Router {
  private readonly byName = new Map<ServiceName, EmulatedService>();
  private readonly byAction = new Map<string, EmulatedService>();
  private readonly restRoutes: { service: EmulatedService; method: string; path: RegExp }[] = [];

  constructor(services: Iterable<EmulatedService>) {
    for (const service of services) {
      this.byName.set(service.name, service);
      const route = service.emulator.route;
      if (route.cloud === "alibaba") {
        if (this.byAction.has(route.action)) throw new Error(`two services serve the action ${route.action}`);
        this.byAction.set(route.action, service);
      } else {
        // Without the stateful g/y flags, so `exec` always starts at the beginning.
        const path = new RegExp(route.path.source, route.path.flags.replace(/[gy]/g, ""));
        this.restRoutes.push({ service, method: route.method, path });
      }
    }
  }

  /** The service named `name`, if the emulator serves it. */
  service(name: ServiceName): EmulatedService | undefined {
    return this.byName.get(name);
  }

  /** The Alibaba service serving `action`, if any. */
  alibaba(action: string): EmulatedService | undefined {
    return this.byAction.get(action);
  }

  /**
   * The service that serves the requests of a scripted API itself, if any:
   * the four services' routes keep precedence for their own actions and paths.
   */
  servingService(api: ScriptedApi): EmulatedService | undefined {
    if (api.cloud === "alibaba") return api.action === undefined ? undefined : this.byAction.get(api.action);
    const path = api.examplePath();
    return path === undefined ? undefined : this.restRoutes.find((route) => route.path.test(path))?.service;
  }

  /** True when the (percent-encoded) `rawPath` matches a Huawei route. */
  isHuaweiPath(rawPath: string): boolean {
    return this.restRoutes.some((route) => route.path.test(rawPath));
  }

  /**
   * The Huawei route whose pattern matches the (percent-encoded) `rawPath`, if any.
   * @throws MalformedInput when a captured path parameter is badly encoded.
   */
  huawei(rawPath: string): RestMatch | undefined {
    for (const route of this.restRoutes) {
      const match = route.path.exec(rawPath);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) {
        if (value === undefined) continue;
        try {
          pathParams[name] = decodeURIComponent(value);
        } catch {
          throw new MalformedInput(`bad percent-encoding in the path parameter ${name}`);
        }
      }
      return { service: route.service, method: route.method, pathParams };
    }
    return undefined;
  }
}

/** True when a request carries Huawei Cloud authentication or project headers. */
export function looksHuawei(headers: Record<string, string>): boolean {
  return (
    headers["x-sdk-date"] !== undefined ||
    headers["x-auth-token"] !== undefined ||
    headers["x-project-id"] !== undefined ||
    (headers.authorization ?? "").startsWith(`${HUAWEI_ALGORITHM} `)
  );
}

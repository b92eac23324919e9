/**
 * The real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`),
 * started as the engine starts it (cwd = the program's directory, the engine's
 * environment with PULUMI_CONFIG) and driven over gRPC with Pulumi's own stubs,
 * as the engine drives it. Secret marks are stripped before every call, as the
 * engine does for a provider that answers Configure with acceptSecrets=false.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// Loaded from @pulumi/pulumi's own directory, so that the message classes match its stubs.
const fromPulumi = createRequire(path.join(pulumiDir, "package.json"));
const grpc: any = fromPulumi("@grpc/grpc-js");
const structproto: any = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const emptyproto: any = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const provproto: any = fromPulumi("./proto/provider_pb");
const provrpc: any = fromPulumi("./proto/provider_grpc_pb");

/** Where the host program lives, as the engine finds it. */
export const HOST_SCRIPT = path.join(pulumiDir, "cmd", "dynamic-provider", "index.js");

/** Pulumi's marker of a secret value on the wire. */
export const SECRET_SIG = { key: specialSigKey, value: specialSecretSig };
/** The value the engine sends for an input not known yet. */
export const UNKNOWN = unknownValue;

/** Property bags as plain JSON. */
export type Props = Record<string, any>;

/** A gRPC failure of a call: its status code and message. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** True when the error carries `ErrorResourceInitFailed` (the engine would record a partially created resource). */
    readonly initFailed: boolean,
  ) {
    super(message);
  }
}

/** The status codes used in assertions. */
export const RPC_STATUS: { UNIMPLEMENTED: number; UNKNOWN: number } = grpc.status;

/** The `DiffChanges` names. */
export type DiffChanges = "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";

/** True when `value` is a secret-marked value on the wire. */
export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SECRET_SIG.key] === SECRET_SIG.value;
}

/** `value` with every secret-marked part replaced by `[secret]`: what the state shows in plain text. */
export function withSecretsHidden(value: unknown): unknown {
  if (isSecretValue(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(withSecretsHidden);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSecretsHidden(v)]));
  return value;
}

/** What the engine sends a provider that does not accept secrets: every secret mark removed. */
export function stripSecrets(value: any): any {
  if (isSecretValue(value)) return stripSecrets(value.value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSecrets(v)]));
  return value;
}

function struct(props: Props): any {
  return structproto.Struct.fromJavaScript(stripSecrets(props));
}

/** A running provider host. */
export class ProviderHost {
  /** Everything the host wrote to stderr (the engine logs it). */
  stderr = "";
  /** Resolves with the exit code and signal once the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly client: any;

  private constructor(
    private readonly child: ChildProcess,
    port: number,
  ) {
    this.client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once("exit", (code, signal) => resolve({ code, signal }));
    });
  }

  /**
   * Starts `node <host> <engine address>` as the engine does and waits for the
   * port it prints as its first stdout line. The engine address is never dialed.
   */
  static async start(options: { cwd: string; env: Record<string, string> }): Promise<ProviderHost> {
    const child = spawn(process.execPath, [HOST_SCRIPT, "127.0.0.1:1"], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const line = stdout.split("\n");
        if (line.length > 1) resolve(Number(line[0].trim()));
      });
      child.once("exit", (code) => reject(new Error(`provider host exited (${code}) before printing its port: ${stderr}`)));
    });
    const host = new ProviderHost(child, port);
    child.stderr!.removeAllListeners("data").on("data", (chunk: string) => (host.stderr += chunk));
    host.stderr = stderr;
    return host;
  }

  /** The host's process ID. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Sends a signal to the host process. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the host (as the engine does when the deployment is over) and closes the channel. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** The engine's first calls: Handshake (the dynamic host answers UNIMPLEMENTED), GetPluginInfo, Configure. */
  async configure(): Promise<{ handshake: number; version: string; acceptSecrets: boolean }> {
    const handshake = await this.call("handshake", new provproto.ProviderHandshakeRequest()).then(
      () => 0,
      (err: RpcError) => err.code,
    );
    const info = await this.call("getPluginInfo", new emptyproto.Empty());
    const req = new provproto.ConfigureRequest();
    req.setArgs(struct({}));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    const resp = await this.call("configure", req);
    return { handshake, version: info.getVersion(), acceptSecrets: resp.getAcceptsecrets() };
  }

  /** Check: the checked inputs and the failures. */
  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const resp = await this.call("check", req);
    const failures = resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs: resp.getInputs().toJavaScript(), failures };
  }

  /** Diff of the old outputs against the new inputs. */
  async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<{ changes: DiffChanges; replaces: string[] }> {
    const req = new provproto.DiffRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setOldInputs(struct(oldInputs));
    const resp = await this.call("diff", req);
    const names = Object.fromEntries(Object.entries(provproto.DiffResponse.DiffChanges).map(([k, v]) => [v, k]));
    return { changes: names[resp.getChanges()] as DiffChanges, replaces: resp.getReplacesList() };
  }

  /** Create: the ID and the outputs as they come over the wire (secret marks included). */
  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(struct(properties));
    req.setTimeout(60);
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: resp.getProperties().toJavaScript() };
  }

  /** Read (refresh) of a stored resource. */
  async read(urn: string, id: string, state: Props, inputs: Props): Promise<{ id: string; properties: Props }> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(state));
    req.setInputs(struct(inputs));
    const resp = await this.call("read", req);
    return { id: resp.getId(), properties: resp.getProperties().toJavaScript() };
  }

  /** Update of a stored resource to new inputs. */
  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setOldInputs(struct(oldInputs));
    const resp = await this.call("update", req);
    return resp.getProperties().toJavaScript();
  }

  /** Delete of a stored resource. */
  async delete(urn: string, id: string, state: Props, inputs: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(state));
    req.setOldInputs(struct(inputs));
    await this.call("delete", req);
  }

  private call(method: string, req: any): Promise<any> {
    return new Promise((resolve, reject) => {
      this.client[method](req, (err: any, resp: any) => {
        if (!err) return resolve(resp);
        const initFailed = (err.metadata?.get("grpc-status-details-bin") ?? []).length > 0;
        reject(new RpcError(err.code, err.details ?? err.message, initFailed));
      });
    });
  }
}

/**
 * opgate example: `pulumi up` waits for one operation per service, then
 * creates a resource that depends on the waits. See README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { BcsOperation, BpStudioOperation, EmrOperation, OosExecution } from "opgate/pulumi";

const config = new pulumi.Config();
/** Where the APIs are: unset for the real clouds (or set OPGATE_ENDPOINT), the emulator's URL otherwise. */
const endpoint = config.get("endpoint");
/** How long each wait may take (default 10m here; opgate's own default is 30m). */
const timeout = config.get("timeout") ?? "10m";
const alibabaRegion = config.get("alibabaRegion") ?? "cn-hangzhou";

// The IDs default to the operations of scenario.json, which the emulator plays.
const deploy = new BpStudioOperation("bpstudio-deploy", {
  operationId: config.get("bpstudioOperationId") ?? "op_0123456789abcdef",
  region: alibabaRegion,
  endpoint,
  timeout,
});

const scaleOut = new EmrOperation("emr-scale-out", {
  region: alibabaRegion,
  clusterId: config.get("emrClusterId") ?? "c-b933c5aac8feabcd",
  operationId: config.get("emrOperationId") ?? "op-13c37a77c505abcd",
  endpoint,
  timeout,
});

const chain = new BcsOperation("bcs-create-chain", {
  region: config.get("huaweiRegion") ?? "cn-north-4",
  projectId: config.get("bcsProjectId") ?? "051ddda57400d2982fccc014fab5749d",
  operationId: config.get("bcsOperationId") ?? "BCSSVC01-99-1618218591906093855",
  endpoint,
  timeout,
});

const patch = new OosExecution("oos-patch", {
  region: alibabaRegion,
  executionId: config.get("oosExecutionId") ?? "exec-6be6d6ff805349d9ac13",
  endpoint,
  timeout,
});

/**
 * Stands for whatever must come after the operations (an app release, a DNS
 * switch, ...): a no-op dynamic resource that records the BPStudio tagMap. It
 * is created only once every wait succeeded, because it depends on them.
 */
class Release extends pulumi.dynamic.Resource {
  declare readonly tagMap: pulumi.Output<Record<string, string[]> | null>;

  constructor(name: string, args: { tagMap: pulumi.Input<Record<string, string[]> | null> }, opts?: pulumi.CustomResourceOptions) {
    super(releaseProvider, name, { tagMap: args.tagMap }, opts, "example", "Release");
  }
}

const releaseProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "release", outs: inputs };
  },
};

const release = new Release("release", { tagMap: deploy.tagMap }, { dependsOn: [deploy, scaleOut, chain, patch] });

/** BPStudio's tagMap (tag key → resource IDs). */
export const tagMap = deploy.tagMap;
/** The BCS operation's steps and sub-steps. */
export const bcsSteps = chain.steps;
/** OOS: the result of every resource of the execution. */
export const oosResources = patch.resources;
/** How each wait ended. */
export const results = Object.fromEntries(
  Object.entries({ bpstudio: deploy, emr: scaleOut, bcs: chain, oos: patch }).map(([service, op]) => [
    service,
    { status: op.status, rawStatus: op.rawStatus, message: op.message, outputs: op.outputs },
  ]),
);
/** The gated resource, created after the waits. */
export const releasedTagMap = release.tagMap;

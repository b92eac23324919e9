/**
 * opgate CDKTF example: `terraform apply` waits for one operation per
 * service and for a Huawei ECS job (any read API, described by a spec),
 * keeps their results in state, and creates `terraform_data.release` only
 * after all five succeeded. See README.md.
 */
import { readFileSync } from "node:fs";
import { App, DataResource, Fn, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { ApiWait, BcsOperationWait, BpStudioOperationWait, EmrOperationWait, OosExecutionWait, type ApiWaitSpec } from "opgate/cdktf";

/** The five waits, their outputs, and a resource gated on them. */
export class OpgateExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State next to cdktf.json, by a path relative to cdktf.out/stacks/<stack>
    // (CDKTF's default local backend would write this machine's absolute path).
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });

    // The operations to wait for. The defaults are those of scenario.json (the
    // emulator); in a real stack they usually are attributes of the resources
    // that started the operations. Set them with TF_VAR_<name> or -var.
    const variable = (name: string, fallback: string) => new TerraformVariable(this, name, { type: "string", default: fallback }).stringValue;
    const alibabaRegion = variable("alibaba_region", "cn-hangzhou");
    const timeout = "10m";

    const deploy = new BpStudioOperationWait(this, "bpstudio-deploy", {
      operationId: variable("bpstudio_operation_id", "op_5e0c1f3a9b7d4e2c8a6f0b1d3c5e7a9b"),
      region: alibabaRegion,
      timeout,
    });
    const scaleOut = new EmrOperationWait(this, "emr-scale-out", {
      region: alibabaRegion,
      clusterId: variable("emr_cluster_id", "c-4f6a8c0e2b4d6f8a"),
      operationId: variable("emr_operation_id", "op-2a7c9e1b3d5f4a6c"),
      timeout,
    });
    const huaweiRegion = variable("huawei_region", "cn-north-4");
    const huaweiProject = variable("bcs_project_id", "6c2e4a8f0b1d3e5f7a9c1e3b5d7f9a0c");
    const chain = new BcsOperationWait(this, "bcs-create-chain", {
      region: huaweiRegion,
      projectId: huaweiProject,
      operationId: variable("bcs_operation_id", "BCSSVC01-99-1700000000000000000"),
      timeout,
    });
    const patch = new OosExecutionWait(this, "oos-patch", {
      region: alibabaRegion,
      executionId: variable("oos_execution_id", "exec-9d1f3b5a7c9e4b2d"),
      timeout,
    });

    // Any read API, described by a spec: the preset huawei-ecs-job (a Huawei ECS job until SUCCESS), or a file of yours.
    const huaweiJob = JSON.parse(readFileSync(require.resolve("opgate/presets/huawei-ecs-job.json"), "utf8")) as ApiWaitSpec;
    const resize = new ApiWait(this, "api-resize-server", {
      spec: huaweiJob,
      vars: { job_id: variable("huawei_job_id", "2c9eb2c15bd1da1b015bd1dd1ebc001a") },
      region: huaweiRegion,
      projectId: huaweiProject,
      timeout,
    });

    // Typed values: a map of lists, objects, lists of objects. No jsondecode anywhere.
    new TerraformOutput(this, "bpstudio_tag_map", { value: deploy.tagMap });
    new TerraformOutput(this, "bpstudio_arguments", { value: deploy.arguments });
    new TerraformOutput(this, "emr_raw_status", { value: scaleOut.rawStatus });
    new TerraformOutput(this, "emr_state_change_reason", { value: Fn.lookup(scaleOut.outputs, "stateChangeReason", null) });
    new TerraformOutput(this, "bcs_blockchain_name", { value: Fn.lookup(chain.outputs, "blockchainName", "") });
    new TerraformOutput(this, "bcs_steps", { value: chain.steps });
    new TerraformOutput(this, "oos_status", { value: patch.status });
    new TerraformOutput(this, "oos_resources", { value: patch.resources });
    new TerraformOutput(this, "api_server_ids", { value: Fn.lookup(resize.outputs, "serverIds", []) });

    // Created only once every operation has succeeded; it also uses their outputs.
    new DataResource(this, "release", {
      input: { tags: deploy.tagMap, emr: scaleOut.status, chain: chain.status, patch: patch.status, patched: Fn.lengthOf(patch.resources), resized: resize.status },
      dependsOn: [deploy, scaleOut, chain, patch, resize],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new OpgateExampleStack(app, "opgate-example");
  app.synth();
}

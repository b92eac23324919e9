# opgate's HCL module against the emulator (see README.md): one wait per service and
# one on any read API (a Huawei ECS job, by a preset), typed outputs, and a resource
# created only after all five operations succeeded.
# Inside this repository the module is at a relative path; in your project use
# source = "./node_modules/opgate/terraform/operation-wait".

terraform {
  required_version = ">= 1.4"
}

variable "alibaba_region" {
  type    = string
  default = "cn-hangzhou"
}

module "deploy" {
  source       = "../../terraform/operation-wait"
  service      = "bpstudio"
  region       = var.alibaba_region
  operation_id = "op_3d8e0a2c4b6f4e1a9c7b5d3f1e0a2c4d"
  timeout      = "10m"
}

module "scale_out" {
  source       = "../../terraform/operation-wait"
  service      = "emr"
  region       = var.alibaba_region
  cluster_id   = "c-4f6a8c0e2b4d6f8a"
  operation_id = "op-7e1c3a5b9d2f4c8e"
  timeout      = "10m"
}

module "create_chain" {
  source       = "../../terraform/operation-wait"
  service      = "bcs"
  region       = "cn-north-4"
  project_id   = "6c2e4a8f0b1d3e5f7a9c1e3b5d7f9a0c"
  operation_id = "BCSSVC01-99-1700000000000000042"
  timeout      = "10m"
}

module "patch" {
  source       = "../../terraform/operation-wait"
  service      = "oos"
  region       = var.alibaba_region
  execution_id = "exec-4b6d8f0a2c4e6a8b"
  timeout      = "10m"
}

# Any read API, described by a spec: here the preset huawei-ecs-job, a Huawei ECS job until SUCCESS. Inside this
# repository the preset is at a relative path; in your project use
# file("${path.root}/node_modules/opgate/presets/huawei-ecs-job.json"), or a spec file of your own.
module "resize_server" {
  source     = "../../terraform/operation-wait"
  service    = "api"
  spec       = file("../../presets/huawei-ecs-job.json")
  vars       = { job_id = "2c9eb2c15bd1da1b015bd1dd1ebc001a" }
  region     = "cn-north-4"
  project_id = "6c2e4a8f0b1d3e5f7a9c1e3b5d7f9a0c"
  timeout    = "10m"
}

# Created only once every operation has succeeded; it also uses their outputs.
resource "terraform_data" "release" {
  input = {
    tags    = module.deploy.tag_map
    emr     = module.scale_out.status
    chain   = module.create_chain.outputs.blockchainName
    patched = length(module.patch.resources)
    servers = module.resize_server.outputs.serverIds
  }
  depends_on = [module.deploy, module.scale_out, module.create_chain, module.patch, module.resize_server]
}

output "bpstudio_tag_map" {
  value = module.deploy.tag_map
}

output "emr_state_change_reason" {
  value = module.scale_out.outputs.stateChangeReason
}

output "bcs_steps" {
  value = [for step in module.create_chain.steps : { name = step.name, status = step.status, sub_steps = length(step.subSteps) }]
}

output "oos_resources" {
  value = module.patch.resources
}

output "resized_servers" {
  value = module.resize_server.outputs.serverIds
}

output "release" {
  value = terraform_data.release.output
}

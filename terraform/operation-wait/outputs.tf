# Typed values of the Result kept in state (README, "The Result"). The kept result holds its
# open-ended parts as JSON text (a typed value would make every later plan slow:
# docs/performance.md, "Results in Terraform"); each is decoded once here.

locals {
  kept = terraform_data.result.output
  # A result kept by an earlier opgate holds typed values instead (steps, resources, result): read as they are.
  outputs   = jsondecode(local.kept.outputsJson)
  steps     = try(tolist(jsondecode(local.kept.stepsJson)), jsondecode(local.kept.stepsJson), local.kept.steps)
  resources = try(jsondecode(local.kept.resourcesJson), local.kept.resources)
  result    = try(merge(jsondecode(local.kept.fieldsJson), { outputs = local.outputs, steps = local.steps, resources = local.resources }), local.kept.result)
  # BPStudio's tag map as a map of lists of strings; {} when the operation gave none (or something else).
  tag_map = try(tomap({ for tag, ids in local.outputs.tagMap : tag => tolist(ids) }), {})
}

output "status" {
  description = "SUCCESS once applied."
  value       = local.kept.status
}

output "raw_status" {
  description = "The API's own status string (COMPLETED, finished, Success, ...)."
  value       = local.kept.rawStatus
}

output "message" {
  description = "The API's message, or null."
  value       = local.kept.message
}

output "outputs" {
  description = "The Result's outputs object (EMR stateChangeReason, BCS blockchainName, OOS counts, ...; api: what the spec's outputs select)."
  value       = local.outputs
}

output "steps" {
  description = "BCS steps with their subSteps: a list of objects (empty for other services)."
  value       = local.steps
}

output "resources" {
  description = "OOS resources: objects with resourceId, status, outputs, executionTime, in a tuple (their outputs may differ in shape; empty for other services)."
  value       = local.resources
}

output "tag_map" {
  description = "BPStudio's tagMap: a map of lists of resource IDs ({} when none)."
  value       = local.tag_map
}

output "result" {
  description = "The whole Result: service, operationId, outcome, status, rawStatus, message, outputs, steps, resources, polls, elapsedMs, error."
  value       = local.result
}

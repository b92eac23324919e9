# Typed values of the Result kept in state (README, "The Result").

output "status" {
  description = "SUCCESS once applied."
  value       = terraform_data.result.output.status
}

output "raw_status" {
  description = "The API's own status string (COMPLETED, finished, Success, ...)."
  value       = terraform_data.result.output.rawStatus
}

output "message" {
  description = "The API's message, or null."
  value       = terraform_data.result.output.message
}

output "outputs" {
  description = "The Result's outputs object (EMR stateChangeReason, BCS blockchainName, OOS counts, ...)."
  value       = terraform_data.result.output.outputs
}

output "steps" {
  description = "BCS steps with their subSteps: a list of objects (empty for other services)."
  value       = terraform_data.result.output.steps
}

output "resources" {
  description = "OOS resources: a list of objects with resourceId, status, outputs, executionTime (empty for other services)."
  value       = terraform_data.result.output.resources
}

output "tag_map" {
  description = "BPStudio's tagMap: a map of lists of resource IDs ({} when none)."
  value       = terraform_data.result.output.tagMap
}

output "result" {
  description = "The whole Result: service, operationId, outcome, status, rawStatus, message, outputs, steps, resources, polls, elapsedMs, error."
  value       = terraform_data.result.output.result
}

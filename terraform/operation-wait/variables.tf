# The variables mirror the flags of `opgate wait` (README, "The CLI"), in snake_case. Their values are checked by
# one precondition in main.tf, with the CLI's rules and words: unlike validation blocks (a failed one stops the
# plan before any precondition), it reports every problem of every module block in one plan.

variable "service" {
  type        = string
  nullable    = false
  description = "The API: bpstudio (Alibaba Cloud BPStudio), emr (Alibaba Cloud EMR), bcs (Huawei Cloud BCS), oos (Alibaba Cloud OOS), or api (any read API, described by spec)."
}

variable "operation_id" {
  type        = string
  default     = null
  description = "The operation ID (bpstudio, emr, bcs). BPStudio forgets it after one hour."
}

variable "resource_group_id" {
  type        = string
  default     = null
  description = "bpstudio: the resource group used for permission checks."
}

variable "region" {
  type        = string
  default     = null
  description = "Region ID. Left null, the apply-time environment decides (ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, HW_REGION_NAME; bpstudio defaults to cn-hangzhou)."
}

variable "cluster_id" {
  type        = string
  default     = null
  description = "emr: the cluster ID (c-...)."
}

variable "project_id" {
  type        = string
  default     = null
  description = "bcs, api: the Huawei Cloud project ID (api: {{project_id}}). Left null, HW_PROJECT_ID at apply time."
}

variable "blockchain_id" {
  type        = string
  default     = null
  description = "bcs: narrows the query to one blockchain."
}

variable "execution_id" {
  type        = string
  default     = null
  description = "oos: the execution ID (exec-...)."
}

variable "spec" {
  type        = string
  default     = null
  description = "api: the JSON text of an API wait spec, e.g. file(\"waits/ecs.json\") or file(\"$${path.root}/node_modules/opgate/presets/huawei-ecs-job.json\"). Checked whole at apply (run `opgate api check` to check it before)."
}

variable "vars" {
  type        = map(string)
  default     = null
  description = "api: the values of the spec's {{name}} placeholders, by name."
}

variable "allow_partial" {
  type        = bool
  default     = false
  nullable    = false
  description = "emr: count PARTIAL_COMPLETED as success. Changing it never starts a new wait."
}

variable "timeout" {
  type        = string
  default     = null
  description = "Deadline of the wait: 90s, 10m, 1h30m or a number of seconds (default 30m). Changing it never starts a new wait."
}

variable "endpoint" {
  type        = string
  default     = null
  description = "Replaces the service endpoint, e.g. the emulator's http://127.0.0.1:8080. Left null, OPGATE_ENDPOINT at apply time or the cloud's."
}

variable "command" {
  type        = string
  default     = null
  description = "The opgate command to run, e.g. \"opgate\" (a global install). Left null, node runs the CLI shipped beside this module in the npm package. Split into words by the shell (no globbing)."
}

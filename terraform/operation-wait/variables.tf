# The variables mirror the flags of `opgate wait` (README, "The CLI"), in snake_case.

variable "service" {
  type        = string
  nullable    = false
  description = "The API: bpstudio (Alibaba Cloud BPStudio), emr (Alibaba Cloud EMR), bcs (Huawei Cloud BCS) or oos (Alibaba Cloud OOS)."
  validation {
    condition     = contains(["bpstudio", "emr", "bcs", "oos"], lower(var.service))
    error_message = "service must be one of bpstudio, emr, bcs, oos."
  }
}

variable "operation_id" {
  type        = string
  default     = null
  description = "The operation ID (bpstudio, emr, bcs). BPStudio forgets it after one hour."
  validation {
    condition     = var.operation_id == null || try(trimspace(var.operation_id) == var.operation_id && can(regex("^[^\\x00-\\x1f\\x7f]{1,512}$", var.operation_id)), false)
    error_message = "operation_id must be 1 to 512 characters without control characters (newline, tab, ...) or white space at either end: pass the ID the API returned."
  }
}

variable "resource_group_id" {
  type        = string
  default     = null
  description = "bpstudio: the resource group used for permission checks."
  validation {
    condition     = var.resource_group_id == null || try(trimspace(var.resource_group_id) == var.resource_group_id && can(regex("^[^\\x00-\\x1f\\x7f]{1,512}$", var.resource_group_id)), false)
    error_message = "resource_group_id must be 1 to 512 characters without control characters or white space at either end."
  }
}

variable "region" {
  type        = string
  default     = null
  description = "Region ID. Left null, the apply-time environment decides (ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION, HW_REGION_NAME; bpstudio defaults to cn-hangzhou)."
  validation {
    condition     = var.region == null || try(length(var.region) <= 64 && can(regex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", var.region)), false)
    error_message = "region must be a region ID: letters and digits in dash-separated words, e.g. cn-hangzhou."
  }
}

variable "cluster_id" {
  type        = string
  default     = null
  description = "emr: the cluster ID (c-...)."
  validation {
    condition     = var.cluster_id == null || try(trimspace(var.cluster_id) == var.cluster_id && can(regex("^[^\\x00-\\x1f\\x7f]{1,512}$", var.cluster_id)), false)
    error_message = "cluster_id must be 1 to 512 characters without control characters or white space at either end."
  }
}

variable "project_id" {
  type        = string
  default     = null
  description = "bcs: the Huawei Cloud project ID. Left null, HW_PROJECT_ID at apply time."
  validation {
    condition     = var.project_id == null || can(regex("^[A-Za-z0-9_-]{1,512}$", var.project_id))
    error_message = "project_id must be letters, digits, '-' and '_' (32 hex characters from IAM)."
  }
}

variable "blockchain_id" {
  type        = string
  default     = null
  description = "bcs: narrows the query to one blockchain."
  validation {
    condition     = var.blockchain_id == null || try(trimspace(var.blockchain_id) == var.blockchain_id && can(regex("^[^\\x00-\\x1f\\x7f]{1,512}$", var.blockchain_id)), false)
    error_message = "blockchain_id must be 1 to 512 characters without control characters or white space at either end."
  }
}

variable "execution_id" {
  type        = string
  default     = null
  description = "oos: the execution ID (exec-...)."
  validation {
    condition     = var.execution_id == null || try(trimspace(var.execution_id) == var.execution_id && can(regex("^[^\\x00-\\x1f\\x7f]{1,512}$", var.execution_id)), false)
    error_message = "execution_id must be 1 to 512 characters without control characters or white space at either end."
  }
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
  validation {
    # The CLI's rule (src/core/duration.ts), so that a plan, not the apply, says so: 90s, 10m, 1h30m, 1.5h, 250ms or
    # plain seconds (90), in any case; longer than zero and at most 7 days.
    condition = var.timeout == null || try(alltrue([
      for text in [lower(var.timeout)] : alltrue([
        for total in [can(regex("^[0-9]+(\\.[0-9]+)?$", text)) ? tonumber(text) * 1000 : sum(concat([0], [for part in regexall("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)", text) : tonumber(part[0]) * { ms = 1, s = 1000, m = 60000, h = 3600000, d = 86400000 }[part[1]]]))] :
        can(regex("^(([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+|[0-9]+(\\.[0-9]+)?)$", text)) && total > 0 && total <= 604800000
      ])
    ]), false)
    error_message = "timeout must be a duration such as 90s, 10m or 1h30m, longer than zero and at most 7d."
  }
}

variable "endpoint" {
  type        = string
  default     = null
  description = "Replaces the service endpoint, e.g. the emulator's http://127.0.0.1:8080. Left null, OPGATE_ENDPOINT at apply time or the cloud's."
  validation {
    condition     = var.endpoint == null || can(regex("(?i)^https?://[^/?#@\\s\\\\]+/?$", var.endpoint))
    error_message = "endpoint must be an http:// or https:// URL without credentials, spaces, path, query or fragment, e.g. http://127.0.0.1:8080."
  }
}

variable "command" {
  type        = string
  default     = null
  description = "The opgate command to run, e.g. \"opgate\" (a global install). Left null, node runs the CLI shipped beside this module in the npm package. Split into words by the shell (no globbing)."
  validation {
    condition     = var.command == null || can(regex("^[^\\x00-\\x1f\\x7f]+$", var.command))
    error_message = "command must be a command line without control characters, e.g. \"opgate\"."
  }
}

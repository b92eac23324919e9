# Three of Terraform's built-in blocks, as the opgate CDKTF constructs synthesize
# them (README, "How it works: three built-in blocks"):
# 1. terraform_data "wait": its local-exec runs `opgate wait`, which blocks until
#    the operation ends, fails the apply (the API's reason last) unless it
#    succeeds, and on success writes the Result as a state file .opgate/<id>.tfstate;
# 2. data "terraform_remote_state" "read": that file, typed, or the empty state
#    shipped here when it is absent (a fresh checkout);
# 3. terraform_data "result": keeps the Result in state, so that later plans need
#    neither the file, nor the cloud, nor credentials. Its open-ended parts are JSON
#    text, decoded in outputs.tf: a large typed value would make every later plan
#    slow (docs/performance.md, "Results in Terraform").

locals {
  service = lower(var.service)
  # The CLI shipped beside this module in the npm package (found by a relative module source only).
  cli = "${path.module}/../../dist/src/cli/main.js"

  # Flag, variable and value of each input: values reach the command only through
  # the environment, read by the shell as "$VAR"; the command is fixed text.
  inputs = [
    { flag = "--operation-id", name = "OPGATE_ARG_OPERATION_ID", value = var.operation_id },
    { flag = "--resource-group-id", name = "OPGATE_ARG_RESOURCE_GROUP_ID", value = var.resource_group_id },
    { flag = "--region", name = "OPGATE_ARG_REGION", value = var.region },
    { flag = "--cluster-id", name = "OPGATE_ARG_CLUSTER_ID", value = var.cluster_id },
    { flag = "--project-id", name = "OPGATE_ARG_PROJECT_ID", value = var.project_id },
    { flag = "--blockchain-id", name = "OPGATE_ARG_BLOCKCHAIN_ID", value = var.blockchain_id },
    { flag = "--execution-id", name = "OPGATE_ARG_EXECUTION_ID", value = var.execution_id },
    { flag = "--endpoint", name = "OPGATE_ARG_ENDPOINT", value = var.endpoint },
    { flag = "--timeout", name = "OPGATE_ARG_TIMEOUT", value = var.timeout },
  ]
  given = [for input in local.inputs : input if input.value != null]

  program = var.command == null ? "node \"$OPGATE_CLI\"" : "$OPGATE_COMMAND"
  flags   = [for input in local.given : format("%s=\"$%s\"", input.flag, input.name)]
  command = join(" ", concat(
    ["set -f;", "exec", local.program, "wait", local.service],
    local.flags,
    var.allow_partial ? ["--allow-partial"] : [],
    ["--state-out=\"$OPGATE_STATE_OUT\""],
  ))

  # The fields each service needs (the region and BCS's project may come from the apply-time environment).
  required = {
    bpstudio = ["operation_id"]
    emr      = ["cluster_id", "operation_id"]
    bcs      = ["operation_id"]
    oos      = ["execution_id"]
  }
  missing = [for name in lookup(local.required, local.service, []) : name if !local.given_names[name]]
  # Inputs the service does not take: refused rather than silently ignored.
  takes = {
    bpstudio = ["operation_id", "resource_group_id", "region", "endpoint", "timeout"]
    emr      = ["cluster_id", "operation_id", "region", "endpoint", "timeout"]
    bcs      = ["operation_id", "project_id", "blockchain_id", "region", "endpoint", "timeout"]
    oos      = ["execution_id", "region", "endpoint", "timeout"]
  }
  set = { for name, value in {
    operation_id      = var.operation_id
    resource_group_id = var.resource_group_id
    region            = var.region
    cluster_id        = var.cluster_id
    project_id        = var.project_id
    blockchain_id     = var.blockchain_id
    execution_id      = var.execution_id
    endpoint          = var.endpoint
    timeout           = var.timeout
  } : name => value if value != null }
  # Which inputs are set, by name only: insensitive even when a value is sensitive, so that the preconditions'
  # messages are shown (Terraform hides a message derived from a sensitive value).
  given_names = { for name in ["operation_id", "resource_group_id", "region", "cluster_id", "project_id", "blockchain_id", "execution_id", "endpoint", "timeout"] :
  name => try(nonsensitive(lookup(local.set, name, null) != null), lookup(local.set, name, null) != null) }
  foreign = [for name, given in local.given_names : name if given && !contains(lookup(local.takes, local.service, []), name)]

  result_file = ".opgate/${terraform_data.wait.id}.tfstate"
}

resource "terraform_data" "wait" {
  # A new operation (service, IDs, region, endpoint) means a new wait; a new timeout or allow_partial does not.
  triggers_replace = merge({ service = local.service }, { for name, value in local.set : name => value if name != "timeout" })

  lifecycle {
    precondition {
      condition     = length(local.missing) == 0
      error_message = "The ${local.service} wait needs ${join(" and ", local.missing)}: set ${join(", ", local.missing)} in the module block."
    }
    precondition {
      condition     = length(local.foreign) == 0
      error_message = "The ${local.service} wait does not take ${join(", ", local.foreign)}: remove ${length(local.foreign) == 1 ? "it" : "them"} from the module block."
    }
    precondition {
      condition     = !var.allow_partial || local.service == "emr"
      error_message = "allow_partial applies to the emr wait only: remove it."
    }
    precondition {
      condition     = var.command != null || fileexists(local.cli)
      error_message = "opgate's CLI is not beside this module (${local.cli}): an absolute module source is copied into .terraform/modules without the rest of the package. Use a relative source such as ./node_modules/opgate/terraform/operation-wait, or set command (e.g. \"opgate\")."
    }
  }

  provisioner "local-exec" {
    command = local.command
    environment = merge(
      { for input in local.given : input.name => input.value },
      var.command == null ? { OPGATE_CLI = local.cli } : { OPGATE_COMMAND = var.command },
      # self.id: this wait's own id, known when its provisioner runs.
      { OPGATE_STATE_OUT = ".opgate/${self.id}.tfstate" },
    )
  }

  # The result file only carries the Result into the state during the apply that waited: removed with the wait
  # (terraform destroy, or a replacement by a new operation), so .opgate/ does not grow on a long-lived runner.
  provisioner "local-exec" {
    when        = destroy
    on_failure  = continue
    command     = "rm -f -- \"$OPGATE_STATE_OUT\""
    environment = { OPGATE_STATE_OUT = ".opgate/${self.id}.tfstate" }
  }
}

data "terraform_remote_state" "read" {
  backend = "local"
  config = {
    path = fileexists(local.result_file) ? local.result_file : "${path.module}/empty-state.json"
  }
  depends_on = [terraform_data.wait]
}

resource "terraform_data" "result" {
  input            = data.terraform_remote_state.read.outputs
  triggers_replace = [terraform_data.wait.id]
  lifecycle {
    ignore_changes = [input]
    # No Result: the wait exited 0 without writing one (a `command` that is not opgate, or an opgate without
    # --state-out), or the kept result was removed from state where the file is gone (a fresh checkout).
    postcondition {
      # fieldsJson: a Result as this version keeps it; result: one kept by an earlier opgate (typed values).
      condition     = can(self.output.fieldsJson) || can(self.output.result)
      error_message = "No Result for this wait in .opgate/${terraform_data.wait.id}.tfstate. If this apply ran the wait, command did not run an opgate whose wait has --state-out: set command to one (this package's version or later, e.g. \"opgate\") or leave it null to run the CLI shipped beside this module. Otherwise the kept result left the state and the file is gone (a fresh checkout): wait again with terraform apply -replace=module.<name>.terraform_data.wait."
    }
  }
}

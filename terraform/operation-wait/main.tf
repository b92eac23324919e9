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
    # api: the spec's JSON text as given, and the vars as a JSON object of names to strings.
    { flag = "--spec-json", name = "OPGATE_ARG_SPEC", value = var.spec },
    { flag = "--vars-json", name = "OPGATE_ARG_VARS", value = local.given_names.vars ? jsonencode(var.vars) : null },
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

  # ---- What the first precondition checks: the CLI's rules, in its order and words (providers/params.ts), so that a
  # plan refuses what the CLI would refuse at apply. test/faces/refusals.test.ts holds every face to one table.
  # Two of the CLI's rules need no check here: no Terraform string holds half a surrogate pair, and Terraform rewrites
  # every string it reads to Unicode NFC before a module sees it (README, "Terraform module").

  # The fields each service needs (the region and BCS's project may come from the apply-time environment).
  required = {
    bpstudio = ["operation_id"]
    emr      = ["cluster_id", "operation_id"]
    bcs      = ["operation_id"]
    oos      = ["execution_id"]
    api      = ["spec"]
  }
  missing = [for name in lookup(local.required, local.service, []) : name if !local.given_names[name]]
  # Inputs the service does not take: refused rather than silently ignored.
  takes = {
    bpstudio = ["operation_id", "resource_group_id", "region", "endpoint", "timeout"]
    emr      = ["cluster_id", "operation_id", "allow_partial", "region", "endpoint", "timeout"]
    bcs      = ["operation_id", "project_id", "blockchain_id", "region", "endpoint", "timeout"]
    oos      = ["execution_id", "region", "endpoint", "timeout"]
    api      = ["spec", "vars", "project_id", "region", "endpoint", "timeout"]
  }
  # Every input that takes a text value, by variable name; set: those given.
  values = {
    operation_id      = var.operation_id
    resource_group_id = var.resource_group_id
    region            = var.region
    cluster_id        = var.cluster_id
    project_id        = var.project_id
    blockchain_id     = var.blockchain_id
    execution_id      = var.execution_id
    endpoint          = var.endpoint
    timeout           = var.timeout
  }
  set = { for name, value in local.values : name => value if value != null }
  # Which inputs are set, by name only: insensitive even when a value is sensitive, so that the preconditions'
  # messages are shown (Terraform hides a message derived from a sensitive value).
  given_names = merge({ for name, value in local.values : name => try(nonsensitive(value != null), value != null) }, {
    allow_partial = var.allow_partial
    spec          = try(nonsensitive(var.spec != null), var.spec != null)
    vars          = try(nonsensitive(var.vars != null), var.vars != null)
  })
  foreign     = [for name, given in local.given_names : name if given && !contains(lookup(local.takes, local.service, keys(local.given_names)), name)]

  # The set values as the checks read them: unmarked, so that a sensitive value's problem is still shown (Terraform
  # hides a message derived from a sensitive value). The checks say which rule a value breaks, never the value.
  checked = merge(
    { for name, value in local.values : name => try(nonsensitive(value), value) if local.given_names[name] },
    # Each var's value as a text input of its own, named as the CLI names it (`vars.instance_id`); a null one is empty.
    { for name, value in local.vars : "vars.${name}" => value == null ? "" : value },
  )
  # api: the vars, unmarked as above, and the spec's JSON text decoded (null when it is no JSON).
  vars = local.given_names.vars ? { for name, value in try(nonsensitive(var.vars), var.vars) : name => try(nonsensitive(value), value) } : {}
  spec = local.given_names.spec ? try(jsondecode(try(nonsensitive(var.spec), var.spec)), null) : null
  # api: the names of the spec's placeholders {{name}}, in the texts that take them (id, call.path, call.params and
  # call.query, read in their JSON text), and the first way the vars' names do not fit them, in the CLI's words.
  placeholders = distinct(flatten(regexall("\\{\\{([A-Za-z_][A-Za-z0-9_]*)\\}\\}", jsonencode([
    try(local.spec.id, null), try(local.spec.call.path, null), try(local.spec.call.params, null), try(local.spec.call.query, null),
  ]))))
  built_in_vars = ["region", "project_id"]
  placeholder_problems = concat(
    [for name in keys(local.vars) : "vars.${name} is built in: give the ${name == "region" ? "region" : "project ID"} instead of a var." if contains(local.built_in_vars, name)],
    [for name in keys(local.vars) : "vars.${name} is not used: no {{${name}}} in the spec's id, call.path, call.params or call.query." if !contains(concat(local.built_in_vars, local.placeholders), name)],
    [for name in local.placeholders : "spec {{${name}}} has no value: give a var named ${name} in vars." if !contains(concat(local.built_in_vars, keys(local.vars)), name)],
  )
  # Checked once the spec is a JSON object and every var's name is valid.
  vars_named_well = length(local.vars) <= 256 && alltrue([for name in keys(local.vars) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))])
  # White space no value may start or end with: what JavaScript's trim() removes and what Go's unicode.IsSpace
  # (Terraform's trimspace) removes, together.
  white_space = "[\\t\\n\\v\\f\\r \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]"
  region      = lookup(local.checked, "region", "")
  project_id  = lookup(local.checked, "project_id", "")
  endpoint    = lookup(local.checked, "endpoint", "")
  timeout     = lower(lookup(local.checked, "timeout", ""))
  # The timeout in milliseconds, as the CLI reads it: plain seconds, or units (ms, s, m, h, d) in any case.
  timeout_ms = try(can(regex("^[0-9]+(\\.[0-9]+)?$", local.timeout)) ? tonumber(local.timeout) * 1000 : sum(concat([0], [
    for part in regexall("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)", local.timeout) : tonumber(part[0]) * { ms = 1, s = 1000, m = 60000, h = 3600000, d = 86400000 }[part[1]]
  ])), null)
  # Each field's own rules after those every value follows; each rule is [broken, reason].
  shape_rules = {
    region = local.given_names.region ? [
      [!can(regex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", local.region)) || length(local.region) > 63, "is not valid: a region ID is letters, digits and dashes (at most 63), e.g. cn-hangzhou"],
    ] : []
    project_id = local.given_names.project_id ? [
      [!can(regex("^[A-Za-z0-9_-]+$", local.project_id)), "is not valid: a project ID is letters, digits, '-' and '_' (32 hex characters from IAM)"],
    ] : []
    endpoint = local.given_names.endpoint ? [
      [!can(regex("(?i)^https?://", local.endpoint)), "must start with http:// or https://"],
      [can(regex("^[^/]*//[^/?#]*@", local.endpoint)), "must not contain credentials (user:password@); use the environment variables instead"],
      [!can(regex("^[^/]*//[^/?#]*/?$", local.endpoint)), "must be a base URL without path, query or fragment, e.g. http://127.0.0.1:8080"],
      [!can(regex("(?i)^[^/]*//([\\w-]+(\\.[\\w-]+)*|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?/?$", local.endpoint)) || try(tonumber(regex(":([0-9]+)/?$", local.endpoint)[0]) > 65535, false),
      "must name a host (letters, digits, '-', '_' and dots, or an [IPv6] address) and optionally a port up to 65535"],
    ] : []
    timeout = local.given_names.timeout ? [
      [!can(regex("^([0-9]+(\\.[0-9]+)?|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+)$", local.timeout)), "is not a duration: use e.g. 90s, 10m, 1h30m or a number of seconds"],
      [length(distinct(regexall("[a-z]+", local.timeout))) < length(regexall("[a-z]+", local.timeout)), "gives a unit twice: give each unit once, e.g. 1h30m"],
      [try(local.timeout_ms < 1, false), "must be at least 1ms"],
      [try(local.timeout_ms > 604800000, false), "must be at most 7d"],
    ] : []
  }
  # Every set value's rules, in the order the CLI checks them: the text rules, then the field's own.
  rules = { for name, value in local.checked : name => concat([
    [can(regex("^${local.white_space}*$", value)), "must not be empty"],
    [can(regex("^${local.white_space}|${local.white_space}$", value)), "must not start or end with white space"],
    [can(regex("[\\x00-\\x1f\\x7f-\\x{9f}]", value)), "must not contain control characters (newline, tab, ...)"],
    # Counted as the CLI counts them: Unicode code points (length() would count characters as a reader sees them).
    [length(regexall("(?s).", value)) > 512, "is longer than 512 characters (Unicode code points)"],
  ], lookup(local.shape_rules, name, [])) }
  # The reasons of the rules each value breaks, the first one first.
  broken = { for name, rules in local.rules : name => [for rule in rules : rule[1] if rule[0]] }
  # Every problem of the inputs, one line each, the input named as in the module block.
  problems = concat(
    contains(keys(local.required), local.service) ? [] : ["service ${jsonencode(var.service)} is unknown: use one of bpstudio, emr, bcs, oos, api."],
    var.command == null || can(regex("^[^\\x00-\\x1f\\x7f]+$", var.command)) ? [] : ["command must be a command line without control characters, e.g. \"opgate\"."],
    [for name, reasons in local.broken : "${name} ${reasons[0]}." if length(reasons) > 0],
    # The spec's own checks (its shape, acceptors, expressions, ...) are the CLI's, at apply: `opgate api check` runs them before.
    local.given_names.spec && !can(keys(local.spec)) ? ["spec must be JSON text of an object, the API wait spec: e.g. file(\"waits/ecs.json\")."] : [],
    [for name in keys(local.vars) : "vars.${name} is not a valid name: a var name is letters, digits and _, not starting with a digit." if !can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))],
    length(local.vars) > 256 ? ["vars has ${length(local.vars)} entries; the limit is 256."] : [],
    local.service == "api" && can(keys(local.spec)) && local.vars_named_well ? slice(local.placeholder_problems, 0, min(1, length(local.placeholder_problems))) : [],
    [for name in local.missing : "${name} is required for the ${local.service} wait: set ${name} in the module block."],
    [for name in local.foreign : "${name} does not apply to the ${local.service} wait: remove it from the module block."],
  )

  result_file = ".opgate/${terraform_data.wait.id}.tfstate"
}

resource "terraform_data" "wait" {
  # A new operation (service, IDs, region, endpoint, api: spec or vars) means a new wait; a new timeout or allow_partial
  # does not, nor does a spec file written anew with other white space or key order (compared decoded, then encoded).
  triggers_replace = merge(
    { service = local.service },
    { for name, value in local.set : name => value if name != "timeout" },
    local.given_names.spec ? { spec = try(jsonencode(jsondecode(var.spec)), var.spec) } : {},
    local.given_names.vars ? { vars = var.vars } : {},
  )

  lifecycle {
    precondition {
      condition     = length(local.problems) == 0
      error_message = join("\n", local.problems)
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

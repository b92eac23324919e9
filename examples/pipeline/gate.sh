#!/bin/sh
# Gate a deployment on cloud operations with opgate: each `opgate wait` blocks
# until its operation ends and exits 0 only on success, so `set -e` (or `|| exit`)
# stops the pipeline with the operation's reason.
#
# Against the emulator (no cloud account needed), in a project that installed opgate:
#   emulator=$(npx opgate emulator start --scenario pipeline) && eval "$emulator"
# (it returns once the emulator listens, and exports OPGATE_ENDPOINT and its credentials), then:
#   sh node_modules/opgate/examples/pipeline/gate.sh        # all four services, one after the other
#   sh node_modules/opgate/examples/pipeline/gate.sh emr    # only one
#   npx opgate emulator stop
# Against the clouds: unset OPGATE_ENDPOINT, export real credentials and the IDs below.
set -u

OPGATE=${OPGATE:-npx --yes opgate}     # the command to run (a path to main.js works too: "node dist/src/cli/main.js")
TIMEOUT=${TIMEOUT:-30m}
ONLY=${1:-all}

# The IDs of the operations to wait for (defaults: the example scenario's).
ALIBABA_REGION=${ALIBABA_REGION:-cn-hangzhou}
BPSTUDIO_OPERATION_ID=${BPSTUDIO_OPERATION_ID:-op_7b2c6a1e4f9d4c3a8e5b0f6d2a9c1e7b}
EMR_CLUSTER_ID=${EMR_CLUSTER_ID:-c-b933c5aac8fe4b1c}
EMR_OPERATION_ID=${EMR_OPERATION_ID:-op-13c37a77c505417b}
HUAWEI_REGION=${HUAWEI_REGION:-cn-north-4}
BCS_PROJECT_ID=${BCS_PROJECT_ID:-0f1e2d3c4b5a69788796a5b4c3d2e1f0}
BCS_OPERATION_ID=${BCS_OPERATION_ID:-9e7b1c52-4a83-4d0e-b6f1-3c2a8d5e7f90}
OOS_EXECUTION_ID=${OOS_EXECUTION_ID:-exec-5f1b7e0c9a2d4e6f}

# gate SERVICE FLAGS...: waits, explains the exit code on stderr (stdout is the
# result, e.g. JSON), and stops the script unless the code is 0.
gate() {
  service=$1
  shift
  echo "== gate: waiting for $service" >&2
  $OPGATE wait "$service" "$@" --timeout "$TIMEOUT"
  code=$?
  case $code in
    0) echo "== gate: $service succeeded" >&2 ;;
    1) echo "== gate: $service operation failed or was cancelled: not deploying" >&2 ;;
    2) echo "== gate: bad flags or missing credentials (nothing was sent)" >&2 ;;
    3) echo "== gate: $service operation still running after $TIMEOUT" >&2 ;;
    4) echo "== gate: $service API error (permission, unknown or expired ID)" >&2 ;;
    130) echo "== gate: interrupted" >&2 ;;
  esac
  [ "$code" -eq 0 ] || exit "$code"
}

wanted() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }

if wanted bpstudio; then
  # --output json hands the outputs on: here the tagMap of the BPStudio application.
  # The Result goes to a temporary file, removed however the script ends.
  result=$(mktemp "${TMPDIR:-/tmp}/opgate-bpstudio.XXXXXX")
  trap 'rm -f "$result"' EXIT
  gate bpstudio --region "$ALIBABA_REGION" --operation-id "$BPSTUDIO_OPERATION_ID" --output json > "$result"
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log("tagMap:", JSON.stringify(r.outputs.tagMap))' "$result"
fi
if wanted emr; then
  gate emr --region "$ALIBABA_REGION" --cluster-id "$EMR_CLUSTER_ID" --operation-id "$EMR_OPERATION_ID"
fi
if wanted bcs; then
  gate bcs --region "$HUAWEI_REGION" --project-id "$BCS_PROJECT_ID" --operation-id "$BCS_OPERATION_ID"
fi
if wanted oos; then
  gate oos --region "$ALIBABA_REGION" --execution-id "$OOS_EXECUTION_ID"
fi
echo "== gate: all operations succeeded: deploying"

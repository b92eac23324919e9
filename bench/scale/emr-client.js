"use strict";
/**
 * The product's own signed client and EMR provider, as `waitForOperation`
 * builds them (dist/src/wait.ts prepare()), with every request counted.
 */
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { createApiCaller, getProvider, readParams } = require("../lib/opgate");

const CLUSTER_ID = "c-scalebench000001";
const REGION = "cn-hangzhou";

/** The emulator's default Alibaba Cloud credentials, passed explicitly (no credential chain lookups). */
function emulatorEnv() {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "opgate-emulator-secret",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    HOME: mkdtempSync(join(tmpdir(), "opgate-scale-")),
  };
}

/** The scenario operation `id`: IN_PROGRESS for `durationMs` after its first answered request, then COMPLETED. */
function emrOperation(id, durationMs) {
  return { service: "emr", id, clusterId: CLUSTER_ID, timeline: [{ for: Math.round(durationMs), state: "IN_PROGRESS" }, { state: "COMPLETED" }] };
}

/**
 * A counting EMR poller against `endpoint`: `poll(operationId, signal)`
 * resolves with a Snapshot or rejects with ApiError; `counts` tells requests
 * sent, throttled answers and other errors.
 */
async function emrPoller(endpoint) {
  const provider = getProvider("emr");
  const env = emulatorEnv();
  const api = await createApiCaller({ cloud: provider.cloud, endpoint, env, isNotFound: provider.isNotFound });
  const counts = { requests: 0, throttled: 0, otherErrors: 0 };
  const counting = {
    async call(request, signal) {
      counts.requests++;
      try {
        return await api.call(request, signal);
      } catch (err) {
        if (err.throttled) counts.throttled++;
        else counts.otherErrors++;
        throw err;
      }
    },
  };
  const poll = (operationId, signal) => {
    const params = readParams(provider, { service: "emr", region: REGION, clusterId: CLUSTER_ID, operationId }, env);
    return provider.poll(params, counting, signal);
  };
  return { poll, counts };
}

module.exports = { emrOperation, emrPoller };

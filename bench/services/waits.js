"use strict";
/**
 * The waits bench/services runs, one kind per service: the four services
 * (bench/lib/emulated-services.js) and the generic waiter on the ECS example
 * of examples/api/ (`DescribeInstances` until `Running`). For each, the
 * emulator operation with ID `id` whose timeline is running, then success,
 * and the `waitForOperation` options that wait for it.
 */
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { SERVICE_SCRIPTS, rawOf } = require("../lib/emulated-services");

/** The ECS example spec of examples/api/. */
const ECS_SPEC = JSON.parse(readFileSync(join(__dirname, "..", "..", "examples", "api", "ecs-running.json"), "utf8"));

/** The instance `id` as DescribeInstances shows it in `status`. */
const instance = (id, status) => ({
  RequestId: "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
  TotalCount: 1,
  Instances: { Instance: [{ InstanceId: id, Status: status, ZoneId: "cn-hangzhou-h", VpcAttributes: { PrivateIpAddress: { IpAddress: ["192.0.2.15"] } } }] },
});

/** The generic waiter on a scripted ECS API, in the shape of the four services' scripts (bench/lib/emulated-services.js). */
const API_SCRIPT = {
  service: "api",
  raws: { running: "Starting", success: "Running" },
  frameOf: (raw) => ({ body: instance("i-bench", raw) }),
  operation: (id, frames) => ({
    service: "api",
    id,
    call: { cloud: "alibaba", product: "ecs", action: "DescribeInstances", version: "2014-05-26", match: { InstanceIds: [id] } },
    timeline: frames,
  }),
  wait: (id) => ({ service: "api", spec: ECS_SPEC, vars: { instance_id: id }, region: "cn-hangzhou" }),
};

/** Every kind of wait: the four services, then `api`. */
const SCRIPTS = [...SERVICE_SCRIPTS, API_SCRIPT];
const SERVICES = SCRIPTS.map((script) => script.service);
const scriptOf = (service) => SCRIPTS.find((script) => script.service === service);

/** The emulator operation `id` of `service`: running for `runningMs` (0: done at once), then success. */
function operation(service, id, runningMs) {
  const script = scriptOf(service);
  const running = runningMs > 0 ? [{ for: runningMs, ...script.frameOf(rawOf(script, "running")) }] : [];
  return script.operation(id, [...running, script.frameOf(rawOf(script, "success"))]);
}

/** The emulator's credentials, as a user exports them; no metadata lookup. */
const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "opgate-emulator",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "opgate-emulator-secret",
  HW_ACCESS_KEY: "OPGATEEMULATORAK",
  HW_SECRET_KEY: "opgate-emulator-sk",
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
};

/** The `waitForOperation` options of a wait on operation `id` of `service` at `endpoint`. */
function waitOptions(service, id, endpoint) {
  return { ...scriptOf(service).wait(id), endpoint, env: { ...ENV }, timeout: "5m" };
}

module.exports = { SERVICES, ENV, operation, waitOptions };

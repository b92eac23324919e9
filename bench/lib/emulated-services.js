"use strict";
/**
 * How to script an operation of each service in the emulator and how to
 * wait for it, in service-neutral words (running, success, failure,
 * cancelled). Shared by `bench/endurance.js` and the reliability tests.
 */

/** @typedef {"running" | "success" | "failure" | "cancelled"} Phase */

/**
 * @typedef {object} ServiceScript
 * @property {"bpstudio" | "emr" | "bcs" | "oos"} service
 * @property {"alibaba" | "huawei"} cloud
 * @property {Partial<Record<Phase, string>>} raws The raw status of each phase the service has (BPStudio and EMR have no CANCELLED).
 * @property {(raw: string) => Record<string, unknown>} frameOf The emulator frame data of a raw status.
 * @property {(id: string, timeline: object[], faults?: object[]) => object} operation The scenario operation `id`.
 * @property {(id: string) => object} wait The `waitForOperation` options naming operation `id` (no endpoint, env or tuning).
 */

const EMR_CLUSTER = "c-reliability00001";
const BCS_PROJECT = "051ddda57400d2982fccc014fab5749d";

/** @type {ServiceScript[]} The four services, in the contract's order. */
const SERVICE_SCRIPTS = [
  {
    service: "bpstudio",
    cloud: "alibaba",
    raws: { running: "RUNNING", success: "SUCCESS", failure: "FAILURE" },
    frameOf: (raw) => ({ status: raw }),
    operation: (id, timeline, faults = []) => ({ service: "bpstudio", id, timeline, faults }),
    wait: (id) => ({ service: "bpstudio", operationId: id }),
  },
  {
    service: "emr",
    cloud: "alibaba",
    raws: { running: "IN_PROGRESS", success: "COMPLETED", failure: "FAILED" },
    frameOf: (raw) => ({ state: raw }),
    operation: (id, timeline, faults = []) => ({ service: "emr", id, clusterId: EMR_CLUSTER, timeline, faults }),
    wait: (id) => ({ service: "emr", region: "cn-hangzhou", clusterId: EMR_CLUSTER, operationId: id }),
  },
  {
    service: "bcs",
    cloud: "huawei",
    raws: { running: "processing", success: "finished", failure: "failed", cancelled: "stop" },
    frameOf: (raw) => ({ status: raw }),
    operation: (id, timeline, faults = []) => ({ service: "bcs", id, projectId: BCS_PROJECT, timeline, faults }),
    wait: (id) => ({ service: "bcs", region: "cn-north-4", projectId: BCS_PROJECT, operationId: id }),
  },
  {
    // One resource per execution, so that each poll is one page request.
    service: "oos",
    cloud: "alibaba",
    raws: { running: "Running", success: "Success", failure: "Failed", cancelled: "Cancelled" },
    frameOf: (raw) => ({ count: 1, status: raw }),
    operation: (id, timeline, faults = []) => ({ service: "oos", id, timeline, faults }),
    wait: (id) => ({ service: "oos", region: "cn-hangzhou", executionId: id }),
  },
];

/**
 * The raw status of `phase` in `script`'s service.
 * @param {ServiceScript} script
 * @param {Phase} phase
 */
function rawOf(script, phase) {
  const raw = script.raws[phase];
  if (raw === undefined) throw new Error(`${script.service} has no ${phase} status`);
  return raw;
}

/**
 * A timeline from `[phase or { raw }, polls]` pairs: each frame lasts its
 * number of answers (default 1); the last one lasts forever.
 * @param {ServiceScript} script
 * @param {...[Phase | { raw: string }, number?]} frames
 */
function timeline(script, ...frames) {
  return frames.map(([what, polls], i) => {
    const data = script.frameOf(typeof what === "object" ? what.raw : rawOf(script, what));
    return i === frames.length - 1 ? data : { polls: polls ?? 1, ...data };
  });
}

module.exports = { SERVICE_SCRIPTS, rawOf, timeline };

/**
 * A Pulumi program with one `ApiWait` per example of examples/api/ (the
 * ECS instance, the ROS stack, the Huawei ECS job through its preset), plus
 * a Huawei job whose ID is a secret, against the endpoint of stack config
 * `endpoint` (the emulator playing examples/api/scenario.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ApiWait, type ApiWaitSpec } from "opgate/pulumi";

const ROOT = path.join(__dirname, "..", "..", "..", "..");
/** A spec file of this repository, e.g. `examples/api/ecs-running.json`. */
const specFile = (file: string): ApiWaitSpec => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as ApiWaitSpec;

const config = new pulumi.Config();
const endpoint = config.require("endpoint");
const alibaba = { region: "cn-hangzhou", endpoint, timeout: "2m" };
const huawei = { region: "cn-north-4", projectId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", endpoint, timeout: "2m" };

const web = new ApiWait<{ instanceId: string; privateIp: string | null }>("web-running", {
  spec: specFile("examples/api/ecs-running.json"),
  vars: { instance_id: config.get("instanceId") ?? "i-bp1f3a9c7d2e5b8a0c4d" },
  ...alibaba,
});

const stack = new ApiWait("web-stack", { spec: specFile("examples/api/ros-stack-create.json"), vars: { stack_id: "4a6c9851-3b0f-4f5f-b4ca-a14bf6910001" }, ...alibaba });

const createServer = new ApiWait("create-server", { spec: specFile("presets/huawei-ecs-job.json"), vars: { job_id: "ff80808288d41e1b018990260955686a" }, ...huawei });

const resizeServer = new ApiWait<{ serverIds: string[] }>("resize-server", {
  spec: specFile("presets/huawei-ecs-job.json"),
  vars: { job_id: pulumi.secret("2c9eb2c15bd1da1b015bd1dd1ebc001a") },
  ...huawei,
});

/** The typed outputs of the waits. */
export const webIp = web.outputs.apply((outputs) => outputs.privateIp);
export const resizedServers = resizeServer.outputs.apply((outputs) => outputs.serverIds);
export const statuses = { stack: stack.status, createServer: createServer.status };

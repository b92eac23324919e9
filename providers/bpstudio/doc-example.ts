/**
 * Values of the example answer in the BPStudio API docs
 * (the response example of `GetExecuteOperationResult`), used as emulator defaults.
 */

/** The docs' `Data.Arguments`, decoded. */
export const DOC_ARGUMENTS = { tagMap: { cadt: ["12xxxxxxx", "34xxxxxxx"] } };

/** The docs' `Data.Message`, decoded: one SLB listener. */
export const DOC_LISTENERS = [
  {
    vServerGroupId: "rsp-xxxx",
    healthCheckHttpVersion: "http1.0",
    status: "running",
    gzip: "on",
    requestId: "89xxxx",
    description: "abcxxx",
    bandwidth: -1,
    healthCheckTimeout: 10,
    healthCheckType: "http",
    aclStatus: "off",
    unhealthyThreshold: 3,
    xForwardedFor_SLBID: "off",
    healthCheckHttpCode: "http_3xx,http_2xx",
    listenerForward: "off",
    xForwardedFor: "on",
    idleTimeout: 15,
    requestTimeout: 60,
    listenerPort: 80,
    healthCheckInterval: 2,
    healthCheckURI: "/",
    scheduler: "rr",
    healthyThreshold: 3,
    xForwardedFor_proto: "off",
    xForwardedFor_SLBIP: "off",
    stickySession: "off",
    healthCheckMethod: "head",
    healthCheck: "on",
    rules: [],
    aclIds: [],
  },
];

/** The docs' top-level `Message`: a quoted blank. */
export const DOC_TOP_MESSAGE = '" "';

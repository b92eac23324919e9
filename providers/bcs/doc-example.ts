/**
 * Values of the example answer in the BCS API docs
 * (the operation record example of `GET /v2/{project_id}/operation/record`), used as emulator defaults.
 */
import { normalizeStatus } from "../shared/status-table";

/**
 * Record fields of the docs' example that a scenario may override through
 * attributes (the cluster's name made plausible: the docs show a placeholder).
 */
export const DOC_RECORD = {
  resourceType: "BCSSVC01",
  operationType: "99",
  domainId: "051ddda36880d3420f9bc01403fd8da0",
  blockchainId: "23604f57-eac9-3777-e9f5-ae87457f2338",
  blockchainName: "bcs-i3b0ms",
  clusterInfo: {
    cluster_type: "cce",
    name: "cce-bcs-i3b0ms",
    cluster_id: "4df5652f-96dc-11eb-b49c-0255ac100b08",
    node_infos: null,
  },
};

/** `record_time` of the docs' example, in nanoseconds. */
export const DOC_RECORD_TIME = 1618218591906100000n;

const PREPARATION = "Preparation";
const DEPENDENCIES = "Create Other Dependent Resource";
const CONFIGURATIONS = "Generate basic configurations";
const EIP = "Create EIP";
const STORAGE = "Create network storage";

/** A sub-step not started yet, as the docs show one: empty status, detail "waiting", no times. */
function notStarted(name: string, serialNum: number): Record<string, unknown> {
  return { name, status: "", detail: "waiting", startTime: "0", endTime: "0", serialNum };
}

/**
 * The docs' two steps (Preparation; Create Other Dependent Resource), in a
 * shape matching the record's `status`: the docs' exact example while
 * `processing`, everything waiting while `waiting`, everything finished when
 * `finished`, and the last sub-step in the record's status otherwise.
 */
export function docSteps(status: string): Record<string, unknown>[] {
  const steps = (prep: unknown[], prepStatus: string, deps: unknown[], depsStatus: string) => [
    { name: PREPARATION, status: prepStatus, serialNum: 1, subSteps: prep },
    { name: DEPENDENCIES, status: depsStatus, serialNum: 2, subSteps: deps },
  ];
  const configurations = { name: CONFIGURATIONS, status: "finished", startTime: "1618218591951266000", endTime: "1618218591951266000", serialNum: 1 };
  const eip = { name: EIP, status: "finished", startTime: "1618219038464462600", endTime: "1618219038464462600", serialNum: 1 };
  switch (normalizeStatus(status)) {
    case "waiting":
      return steps([notStarted(CONFIGURATIONS, 1)], "waiting", [notStarted(EIP, 1), notStarted(STORAGE, 2)], "waiting");
    case "processing":
      return steps([configurations], "finished", [eip, notStarted(STORAGE, 2)], "processing");
    case "finished":
      return steps([configurations], "finished", [eip, { name: STORAGE, status: "finished", serialNum: 2 }], "finished");
    default:
      return steps([configurations], "finished", [eip, { name: STORAGE, status, serialNum: 2 }], status);
  }
}

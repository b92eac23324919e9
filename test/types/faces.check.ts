/**
 * Compile-time checks that every face of opgate takes exactly each service's
 * declared fields (`providers/<service>/index.ts`), with the same required-ness:
 * the library's targets, the Pulumi args and the CDKTF props are written out
 * for their documentation, and these checks tie them to the declarations both
 * ways (a missing, extra or wrongly required field fails to compile). Compiled
 * by test/types/faces.test.ts and by `tsc -p tsconfig.test.json`; never run.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceFieldValues } from "../../providers";
import type { CommonFieldValues } from "../../providers/params";
import type { ServiceName, WaitServiceName } from "../../src/core/result";
import type {
  ApiWaitProps,
  BcsOperationWaitProps,
  BpStudioOperationWaitProps,
  EmrOperationWaitProps,
  OosExecutionWaitProps,
  OperationWaitProps,
  TerraformResolvable,
} from "../../src/cdktf";
import type { ApiWaitArgs, BcsOperationArgs, BpStudioOperationArgs, EmrOperationArgs, OosExecutionArgs, OperationArgs } from "../../src/pulumi";
import type { ConnectionOptions, OperationTarget, ReadOperationOptions, WaitControls } from "../../src/wait";
import { waitForOperation } from "../../src/wait";

/** The keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** True when `A` and `B` are assignable to each other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** True when `A` and `B` have the same keys, the same required keys and mutually assignable values. */
type SameShape<A, B> =
  Mutual<keyof A, keyof B> extends true ? (Mutual<RequiredKeys<A>, RequiredKeys<B>> extends true ? Mutual<A, B> : false) : false;
/** Compiles only when `T` is `true`. */
type Assert<T extends true> = T;
/** Compiles only when every service's entry is `true` (the error names the service that is not). */
type EveryService<T extends Record<ServiceName, true>> = T;

/** Compiles only when every service's entry is `true`, the generic waiter's `api` included. */
type EveryWaitService<T extends Record<WaitServiceName, true>> = T;

/** A face's type per service. */
type PerService<T extends Record<ServiceName, unknown>> = T;

/** Library: `{ service: S, ...fields }` per service (the generic waiter's `api` too), and the common options. */
type LibraryTargets = { [S in WaitServiceName]: Omit<Extract<OperationTarget, { service: S }>, "service"> };
export type LibraryServiceFields = EveryWaitService<{ [S in WaitServiceName]: SameShape<LibraryTargets[S], ServiceFieldValues<S>> }>;
export type LibraryServices = Assert<Mutual<OperationTarget["service"], WaitServiceName>>;
export type LibraryCommon = Assert<SameShape<Pick<ConnectionOptions, "region" | "endpoint"> & Pick<WaitControls, "timeout">, CommonFieldValues>>;

/** Pulumi: every field a `pulumi.Input` of its value. */
type PulumiInputs<T> = { [K in keyof T]: pulumi.Input<NonNullable<T[K]>> };
type PulumiArgs = PerService<{
  bpstudio: Omit<BpStudioOperationArgs, keyof OperationArgs>;
  emr: Omit<EmrOperationArgs, keyof OperationArgs>;
  bcs: Omit<BcsOperationArgs, keyof OperationArgs>;
  oos: Omit<OosExecutionArgs, keyof OperationArgs>;
}>;
export type PulumiServiceFields = EveryService<{ [S in ServiceName]: SameShape<PulumiArgs[S], PulumiInputs<ServiceFieldValues<S>>> }>;
export type PulumiCommon = Assert<SameShape<OperationArgs, PulumiInputs<CommonFieldValues>>>;
/** Pulumi `ApiWait`: the generic waiter's fields, each a `pulumi.Input`, each var one too. */
type PulumiApiFields = Omit<PulumiInputs<ServiceFieldValues<"api">>, "vars"> & { vars?: pulumi.Input<Record<string, pulumi.Input<string>>> };
export type PulumiApiWait = Assert<SameShape<Omit<ApiWaitArgs, keyof OperationArgs>, PulumiApiFields>>;

/** CDKTF: strings (a reference is a token string too), booleans or a reference. */
type CdktfProps<T> = { readonly [K in keyof T]: NonNullable<T[K]> extends boolean ? boolean | TerraformResolvable : NonNullable<T[K]> };
type CdktfServiceProps = PerService<{
  bpstudio: Omit<BpStudioOperationWaitProps, keyof OperationWaitProps>;
  emr: Omit<EmrOperationWaitProps, keyof OperationWaitProps>;
  bcs: Omit<BcsOperationWaitProps, keyof OperationWaitProps>;
  oos: Omit<OosExecutionWaitProps, keyof OperationWaitProps>;
}>;
export type CdktfServiceFields = EveryService<{ [S in ServiceName]: SameShape<CdktfServiceProps[S], CdktfProps<ServiceFieldValues<S>>> }>;
export type CdktfCommon = Assert<SameShape<Omit<OperationWaitProps, "dependsOn">, CdktfProps<CommonFieldValues>>>;
/** CDKTF `ApiWait`: the generic waiter's fields (the spec an object, each var a string: a reference is a token string too). */
export type CdktfApiWait = Assert<SameShape<Omit<ApiWaitProps, keyof OperationWaitProps>, CdktfProps<ServiceFieldValues<"api">>>>;

/** The library refuses, at compile time, a wait without the IDs its service needs. */
export function incompleteWaits(): void {
  // @ts-expect-error EMR needs clusterId and operationId.
  void waitForOperation({ service: "emr" });
  // @ts-expect-error EMR needs operationId too.
  void waitForOperation({ service: "emr", clusterId: "c-1" });
  // @ts-expect-error OOS takes an executionId, not an operationId.
  void waitForOperation({ service: "oos", operationId: "exec-1" });
  // @ts-expect-error allowPartial is EMR's only.
  void waitForOperation({ service: "bpstudio", operationId: "op_1", allowPartial: true });
  // BCS's project falls back to HW_PROJECT_ID, and every region to the environment: both may be left out.
  void waitForOperation({ service: "bcs", operationId: "rec-1" });
  void waitForOperation({ service: "emr", clusterId: "c-1", operationId: "op-1", allowPartial: true, timeout: 90 });
}

/** `readOperation` takes no timeout (one request, no deadline). */
export function readWithTimeout(): ReadOperationOptions {
  // @ts-expect-error readOperation takes no timeout.
  return { service: "oos", executionId: "exec-1", timeout: "1m" };
}

/**
 * `opgate/cdktn`: the wait constructs for CDK Terrain (`cdktn`), the
 * maintained fork of CDK for Terraform. They are the classes of
 * `opgate/cdktf`: each construct builds its Terraform blocks with the library
 * of the app it belongs to, so the same code serves `cdktf` and `cdktn` apps.
 * Importing from here documents the choice and needs no `cdktf` installed.
 *
 * ```ts
 * import { App, TerraformStack, TerraformOutput } from "cdktn";
 * import { EmrOperationWait } from "opgate/cdktn";
 * ```
 *
 * @packageDocumentation
 */
import "./require-peers";
export * from "../cdktf";

/**
 * The optional peer dependencies of the construct entry points: `constructs`,
 * and the CDK library of the app (`cdktf` or CDK Terrain's `cdktn`). Each
 * entry point checks them when it loads (`require-peers.ts`), before anything
 * that needs them; without them, the error says what to install.
 */
import { requirePeers } from "../package-root";

/** Throws, with the `npm install` that fixes it, unless the peers of `entry` are installed. */
export function requireCdkPeers(entry: "opgate/cdktf" | "opgate/cdktn"): void {
  if (entry === "opgate/cdktn") {
    requirePeers(entry, ["cdktn", "constructs"], "npm install cdktn constructs");
  } else {
    requirePeers(entry, [["cdktf", "cdktn"], "constructs"], "npm install cdktf constructs (in a CDK Terrain app: npm install cdktn constructs, and import opgate/cdktn)");
  }
}

/**
 * Loaded first by `opgate/pulumi`, before anything that loads
 * `@pulumi/pulumi`: without that optional peer, the error says what to
 * install instead of `Cannot find module`.
 */
import { requirePeers } from "../package-root";

requirePeers("opgate/pulumi", ["@pulumi/pulumi"], "npm install @pulumi/pulumi");

/**
 * Loaded first by `opgate/cdktf`, before anything that loads `constructs` or
 * a CDK library: without its optional peers, the error says what to install
 * instead of `Cannot find module`.
 */
import { requireCdkPeers } from "./peers";

requireCdkPeers("opgate/cdktf");

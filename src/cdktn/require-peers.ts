/**
 * Loaded first by `opgate/cdktn`, before `opgate/cdktf` loads `constructs`:
 * without `cdktn` and `constructs`, the error says what to install instead of
 * `Cannot find module`.
 */
import { requireCdkPeers } from "../cdktf/peers";

requireCdkPeers("opgate/cdktn");

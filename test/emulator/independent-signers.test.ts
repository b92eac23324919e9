/**
 * The tests' own signers reproduce the published examples, so a request they
 * sign is a request a real client would send.
 */
import { RPC_V1_EXAMPLE } from "../support/published-signing-examples";
import { acs3Sign, huaweiSign, v1Sign } from "./support/independent-signers";

test("v1 HMAC-SHA1 matches the published example", () => {
  const { method, params, secret, signature } = RPC_V1_EXAMPLE;
  expect(v1Sign(method, params, secret)).toBe(signature);
});

test("ACS3-HMAC-SHA256 matches the published example", () => {
  const headers = {
    host: "ecs.cn-shanghai.aliyuncs.com",
    "x-acs-action": "RunInstances",
    "x-acs-version": "2014-05-26",
    "x-acs-date": "2023-10-26T10:22:32Z",
    "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
    "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  };
  const query = { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" };
  const { canonicalHash, signature } = acs3Sign("POST", "/", query, headers, Object.keys(headers).sort(), "", "YourAccessKeySecret");
  expect(canonicalHash).toBe("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  expect(signature).toBe("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
});

test("Huawei SDK-HMAC-SHA256 matches the published example", () => {
  const headers = { "content-type": "application/json", host: "service.region.example.com", "x-sdk-date": "20191115T033655Z" };
  const { canonicalHash, signature } = huaweiSign(
    "GET",
    "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
    { limit: "2", marker: "13551d6b-755d-4757-b956-536f674975c0" },
    headers,
    ["content-type", "host", "x-sdk-date"],
    "",
    "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    "20191115T033655Z",
  );
  expect(canonicalHash).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
  expect(signature).toBe("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
});

import { createHash } from "node:crypto";
import { acs3CanonicalRequest, acs3Signature, rpcV1Signature, rpcV1StringToSign, signAcs3 } from "../../src/signing/alibaba";
import { encodePath, percentEncode, type SignableRequest } from "../../src/signing/canonical";
import { huaweiCanonicalRequest, huaweiSignature, signHuawei } from "../../src/signing/huawei";
import { RPC_V1_EXAMPLE } from "../support/published-signing-examples";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("percentEncode", () => {
  it("keeps only RFC 3986 unreserved characters", () => {
    expect(percentEncode("aZ09-_.~")).toBe("aZ09-_.~");
    expect(percentEncode("a b*c!'()+/=&")).toBe("a%20b%2Ac%21%27%28%29%2B%2F%3D%26");
    expect(percentEncode("é")).toBe("%C3%A9");
  });
  it("encodes path segments but keeps the slashes", () => {
    expect(encodePath("/v2/a b/c*d")).toBe("/v2/a%20b/c%2Ad");
  });
});

describe("ACS3-HMAC-SHA256 published example", () => {
  const req: SignableRequest = {
    method: "POST",
    path: "/",
    query: { RegionId: "cn-shanghai", ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd" },
    headers: {
      host: "ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action": "RunInstances",
      "x-acs-version": "2014-05-26",
      "x-acs-date": "2023-10-26T10:22:32Z",
      "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
      "x-acs-content-sha256": EMPTY_SHA256,
    },
    body: "",
  };
  const signed = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];

  it("builds the canonical request with the published hash", () => {
    const canonical = acs3CanonicalRequest(req, signed);
    expect(canonical.split("\n").slice(0, 3)).toEqual([
      "POST",
      "/",
      "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
    ]);
    expect(sha256(canonical)).toBe("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
  });

  it("computes the published signature", () => {
    expect(acs3Signature(req, signed, "YourAccessKeySecret")).toBe(
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
  });

  it("signAcs3 adds the date, nonce, body hash and the same Authorization", () => {
    const base = { ...req, headers: { host: req.headers.host!, "x-acs-action": "RunInstances", "x-acs-version": "2014-05-26" } };
    const headers = signAcs3(
      base,
      { accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret" },
      new Date("2023-10-26T10:22:32.123Z"),
      "3156853299f313e23d1673dc12e1703d",
    );
    expect(headers).toEqual({
      ...req.headers,
      authorization:
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" +
        signed.join(";") +
        ",Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    });
  });

  it("signs the STS token and content-type, not other headers", () => {
    const headers = signAcs3(
      { ...req, headers: { host: "h", accept: "application/json", "content-type": "application/json", "x-acs-action": "A", "x-acs-version": "V" } },
      { accessKeyId: "id", accessKeySecret: "secret", securityToken: "sts-token" },
      new Date(0),
      "n",
    );
    expect(headers["x-acs-security-token"]).toBe("sts-token");
    expect(headers.authorization).toContain(
      "SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,",
    );
    expect(headers.authorization).not.toContain("secret");
  });
});

describe("Alibaba RPC signature v1 published example", () => {
  const { params } = RPC_V1_EXAMPLE;
  it("builds the string to sign", () => {
    expect(rpcV1StringToSign("GET", params)).toBe(
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
        "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
        "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
  });
  it("computes the published signature", () => {
    expect(rpcV1Signature(RPC_V1_EXAMPLE.method, params, RPC_V1_EXAMPLE.secret)).toBe(RPC_V1_EXAMPLE.signature);
  });
});

describe("Huawei SDK-HMAC-SHA256 published example", () => {
  const req: SignableRequest = {
    method: "GET",
    path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
    query: { marker: "13551d6b-755d-4757-b956-536f674975c0", limit: "2" },
    headers: { "content-type": "application/json", host: "service.region.example.com", "x-sdk-date": "20191115T033655Z" },
    body: "",
  };
  const signed = ["content-type", "host", "x-sdk-date"];
  const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
  const SIGNATURE = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";

  it("builds the canonical request with a trailing slash and the published hash", () => {
    const canonical = huaweiCanonicalRequest(req, signed);
    expect(canonical.split("\n")[1]).toBe("/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/");
    expect(sha256(canonical)).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
  });

  it("computes the published signature", () => {
    expect(huaweiSignature(req, signed, SK, "20191115T033655Z")).toBe(SIGNATURE);
  });

  it("signHuawei adds x-sdk-date and the Authorization with ', ' separators", () => {
    const { "x-sdk-date": _date, ...base } = req.headers;
    const headers = signHuawei(
      { ...req, headers: base },
      { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: SK },
      new Date("2019-11-15T03:36:55.999Z"),
    );
    expect(headers["x-sdk-date"]).toBe("20191115T033655Z");
    expect(headers.authorization).toBe(
      `SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=${SIGNATURE}`,
    );
  });

  it("sends and signs x-security-token for temporary credentials", () => {
    const headers = signHuawei(req, { accessKey: "AK", secretKey: "SK", securityToken: "tmp" }, new Date(0));
    expect(headers["x-security-token"]).toBe("tmp");
    expect(headers.authorization).toContain("SignedHeaders=content-type;host;x-sdk-date;x-security-token, ");
  });
});

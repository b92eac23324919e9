/**
 * The signing examples the clouds publish with their signature algorithms, as
 * data: the product's signers and the tests' independent signers are both
 * pinned to them.
 */

/** Alibaba Cloud RPC signature v1 (HMAC-SHA1). */
export const RPC_V1_EXAMPLE = {
  method: "GET",
  params: {
    AccessKeyId: "testid",
    Action: "DescribeRegions",
    Format: "XML",
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    SignatureVersion: "1.0",
    Timestamp: "2016-02-23T12:46:24Z",
    Version: "2014-05-26",
  },
  secret: "testsecret",
  signature: "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
};

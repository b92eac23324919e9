import { regionalEndpoint } from "../../providers/params";
import { integerOf, isNotFoundCode, messageText, numberOf, parseJsonText, textOf, unwrapJsonText } from "../../providers/shared/api-answers";
import { alibabaErrorAnswer, huaweiErrorAnswer } from "../../providers/shared/error-answers";

describe("JSON inside strings", () => {
  it("parses objects, arrays and strings only", () => {
    expect(parseJsonText('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonText(" [1] ")).toEqual([1]);
    expect(parseJsonText('"x"')).toBe("x");
    for (const text of ["123", "true", "null", "hello", "{bad", ""]) expect(parseJsonText(text)).toBe(text);
  });

  it("unwraps repeatedly and reports the last text", () => {
    expect(unwrapJsonText(JSON.stringify(JSON.stringify([1])))).toEqual({ value: [1], text: "[1]" });
    expect(unwrapJsonText('"[{"a":1}]"')).toEqual({ value: [{ a: 1 }], text: '[{"a":1}]' });
    expect(unwrapJsonText("plain")).toEqual({ value: "plain", text: "plain" });
  });

  it("treats quoted blanks as no message", () => {
    expect(messageText('" "')).toBeNull();
    expect(messageText("   ")).toBeNull();
    expect(messageText(undefined)).toBeNull();
    expect(messageText('"bad thing"')).toBe("bad thing");
  });
});

describe("JSON values", () => {
  it("reads integers exactly from bigints, numbers and digit strings", () => {
    expect(integerOf(1618219038464462600n)).toBe(1618219038464462600n);
    expect(integerOf("1618219038464462600")).toBe(1618219038464462600n);
    expect(integerOf(12)).toBe(12n);
    expect(integerOf(1.5)).toBeNull();
    expect(integerOf("1e3")).toBeNull();
    expect(numberOf(5n)).toBe(5);
    expect(numberOf("7")).toBe(7);
    expect(numberOf("x")).toBeNull();
    expect(textOf(3n)).toBe("3");
    expect(textOf({})).toBeNull();
  });
});

describe("shared provider rules", () => {
  it("classes not-found codes", () => {
    for (const code of ["ResourceNotFound", "EntityNotExists", "EntityNotExists.Execution"]) expect(isNotFoundCode(code)).toBe(true);
    for (const code of ["InvalidAccessKeyId.NotFound", "BCS.4040404", "EntityNotExistsX", "resourcenotfound", "NotFound"]) expect(isNotFoundCode(code)).toBe(false);
  });

  it("refuses regions that would change the host", () => {
    expect(regionalEndpoint("emr", "cn-hangzhou", "aliyuncs.com")).toBe("https://emr.cn-hangzhou.aliyuncs.com");
    for (const region of ["evil.example#", "a/b", "a.b", "", "-x", "cn_hangzhou"]) {
      expect(() => regionalEndpoint("emr", region, "aliyuncs.com")).toThrow(/region/);
    }
  });

  it("builds each cloud's error body", () => {
    const alibaba = alibabaErrorAnswer(400, "InvalidParameter", "bad", { product: "Oos", host: "oos" });
    expect(alibaba).toEqual({
      status: 400,
      body: {
        RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
        HostId: "oos.aliyuncs.com",
        Code: "InvalidParameter",
        Message: "bad",
        Recommend: expect.stringContaining("q=InvalidParameter&product=Oos&requestId="),
      },
    });
    expect(huaweiErrorAnswer(401, "BCS.4010401", "Incorrect token")).toEqual({ status: 401, body: { error_code: "BCS.4010401", error_msg: "Incorrect token" } });
  });
});

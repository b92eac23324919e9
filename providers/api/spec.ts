/**
 * The API wait spec: the one source of the generic waiter's input
 * (`opgate wait api`, `waitForApi`, and later every other face). The JSON
 * Schema that ships in the package (`schema/api-wait.schema.json`) is
 * generated from these types (`npm run schema`, checked by
 * `npm run schema:check` and a test), and specs are validated at run time
 * by walking that schema: the JSDoc below is what editors show, and the
 * `@pattern`, `@maxLength`, ... tags are the structural rules.
 * docs/contract.md ("Any read API") is the contract; docs/api-wait.md the guide.
 */

/**
 * A wait on any read call of Alibaba Cloud or Huawei Cloud: the request sent
 * on every poll, and how an answer maps to opgate's five states, its message,
 * its outputs and its progress. Plain JSON (YAML- and HCL-friendly): strings,
 * numbers, booleans, lists and maps only.
 */
export interface ApiWaitSpec {
  /** Where this JSON Schema lives, for editors (`./node_modules/opgate/schema/api-wait.schema.json`); opgate ignores it. */
  $schema?: string;
  /**
   * What the wait is for, for humans (`opgate api presets` shows it; each
   * preset names its API reference page here).
   * @maxLength 2048
   */
  description?: string;
  /**
   * The label of the wait: the Result's `operationId` and the progress lines.
   * May hold `{{name}}` placeholders. Default `<product>:<action>` (Alibaba)
   * or `<service>:GET <path>` (Huawei).
   * @minLength 1
   * @maxLength 512
   */
  id?: string;
  /** The request sent on every poll: only read calls (see docs/api-wait.md, "Only read calls"). */
  call: ApiCall;
  /**
   * JMESPath giving the raw status: a string (a number or boolean reads as
   * its text), or a list of them (the whole-set rule). Compared trimmed and
   * case-insensitively with the lists below. null, a missing value or `[]`
   * means not found (tolerated for the grace period, then ERROR).
   */
  status?: JmesPath;
  /** Raw statuses that mean the operation succeeded (a list status: every element, at least one). */
  success?: StatusList;
  /** Raw statuses that mean the operation failed (a list status: any element). */
  failure?: StatusList;
  /** Raw statuses that mean the operation was cancelled (a list status: any element, none failed). */
  cancelled?: StatusList;
  /** Raw statuses of an operation that has not started; the wait goes on. */
  pending?: StatusList;
  /** Raw statuses of an operation under way; the wait goes on. Any status in no list also reads as running, with a note. */
  running?: StatusList;
  /** Remarks shown in progress while a raw status is seen (raw status → remark), e.g. that a person must act. */
  notes?: StatusNotes;
  /**
   * Smithy waiter acceptors (`@waitable`), verbatim: checked first, in order,
   * the first match wins; then the lists above.
   * @maxItems 64
   */
  acceptors?: WaitAcceptor[];
  /** JMESPath giving the human reason: a string or a list of strings (joined with "; "); blank reads as null. */
  message?: JmesPath;
  /** What the Result keeps of the answer: output name → JMESPath (a missing value gives null). Nothing else of the answer is kept anywhere. */
  outputs?: OutputExpressions;
  /** Units done of total: feeds the progress line and the poll schedule's estimate of the end. */
  progress?: ProgressExpressions;
  /**
   * Error codes that mean "not (yet) known", besides `ResourceNotFound` and
   * `EntityNotExists.*`: tolerated for the grace period, then ERROR. A code
   * ending in `.*` also matches its dotted variants.
   * @maxItems 64
   */
  notFound?: ErrorCode[];
  /** The shortest pause between two polls, in seconds (Smithy's `minDelay`; opgate's default is 0.5). */
  minDelay?: DelaySeconds;
  /** The longest pause between two polls, in seconds (Smithy's `maxDelay`; opgate's default is 60). */
  maxDelay?: DelaySeconds;
}

/** The request of every poll: an Alibaba Cloud RPC or ROA call, or a Huawei Cloud REST call. */
export type ApiCall = AlibabaRpcCall | AlibabaRoaCall | HuaweiRestCall;

/** An Alibaba Cloud RPC-style call, signed with ACS3-HMAC-SHA256 (`POST /?<params>`, `x-acs-action`, `x-acs-version`). */
export interface AlibabaRpcCall {
  /** Alibaba Cloud. */
  cloud: "alibaba";
  /** The product code: part of the endpoint's host (`ecs` → `ecs.<region>.aliyuncs.com`) and of the rate-limit key. */
  product: HostLabel;
  /** The API version, e.g. `2014-05-26`. */
  version: ApiVersion;
  /** The API's name, e.g. `DescribeInstances`: it must start with Describe, Get, List or Query, unless `allowAction` repeats it. */
  action: ActionName;
  /**
   * The request parameters. `{{name}}` placeholders in string values are
   * filled; a value that is not a string is sent as its compact JSON text
   * (`InstanceIds=["i-1"]`). Names like signing fields are refused.
   */
  params?: ApiParameters;
  /** Allows one read API whose name has another verb: it must repeat `action` exactly. */
  allowAction?: ActionName;
}

/** An Alibaba Cloud ROA-style call: a GET of a path, signed with ACS3-HMAC-SHA256. */
export interface AlibabaRoaCall {
  /** Alibaba Cloud. */
  cloud: "alibaba";
  /** The product code: part of the endpoint's host and of the rate-limit key (`cs` for ACK). */
  product: HostLabel;
  /** The API version, e.g. `2015-12-15`. */
  version: ApiVersion;
  /** The API's name, sent as `x-acs-action`, e.g. `DescribeClusterDetail`. */
  action: ActionName;
  /** Only GET: a wait only reads. */
  method: "GET";
  /** The path, e.g. `/clusters/{{cluster_id}}`: a value filled in is one path segment. */
  path: ApiPath;
  /** The query parameters, as `params` of an RPC call. */
  query?: ApiParameters;
}

/** A Huawei Cloud REST call: a GET of a path, signed with SDK-HMAC-SHA256 or sent with an `X-Auth-Token`. */
export interface HuaweiRestCall {
  /** Huawei Cloud. */
  cloud: "huawei";
  /** The service: part of the endpoint's host (`ecs` → `ecs.<region>.myhuaweicloud.com`) and of the rate-limit key. */
  service: HostLabel;
  /** Only GET: a wait only reads. */
  method: "GET";
  /** The path with its version, e.g. `/v1/{{project_id}}/jobs/{{job_id}}`: a value filled in is one path segment. */
  path: ApiPath;
  /** The query parameters, as `params` of an Alibaba RPC call. */
  query?: ApiParameters;
}

/** Request parameters: name → value. */
export interface ApiParameters {
  /** A parameter by its name. */
  [name: string]: ParameterValue;
}

/** A parameter value: a string (placeholders filled), or any other JSON value, sent as its compact JSON text. */
export type ParameterValue = string | number | boolean | ParameterValue[] | { [key: string]: ParameterValue };

/**
 * A Smithy acceptor: when `matcher` matches an answer, the wait moves to
 * `state` (the first match wins).
 */
export interface WaitAcceptor {
  /** `success` (SUCCESS), `failure` (FAILURE) or `retry` (RUNNING: the wait goes on). */
  state: AcceptorState;
  /** When the acceptor matches. */
  matcher: AcceptorMatcher;
  /** JMESPath giving the reason (a string or a list of strings); only on `failure` acceptors. */
  message?: JmesPath;
}

/** Smithy's acceptor states. */
export type AcceptorState = "success" | "failure" | "retry";

/** Exactly one of Smithy's matchers. */
export type AcceptorMatcher = OutputMatcher | InputOutputMatcher | SuccessMatcher | ErrorTypeMatcher;

/** Matches a successful answer on a JMESPath of the answer. */
export interface OutputMatcher {
  /** The path, comparator and expected value. */
  output: PathMatcher;
}

/** Matches a successful answer on a JMESPath of `{ input, output }`: the call's parameters (after placeholders, before JSON text) and the answer. */
export interface InputOutputMatcher {
  /** The path, comparator and expected value. */
  inputOutput: PathMatcher;
}

/** `true` matches any successful answer; `false` matches any error answer of the API. */
export interface SuccessMatcher {
  /** Which kind of answer matches. */
  success: boolean;
}

/** Matches an error answer by its code; for `namespace#Name` only the name is compared. */
export interface ErrorTypeMatcher {
  /** The error code, e.g. `StackNotFound`. */
  errorType: ErrorCode;
}

/** A JMESPath result compared with an expected value. */
export interface PathMatcher {
  /** The JMESPath expression. */
  path: JmesPath;
  /** How the result is compared with `expected`. */
  comparator: PathComparator;
  /**
   * The expected value; `"true"` or `"false"` for `booleanEquals`.
   * @maxLength 1024
   */
  expected: string;
}

/**
 * Smithy's comparators: `stringEquals` (the result is that string),
 * `booleanEquals` (that boolean), `allStringEquals` (a list of at least one
 * element, each that string), `anyStringEquals` (a list with that string).
 */
export type PathComparator = "stringEquals" | "booleanEquals" | "allStringEquals" | "anyStringEquals";

/** Units done of total. */
export interface ProgressExpressions {
  /** JMESPath giving the units done (a number). */
  done: JmesPath;
  /** JMESPath giving the total (a number). */
  total: JmesPath;
  /**
   * The unit's name as shown, e.g. `%` or `sub-jobs` (plain text, not an expression).
   * @maxLength 32
   */
  unit?: string;
}

/** Output name → JMESPath. */
export interface OutputExpressions {
  /** An output by its name: the JMESPath of its value. */
  [name: string]: JmesPath;
}

/** Raw status → remark. */
export interface StatusNotes {
  /**
   * The remark shown while this raw status is seen.
   * @maxLength 512
   */
  [rawStatus: string]: string;
}

/**
 * Raw statuses, compared trimmed and case-insensitively.
 * @maxItems 256
 */
export type StatusList = RawStatus[];

/**
 * One raw status as the API gives it.
 * @minLength 1
 * @maxLength 256
 */
export type RawStatus = string;

/**
 * A standard JMESPath expression (jmespath.org; the functions of the
 * specification only). Expressions are constants of the spec: placeholders
 * are never filled into them.
 * @minLength 1
 * @maxLength 2048
 */
export type JmesPath = string;

/**
 * An error code as the API answers it; `namespace#Name` is matched by its name.
 * @pattern ^[^\s]+$
 * @maxLength 256
 */
export type ErrorCode = string;

/**
 * A DNS label: lower-case letters, digits and inner dashes.
 * @pattern ^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$
 */
export type HostLabel = string;

/**
 * An API version as Alibaba Cloud writes it (`2014-05-26`).
 * @pattern ^\d{4}-\d{2}-\d{2}$
 */
export type ApiVersion = string;

/**
 * An API name: letters and digits, starting with a capital.
 * @pattern ^[A-Z][A-Za-z0-9]*$
 * @maxLength 128
 */
export type ActionName = string;

/**
 * A request path starting with `/`; `{{name}}` placeholders are filled, each as one segment.
 * @pattern ^/
 * @maxLength 1024
 */
export type ApiPath = string;

/**
 * Seconds, a whole number from 1 to 3600.
 * @asType integer
 * @minimum 1
 * @maximum 3600
 */
export type DelaySeconds = number;

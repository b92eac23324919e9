/**
 * Properties of reading answers of an API wait, for all inputs:
 * - SUCCESS only when a success acceptor or the success list matched;
 * - an unknown raw status is never terminal;
 * - the list form equals the Smithy acceptors it stands for (desugared
 *   JMESPath predicates, the whole-set rule for a list status included);
 * - the four fixed services' status tables, written as the list form of a
 *   spec, read every raw status (any case, stray white space, unknown ones)
 *   as their providers do: one vocabulary.
 */
import fc from "fast-check";
import { ApiError } from "../../../src/core/errors";
import type { OperationState } from "../../../src/core/result";
import { BCS_STATUS } from "../../../providers/bcs/parse";
import { BPSTUDIO_STATUS } from "../../../providers/bpstudio/parse";
import { EMR_STATUS, readEmrState } from "../../../providers/emr/parse";
import { OOS_RESOURCE_STATUS } from "../../../providers/oos/parse";
import type { StatusTable, StatusVocabulary } from "../../../providers/shared/status-table";
import type { ApiWaitSpec, WaitAcceptor } from "../../../providers/api/spec";
import { prepared, rpcSpec } from "./support";
import type { Snapshot } from "../../../src/core/result";

const RUNS = { numRuns: 300 };
const NEVER = new AbortController().signal;

/** Reads `answer` with a spec prepared once (JMESPath compiled once per spec, as a wait does). */
function reader(spec: ApiWaitSpec): (answer: unknown) => Promise<Snapshot | "not found"> {
  const wait = prepared(spec);
  return (answer) =>
    wait.poll({ call: async () => answer }, NEVER).catch((err: unknown) => {
      if (err instanceof ApiError && err.kind === "notFound") return "not found" as const;
      throw err;
    });
}

/** Words of letters only: JMESPath raw strings need no escaping, and no word equals another case-insensitively by accident below. */
const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);

/** Disjoint success / failure / pending / running lists (compared case-insensitively), and words in none. */
const vocabularyArb = fc
  .uniqueArray(word, { minLength: 2, maxLength: 12, selector: (w) => w.toLowerCase() })
  .chain((words) =>
    fc.record({
      lists: fc.array(fc.constantFrom("success", "failure", "pending", "running", "none"), { minLength: words.length, maxLength: words.length }),
      words: fc.constant(words),
    }),
  )
  .map(({ lists, words }) => {
    const of = (list: string) => words.filter((_, i) => lists[i] === list);
    return { success: of("success"), failure: of("failure"), pending: of("pending"), running: of("running"), unknown: of("none") };
  })
  .filter((v) => v.success.length > 0);

type Vocabulary = { success: string[]; failure: string[]; pending: string[]; running: string[]; unknown: string[] };

function listSpec(v: Vocabulary): ApiWaitSpec {
  return rpcSpec({ status: "s", success: v.success, failure: v.failure, pending: v.pending, running: v.running });
}

/** A raw JMESPath list literal of words: `['a','b']`. */
function literal(words: string[]): string {
  return `[${words.map((w) => `'${w}'`).join(",")}]`;
}

/**
 * The list form written as Smithy acceptors, by hand: a scalar status
 * compares with `contains`, a list status by the whole-set rule (any failed;
 * at least one and all succeeded).
 */
function desugared(v: Vocabulary): ApiWaitSpec {
  const acceptors: WaitAcceptor[] = [
    { state: "failure", matcher: { output: { path: `type(s) == 'array' && length(s[?contains(${literal(v.failure)}, @)]) > \`0\``, comparator: "booleanEquals", expected: "true" } } },
    { state: "failure", matcher: { output: { path: `type(s) == 'string' && contains(${literal(v.failure)}, s)`, comparator: "booleanEquals", expected: "true" } } },
    { state: "success", matcher: { output: { path: `type(s) == 'array' && length(s) > \`0\` && length(s[?!contains(${literal(v.success)}, @)]) == \`0\``, comparator: "booleanEquals", expected: "true" } } },
    { state: "success", matcher: { output: { path: `type(s) == 'string' && contains(${literal(v.success)}, s)`, comparator: "booleanEquals", expected: "true" } } },
  ];
  return rpcSpec({ acceptors });
}

/** SUCCESS / FAILURE as they are; any other state is Smithy's retry. */
function smithyState(state: OperationState | "not found"): string {
  return state === "SUCCESS" || state === "FAILURE" ? state : "retry";
}

const stateOf = (read: Snapshot | "not found") => (read === "not found" ? read : read.state);

test("the list form equals the Smithy acceptors it stands for, the whole-set rule included", async () => {
  await fc.assert(
    fc.asyncProperty(
      vocabularyArb.chain((v) => {
        const any = fc.constantFrom(...v.success, ...v.failure, ...v.pending, ...v.running, ...v.unknown);
        return fc.tuple(fc.constant(v), fc.oneof(any, fc.array(any, { minLength: 1, maxLength: 6 })));
      }),
      async ([v, status]) => {
        const byList = stateOf(await reader(listSpec(v))({ s: status }));
        const byAcceptors = stateOf(await reader(desugared(v))({ s: status }));
        expect(smithyState(byList)).toBe(smithyState(byAcceptors));
      },
    ),
    RUNS,
  );
});

test("SUCCESS only when a success acceptor or the success list matched; an unknown status is never terminal", async () => {
  await fc.assert(
    fc.asyncProperty(
      vocabularyArb.chain((v) => fc.tuple(fc.constant(v), fc.oneof(fc.constantFrom(...v.unknown, "Zz"), fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()))),
      async ([v, status]) => {
        const known = [...v.success, ...v.failure, ...v.pending, ...v.running].map((w) => w.toLowerCase());
        const read = await reader(listSpec(v))({ s: status });
        const state = stateOf(read);
        const text = String(status).trim().toLowerCase();
        if (state === "SUCCESS") expect(v.success.map((w) => w.toLowerCase())).toContain(text);
        if (!known.includes(text)) expect(["RUNNING", "not found"]).toContain(state);
      },
    ),
    RUNS,
  );
});

/** A raw status of `vocabulary` in any case with stray white space, or anything else. */
function rawStatusOf(vocabulary: StatusVocabulary): fc.Arbitrary<string> {
  const documented = Object.values(vocabulary).flat();
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...documented), fc.constantFrom("same", "lower", "upper"), fc.constantFrom("", " ", "\t")).map(([s, c, pad]) => pad + (c === "lower" ? s.toLowerCase() : c === "upper" ? s.toUpperCase() : s) + pad) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  );
}

/** A spec whose lists are `vocabulary`. */
function specOf(vocabulary: StatusVocabulary, notes: Record<string, string> = {}): ApiWaitSpec {
  const { SUCCESS = [], FAILURE = [], CANCELLED = [], PENDING = [], RUNNING = [] } = vocabulary;
  return rpcSpec({ status: "s", success: [...SUCCESS], failure: [...FAILURE], cancelled: [...CANCELLED], pending: [...PENDING], running: [...RUNNING], notes });
}

describe.each<[string, StatusTable]>([
  ["BPStudio", BPSTUDIO_STATUS],
  ["BCS", BCS_STATUS],
  ["OOS resource", OOS_RESOURCE_STATUS],
])("the %s status table as the list form of a spec", (_, table) => {
  test("reads every raw status as the provider does", async () => {
    const read = reader(specOf(table.vocabulary));
    await fc.assert(
      fc.asyncProperty(rawStatusOf(table.vocabulary), async (raw) => {
        const expected = raw.trim() === "" ? "not a status" : table.read(raw).state;
        if (expected !== "not a status") expect(stateOf(await read({ s: raw }))).toBe(expected);
      }),
      RUNS,
    );
  });

  test("reads every non-empty set of raw statuses by the whole-set rule, as OOS reads its resources", async () => {
    const read = reader(specOf(table.vocabulary));
    await fc.assert(
      fc.asyncProperty(fc.array(rawStatusOf(table.vocabulary), { minLength: 1, maxLength: 8 }), async (raws) => {
        expect(stateOf(await read({ s: raws }))).toBe(table.readSet(raws.map((raw) => raw.trim())).state);
      }),
      RUNS,
    );
  });
});

describe.each([false, true])("the EMR status table (allowPartial %s) as the list form of a spec", (allowPartial) => {
  test("reads every raw status as the provider does, HUMAN_PROCESSING's note included", async () => {
    const human = "someone must act in the EMR console";
    const vocabulary: StatusVocabulary = {
      ...EMR_STATUS.vocabulary,
      SUCCESS: [...(EMR_STATUS.vocabulary.SUCCESS ?? []), ...(allowPartial ? ["PARTIAL_COMPLETED"] : [])],
      FAILURE: [...(EMR_STATUS.vocabulary.FAILURE ?? []), ...(allowPartial ? [] : ["PARTIAL_COMPLETED"])],
    };
    const read = reader(specOf(vocabulary, { HUMAN_PROCESSING: human }));
    await fc.assert(
      fc.asyncProperty(rawStatusOf(vocabulary), async (raw) => {
        if (raw.trim() === "") return;
        const expected = readEmrState(raw.trim(), allowPartial);
        const snapshot = await read({ s: raw });
        expect(stateOf(snapshot)).toBe(expected.state);
        if (raw.trim().toLowerCase() === "human_processing") expect((snapshot as Snapshot).note).toContain(human);
      }),
      RUNS,
    );
  });
});

// SNS filter policies (aws-behaviour 13.16-13.18): a table of policies × attribute sets for each operator and edge
// case, and the problems a policy the model refuses gets, each naming the key and the rule.
import { describe, expect, it } from "vitest";
import { type PolicyProblem, compileFilterPolicy } from "../../src/sns/filter-policy.js";
import { type AttributeValue } from "../../src/sns/message-attributes.js";

const S = (value: string): AttributeValue => ({ type: "String", value });
const N = (value: number): AttributeValue => ({ type: "Number", value });
const A = (...value: (string | number)[]): AttributeValue => ({ type: "String.Array", value });
const B: AttributeValue = { type: "Binary", byteLength: 8 };
const attrs = (o: Record<string, AttributeValue>) => new Map(Object.entries(o));

function matcher(policy: unknown) {
  const compiled = compileFilterPolicy(policy);
  if (!compiled.ok) throw new Error(`refused: ${JSON.stringify(compiled.problems)}`);
  return compiled.matches;
}

function problems(policy: unknown): PolicyProblem[] {
  const compiled = compileFilterPolicy(policy);
  if (compiled.ok) throw new Error("accepted");
  return [...compiled.problems];
}

type Row = [name: string, policy: unknown, attributes: Record<string, AttributeValue>, matches: boolean];

const ROWS: Row[] = [
  // exact string (13.17), case-sensitive (13.18)
  ["exact string", { eventType: ["order_placed"] }, { eventType: S("order_placed") }, true],
  ["exact string, other value", { eventType: ["order_placed"] }, { eventType: S("order_updated") }, false],
  ["exact string is case-sensitive", { eventType: ["order_placed"] }, { eventType: S("Order_Placed") }, false],
  ["OR within a key", { eventType: ["a", "b", "c"] }, { eventType: S("b") }, true],
  ["missing attribute", { eventType: ["order_placed"] }, {}, false],
  ["other attribute only", { eventType: ["order_placed"] }, { store: S("order_placed") }, false],
  // types: a string condition never matches a Number, nor a number condition a String
  ["string condition, Number attribute", { price: ["100"] }, { price: N(100) }, false],
  ["number condition, String attribute", { price: [100] }, { price: S("100") }, false],
  ["exact number", { price: [100] }, { price: N(100) }, true],
  ["exact number, 100 vs 100.0", { price: [100.0] }, { price: N(100) }, true],
  ["exact number, other", { price: [100] }, { price: N(101) }, false],
  // String.Array: any element (13.16)
  ["String.Array, one element matches", { sport: ["rugby"] }, { sport: A("soccer", "rugby") }, true],
  ["String.Array, none matches", { sport: ["rugby"] }, { sport: A("soccer", "hockey") }, false],
  ["String.Array, empty", { sport: ["rugby"] }, { sport: A() }, false],
  ["String.Array, number element", { n: [{ numeric: [">", 5] }] }, { n: A("x", 7) }, true],
  // Binary is ignored (13.16): it counts as missing
  ["Binary attribute is ignored", { blob: [{ exists: true }] }, { blob: B }, false],
  ["Binary attribute, exists false", { blob: [{ exists: false }] }, { blob: B }, true],
  // AND across keys
  ["AND, both match", { eventType: ["order_placed"], store: ["web"] }, { eventType: S("order_placed"), store: S("web") }, true],
  ["AND, one fails", { eventType: ["order_placed"], store: ["web"] }, { eventType: S("order_placed"), store: S("app") }, false],
  ["AND, one missing", { eventType: ["order_placed"], store: ["web"] }, { eventType: S("order_placed") }, false],
  // anything-but
  ["anything-but list, other value", { eventType: [{ "anything-but": ["order_updated"] }] }, { eventType: S("order_placed") }, true],
  ["anything-but list, listed value", { eventType: [{ "anything-but": ["order_updated"] }] }, { eventType: S("order_updated") }, false],
  ["anything-but single value", { eventType: [{ "anything-but": "order_updated" }] }, { eventType: S("order_updated") }, false],
  ["anything-but, missing attribute", { eventType: [{ "anything-but": ["order_updated"] }] }, {}, false],
  ["anything-but, String.Array with another element", { e: [{ "anything-but": ["a"] }] }, { e: A("a", "b") }, true],
  ["anything-but, String.Array of listed values only", { e: [{ "anything-but": ["a", "b"] }] }, { e: A("a", "b") }, false],
  ["anything-but numbers, other number", { price: [{ "anything-but": [100, 500] }] }, { price: N(200) }, true],
  ["anything-but numbers, listed number", { price: [{ "anything-but": [100, 500] }] }, { price: N(500) }, false],
  ["anything-but numbers, a String attribute", { price: [{ "anything-but": [100] }] }, { price: S("abc") }, false],
  ["anything-but strings, a Number attribute", { price: [{ "anything-but": ["abc"] }] }, { price: N(1) }, false],
  ["anything-but prefix, other prefix", { e: [{ "anything-but": { prefix: "order_" } }] }, { e: S("user_created") }, true],
  ["anything-but prefix, the prefix", { e: [{ "anything-but": { prefix: "order_" } }] }, { e: S("order_placed") }, false],
  ["anything-but suffix, other suffix", { e: [{ "anything-but": { suffix: "_placed" } }] }, { e: S("order_updated") }, true],
  ["anything-but suffix, the suffix", { e: [{ "anything-but": { suffix: "_placed" } }] }, { e: S("order_placed") }, false],
  // prefix, suffix, equals-ignore-case
  ["prefix", { e: [{ prefix: "order_" }] }, { e: S("order_placed") }, true],
  ["prefix, no", { e: [{ prefix: "order_" }] }, { e: S("user_order_") }, false],
  ["prefix, Number attribute", { e: [{ prefix: "1" }] }, { e: N(12) }, false],
  ["suffix", { e: [{ suffix: "_placed" }] }, { e: S("order_placed") }, true],
  ["suffix, no", { e: [{ suffix: "_placed" }] }, { e: S("placed_order") }, false],
  ["equals-ignore-case", { e: [{ "equals-ignore-case": "Order_PLACED" }] }, { e: S("order_placed") }, true],
  ["equals-ignore-case, other text", { e: [{ "equals-ignore-case": "order_placed" }] }, { e: S("order_placeD!") }, false],
  ["equals-ignore-case, non-ASCII", { e: [{ "equals-ignore-case": "ÉTÉ" }] }, { e: S("été") }, true],
  // numeric
  ["numeric =", { n: [{ numeric: ["=", 5] }] }, { n: N(5) }, true],
  ["numeric =, other", { n: [{ numeric: ["=", 5] }] }, { n: N(5.00001) }, false],
  ["numeric >, equal", { n: [{ numeric: [">", 5] }] }, { n: N(5) }, false],
  ["numeric >=, equal", { n: [{ numeric: [">=", 5] }] }, { n: N(5) }, true],
  ["numeric <, equal", { n: [{ numeric: ["<", 5] }] }, { n: N(5) }, false],
  ["numeric <=, equal", { n: [{ numeric: ["<=", 5] }] }, { n: N(5) }, true],
  ["numeric <, below", { n: [{ numeric: ["<", 5] }] }, { n: N(-1e9) }, true],
  ["numeric range (0, 5], at 0", { n: [{ numeric: [">", 0, "<=", 5] }] }, { n: N(0) }, false],
  ["numeric range (0, 5], inside", { n: [{ numeric: [">", 0, "<=", 5] }] }, { n: N(0.5) }, true],
  ["numeric range (0, 5], at 5", { n: [{ numeric: [">", 0, "<=", 5] }] }, { n: N(5) }, true],
  ["numeric range [0, 5), at 5", { n: [{ numeric: [">=", 0, "<", 5] }] }, { n: N(5) }, false],
  ["numeric, String attribute", { n: [{ numeric: [">", 0] }] }, { n: S("7") }, false],
  ["numeric, missing", { n: [{ numeric: [">", 0] }] }, {}, false],
  // exists
  ["exists true, present", { e: [{ exists: true }] }, { e: S("x") }, true],
  ["exists true, missing", { e: [{ exists: true }] }, {}, false],
  // "exists": false only matches if at least one attribute is present; an empty set of attributes does not match.
  ["exists false, missing, another attribute present", { e: [{ exists: false }] }, { other: S("x") }, true],
  ["exists false, no attributes at all", { e: [{ exists: false }] }, {}, false],
  ["exists true, an empty String", { e: [{ exists: true }] }, { e: S("") }, false],
  ["exists true, an empty String.Array", { e: [{ exists: true }] }, { e: A() }, false],
  ["exists false, present", { e: [{ exists: false }] }, { e: S("x") }, false],
  ["exists false OR a value, the value", { e: ["a", { exists: false }] }, { e: S("a") }, true],
  ["exists false OR a value, another", { e: ["a", { exists: false }] }, { e: S("b") }, false],
  ["exists false OR a value, missing", { e: ["a", { exists: false }] }, { other: S("x") }, true],
  ["exists false OR a value, no attributes at all", { e: ["a", { exists: false }] }, {}, false],
  // $or
  ["$or, first branch", { $or: [{ e: ["a"] }, { n: [{ numeric: [">", 100] }] }] }, { e: S("a") }, true],
  ["$or, second branch", { $or: [{ e: ["a"] }, { n: [{ numeric: [">", 100] }] }] }, { n: N(101) }, true],
  ["$or, neither", { $or: [{ e: ["a"] }, { n: [{ numeric: [">", 100] }] }] }, { e: S("b"), n: N(1) }, false],
  ["$or AND a key, key fails", { s: ["web"], $or: [{ e: ["a"] }, { e: ["b"] }] }, { s: S("app"), e: S("a") }, false],
  ["$or AND a key, both hold", { s: ["web"], $or: [{ e: ["a"] }, { e: ["b"] }] }, { s: S("web"), e: S("b") }, true],
  ["nested $or", { $or: [{ e: ["a"] }, { $or: [{ f: ["x"] }, { g: ["y"] }] }] }, { g: S("y") }, true],
  // the empty policy matches everything
  ["empty policy", {}, {}, true],
];

describe("filter policy matching (aws-behaviour 13.16-13.17)", () => {
  it.each(ROWS)("%s", (_name, policy, attributes, expected) => {
    expect(matcher(policy)(attrs(attributes))).toBe(expected);
  });

  it("the issue's two policies, over its three event types", () => {
    const analytics = matcher({ eventType: ["order_placed"] });
    const email = matcher({ eventType: [{ "anything-but": ["order_updated"] }] });
    const got = ["order_placed", "order_updated", "order_cancelled"].map((e) => [analytics(attrs({ eventType: S(e) })), email(attrs({ eventType: S(e) }))]);
    expect(got).toEqual([
      [true, true],
      [false, false],
      [false, true],
    ]);
  });

  it("reports the keys and combinations of an accepted policy", () => {
    const compiled = compileFilterPolicy({ s: ["a", "b"], $or: [{ m: ["1", "2"] }, { t: ["x"], $or: [{ i: [1, 2] }, { p: [1, 2, 3] }] }] });
    expect(compiled.ok && { keys: compiled.keys, combinations: compiled.combinations }).toEqual({
      keys: ["s", "m", "t", "i", "p"],
      combinations: 2 * (2 + 1 * (2 + 3)),
    });
  });
});

describe("filter policy limits and refusals (aws-behaviour 13.17-13.18)", () => {
  it("takes 5 keys and refuses 6, naming them", () => {
    const five = Object.fromEntries(["a", "b", "c", "d", "e"].map((k) => [k, ["x"]]));
    expect(compileFilterPolicy(five).ok).toBe(true);
    expect(problems({ ...five, f: ["x"] })).toEqual([
      { path: [], message: 'has 6 keys ("a", "b", "c", "d", "e", "f"); a filter policy takes at most 5 (aws-behaviour 13.18)' },
    ]);
  });

  it("counts the keys of $or branches", () => {
    expect(
      problems({
        a: ["x"],
        b: ["x"],
        $or: [
          { c: ["x"], d: ["x"] },
          { e: ["x"], f: ["x"] },
        ],
      })[0]!.message,
    ).toMatch(/^has 6 keys/);
  });

  it("takes 150 combinations and refuses 151", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(compileFilterPolicy({ a: values(10), b: values(15) }).ok).toBe(true);
    expect(problems({ a: values(151) })).toEqual([
      { path: [], message: "has 151 combinations (the number of values per key multiplied, $or branches added); at most 150 (aws-behaviour 13.18)" },
    ]);
    expect(problems({ a: values(2), b: values(76) })[0]!.message).toMatch(/^has 152 combinations/);
  });

  it("sums $or branches into the combinations", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(compileFilterPolicy({ a: values(2), $or: [{ b: values(50) }, { c: values(25) }] }).ok).toBe(true);
    expect(problems({ a: values(2), $or: [{ b: values(50) }, { c: values(26) }] })[0]!.message).toMatch(/^has 152 combinations/);
  });

  const REFUSED: [name: string, policy: unknown, path: (string | number)[], message: RegExp | string][] = [
    ["not a mapping", ["order_placed"], [], /^must be a mapping of attribute names/],
    ["a bare value", { eventType: "order_placed" }, ["eventType"], "must be a list of conditions, e.g. [order_placed]"],
    [
      "a nested policy",
      { order: { eventType: ["x"] } },
      ["order"],
      /nested policy is not accepted when filtering on message attributes \(aws-behaviour 13\.16\)/,
    ],
    ["an empty list", { eventType: [] }, ["eventType"], "needs at least one condition"],
    ["true", { flag: [true] }, ["flag", 0], 'true as a value is not modelled; quote it ("true") to match the text'],
    ["null", { flag: ["a", null] }, ["flag", 1], 'null as a value is not modelled; quote it ("null") to match the text'],
    ["a list in a list", { e: [["a"]] }, ["e", 0], /cannot be a list/],
    ["two operators in one mapping", { e: [{ prefix: "a", suffix: "b" }] }, ["e", 0], /got 2 keys/],
    [
      "an unknown operator",
      { e: [{ startsWith: "a" }] },
      ["e", 0],
      'unknown operator "startsWith"; known: anything-but, prefix, suffix, equals-ignore-case, numeric, exists',
    ],
    ["cidr", { ip: [{ cidr: "10.0.0.0/24" }] }, ["ip", 0], "IP address (cidr) matching is not modelled"],
    ["wildcard", { e: [{ wildcard: "order_*" }] }, ["e", 0], "wildcard matching is not modelled"],
    ["prefix of a number", { e: [{ prefix: 5 }] }, ["e", 0], "prefix takes text, e.g. { prefix: order_ }; got 5"],
    ["suffix of a list", { e: [{ suffix: ["a"] }] }, ["e", 0], "suffix takes text, e.g. { suffix: order_ }; got a list"],
    ["equals-ignore-case of null", { e: [{ "equals-ignore-case": null }] }, ["e", 0], /^equals-ignore-case takes text.*got null$/],
    ["exists of text", { e: [{ exists: "yes" }] }, ["e", 0], 'exists takes true or false; got "yes"'],
    ["anything-but of nothing", { e: [{ "anything-but": [] }] }, ["e", 0], "anything-but needs at least one value"],
    ["anything-but of true", { e: [{ "anything-but": [true] }] }, ["e", 0], "anything-but takes text or numbers; got true"],
    ["anything-but of a wildcard", { e: [{ "anything-but": { wildcard: "a*" } }] }, ["e", 0], /^anything-but takes a value, a list of values/],
    ["anything-but prefix of a number", { e: [{ "anything-but": { prefix: 1 } }] }, ["e", 0], "anything-but's prefix takes text; got 1"],
    ["numeric without a list", { n: [{ numeric: 5 }] }, ["n", 0], /^numeric takes \["=", 5\]/],
    ["numeric with three entries", { n: [{ numeric: [">", 1, "<"] }] }, ["n", 0], /^numeric takes/],
    ["numeric with an unknown comparison", { n: [{ numeric: ["!=", 1] }] }, ["n", 0], /"!=" is not one of =, <, <=, >, >=$/],
    ["numeric with text for a number", { n: [{ numeric: [">", "5"] }] }, ["n", 0], /"5" is not a number$/],
    ["numeric range upside down", { n: [{ numeric: ["<", 5, ">", 0] }] }, ["n", 0], /^a numeric range is a lower bound/],
    ["numeric range empty", { n: [{ numeric: [">", 5, "<", 5] }] }, ["n", 0], "a numeric range's lower bound (5) must be below its upper bound (5)"],
    ["numeric = in a range", { n: [{ numeric: ["=", 5, "<", 6] }] }, ["n", 0], /^a numeric range is a lower bound/],
    ["a number beyond 1e9", { n: [1e9 + 1] }, ["n", 0], "1000000001 is outside -1e9 to 1e9, the range SNS compares (aws-behaviour 13.18)"],
    ["a numeric bound beyond -1e9", { n: [{ numeric: [">", -2e9] }] }, ["n", 0], /^numeric: -2000000000 is outside/],
    ["anything-but of a number beyond 1e9", { n: [{ "anything-but": [2e9] }] }, ["n", 0], /^anything-but: 2000000000 is outside/],
    ["$or of one policy", { $or: [{ e: ["a"] }] }, ["$or"], /^must be a list of at least two policies/],
    ["$or of values", { $or: ["a", "b"] }, ["$or"], /^must be a list of at least two policies/],
    ["a problem inside $or", { $or: [{ e: ["a"] }, { f: [{ prefix: 1 }] }] }, ["$or", 1, "f", 0], /^prefix takes text/],
  ];

  it.each(REFUSED)("refuses %s, naming where", (_name, policy, path, message) => {
    const found = problems(policy);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(path);
    if (typeof message === "string") expect(found[0]!.message).toBe(message);
    else expect(found[0]!.message).toMatch(message);
  });

  it("reports every problem, not only the first", () => {
    expect(problems({ a: [{ prefix: 1 }], b: [], c: ["ok", { exists: 1 }] }).map((p) => p.path)).toEqual([["a", 0], ["b"], ["c", 1]]);
  });

  it("refuses payload filtering (scope MessageBody) as not modelled", () => {
    const compiled = compileFilterPolicy({ e: ["a"] }, "MessageBody");
    expect(compiled.ok ? [] : compiled.problems).toEqual([
      { path: [], message: "payload filtering (filterPolicyScope MessageBody) is not modelled; filter on message attributes" },
    ]);
  });
});

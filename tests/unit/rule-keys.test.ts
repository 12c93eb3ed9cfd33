// Each rule a request can break is named by its own key (api-rule-*), for each field, in both the
// admin API and the admin pages.
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { SlaBody, SpecialistBody, UnitBody } from "../../workers/admin-bodies.ts";
import { ruleKeys } from "../../workers/rule-keys.ts";

const unit = { id: "haikou", nameZh: "海口市", nameEn: "Haikou", kind: "city" };
const sla = { firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 7 };

function keysOf(schema: v.GenericSchema, input: unknown) {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) throw new Error("expected a refusal");
  return ruleKeys(parsed.issues);
}

describe("ruleKeys", () => {
  it("passes what is valid", () => {
    expect(v.safeParse(UnitBody, unit).success).toBe(true);
    expect(v.safeParse(SlaBody, sla).success).toBe(true);
  });

  it.each([
    ["a missing field", UnitBody, { ...unit, id: undefined }, "id", "required"],
    ["a string where a number belongs", UnitBody, { ...unit, noticeChatId: "12" }, "noticeChatId", "invalid_type"],
    ["a fraction where a whole number belongs", SlaBody, { ...sla, resolutionWorkingDays: 1.5 }, "resolutionWorkingDays", "invalid_type"],
    ["an empty text", UnitBody, { ...unit, nameZh: "" }, "nameZh", "too_small"],
    ["a number under its minimum", SlaBody, { ...sla, firstResponseWorkingDays: 0 }, "firstResponseWorkingDays", "too_small"],
    ["a text over its maximum", UnitBody, { ...unit, nameEn: "x".repeat(151) }, "nameEn", "too_big"],
    ["a number over its maximum", SlaBody, { ...sla, firstResponseHours: 73 }, "firstResponseHours", "too_big"],
    ["a value outside the list", UnitBody, { ...unit, kind: "province" }, "kind", "invalid_value"],
    ["a bad slug (a custom rule named in its message)", SpecialistBody, { id: "A", name: "王", unitId: "haikou", role: "specialist" }, "id", "slug"],
    ["a wrong type for a boolean", SpecialistBody, { id: "wang", name: "王", unitId: "haikou", role: "specialist", reactivate: "yes" }, "reactivate", "invalid_type"],
  ] as const)("%s", (_what, schema, input, field, rule) => {
    expect(keysOf(schema, input)).toEqual([{ field, key: `api-rule-${rule}` }]);
  });

  it("names a field left out as required", () => {
    const { nameEn: _left, ...rest } = unit;
    expect(keysOf(UnitBody, rest)).toEqual([{ field: "nameEn", key: "api-rule-required" }]);
  });

  it("names the body when the whole input is of the wrong type", () => {
    expect(keysOf(UnitBody, "not an object")).toEqual([{ field: "body", key: "api-rule-invalid_type" }]);
  });
});

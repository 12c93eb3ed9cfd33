// /help answers each role with its own commands: an investor the filing commands, staff theirs
// (a specialist's used to list only the investor's).
import { describe, expect, it } from "vitest";
import { joinedSpecialist } from "./support/admin.ts";
import { registeredInvestor } from "./support/flows.ts";

describe("/help per role", () => {
  it.each([
    ["specialist", "企业服务专员", ["/mine", "/record", "/duty on", "/deputy", "/case", "/web"], ["/appointment", "签发"]],
    ["unit_head", "单位负责人", ["/mine", "/record", "/case", "/web", "整改情况"], ["/appointment"]],
    ["bizenv", "营商环境建设部门", ["/record", "/case", "/web", "签发"], ["/appointment", "/mine"]],
    ["admin", "管理员", ["/case", "/web", "节假日"], ["/appointment", "/record", "/mine"]],
  ] as const)("a %s gets their own commands", async (role, title, has, hasNot) => {
    const staff = await joinedSpecialist({ role });
    const said = (await staff.chat.send("/help")).join("\n");
    expect(said).toContain(title);
    for (const text of has) expect(said).toContain(text);
    for (const text of hasNot) expect(said).not.toContain(text);
  });

  it("an investor gets the filing commands, not the staff's", async () => {
    const { chat } = await registeredInvestor("en");
    const said = (await chat.send("/help")).join("\n");
    expect(said).toContain("/appointment");
    expect(said).toContain("/status");
    expect(said).not.toContain("/record");
    expect(said).not.toContain("/mine");
  });
});

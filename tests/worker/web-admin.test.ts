// The admin pages of the supervisors' web: administrators only, each change audited with the
// admin's id, bad input named in both languages and kept in the form.
import { describe, expect, it } from "vitest";
import { joinedSpecialist, slugId } from "./support/admin.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { csrfOf, get, post, signIn } from "./support/web.ts";

async function signedInAdmin() {
  const admin = await joinedSpecialist({ role: "admin" });
  return { ...admin, cookie: await signIn(admin.chat) };
}

const audits = (actor: string, action: string) => rows<{ target: string; data: string }>("SELECT target, data FROM audit_events WHERE actor = ? AND action = ? ORDER BY id", [actor, action]);

describe("the admin pages", () => {
  it("are for administrators only; the nav shows them to administrators only", async () => {
    const specialist = await joinedSpecialist({ role: "bizenv" });
    const cookie = await signIn(specialist.chat);
    for (const path of ["/web/admin", "/web/admin/specialists", "/web/admin/calendar", "/web/admin/sla", "/web/admin/firms", "/web/admin/audit"]) {
      expect((await get(path, cookie)).status, path).toBe(403);
    }
    expect((await post("/web/admin/sla/policy", { firstResponseWorkingDays: "1", resolutionWorkingDays: "1" }, undefined, cookie)).status).toBe(403);
    expect(await (await get("/web/cases", cookie)).text()).not.toContain('href="/web/admin"');
    const admin = await signedInAdmin();
    expect(await (await get("/web/cases", admin.cookie)).text()).toContain('href="/web/admin"');
    expect((await get("/web/admin/specialists", admin.cookie)).status).toBe(200);
    expect((await get("/web/admin/specialists")).status).toBe(401);
  });

  it("invite a specialist once (code shown once, stored hashed), audited with the admin's id; a bad id is named in both languages", async () => {
    const admin = await signedInAdmin();
    const bad = await post("/web/admin/specialists", { id: "Bad Id", name: "王专员", unitId: admin.unitId, role: "specialist" }, undefined, admin.cookie);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("“编号”无效：应为 2–40 位小写字母、数字或 - / “Id” is not valid: must be 2–40 lower-case letters, digits or -");
    expect(badPage).toContain('value="王专员"');

    const id = slugId("sp");
    const made = await post("/web/admin/specialists", { id, name: "王专员", unitId: admin.unitId, role: "specialist", areaCode: "" }, undefined, admin.cookie);
    expect(made.status).toBe(200);
    const code = /邀请码：([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(await made.text())![1]!;
    const [stored] = await rows<{ invite_code_hash: string; active: number }>("SELECT invite_code_hash, active FROM specialists WHERE id = ?", [id]);
    expect(stored!.invite_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.invite_code_hash).not.toContain(code.replaceAll("-", ""));
    expect((await audits(`web:${admin.id}`, "specialist.invite")).map((a) => a.target)).toEqual([id]);
    // The audit trail page lists it, newest first.
    const trail = await (await get("/web/admin/audit", admin.cookie)).text();
    expect(trail).toMatch(new RegExp(`<td>web:${admin.id}</td><td>specialist\\.invite</td><td>${id}</td>`));
  });

  it("deactivate a specialist, which ends their session at once; an admin cannot deactivate themselves", async () => {
    const admin = await signedInAdmin();
    const other = await joinedSpecialist({ unitId: admin.unitId });
    const theirs = await signIn(other.chat);
    expect((await get("/web/cases", theirs)).status).toBe(200);
    const done = await post(`/web/admin/specialists/${other.id}/deactivate`, {}, undefined, admin.cookie);
    expect([done.status, done.headers.get("location")]).toEqual([303, "/web/admin/specialists?done=deactivated"]);
    expect((await get("/web/cases", theirs)).status).toBe(401);
    expect(await rows("SELECT active, on_duty FROM specialists WHERE id = ?", [other.id])).toEqual([{ active: 0, on_duty: 0 }]);
    expect((await audits(`web:${admin.id}`, "specialist.deactivate")).map((a) => a.target)).toEqual([other.id]);

    const self = await post(`/web/admin/specialists/${admin.id}/deactivate`, {}, undefined, admin.cookie);
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("不能停用自己");
    expect((await post(`/web/admin/specialists/sp-nobody/deactivate`, {}, undefined, admin.cookie)).status).toBe(404);
  });

  it("assign a firm to a specialist; an unknown firm is refused and nothing changes", async () => {
    const admin = await signedInAdmin();
    const { uscc } = await registeredInvestor("zh");
    const specialist = await joinedSpecialist({ unitId: admin.unitId });
    const done = await post("/web/admin/firms", { uscc: uscc.toLowerCase(), specialistId: specialist.id }, undefined, admin.cookie);
    expect(done.status).toBe(303);
    expect(await rows("SELECT specialist_id FROM firms WHERE uscc = ?", [uscc])).toEqual([{ specialist_id: specialist.id }]);
    expect((await audits(`web:${admin.id}`, "firm.assign")).map((a) => a.target)).toEqual([uscc]);
    const unknown = await post("/web/admin/firms", { uscc: "91460000MA5TXXXXX1", specialistId: specialist.id }, undefined, admin.cookie);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("没有该企业，或该专员未在岗");
  });

  it("save SLA targets for new cases; an out-of-range value is named and nothing is saved", async () => {
    const admin = await signedInAdmin();
    // The same values as stored (other test files share the database and its deadlines).
    const [policy] = await rows<{ first_response_working_days: number; first_response_hours: number | null; resolution_working_days: number }>(
      "SELECT first_response_working_days, first_response_hours, resolution_working_days FROM sla_policies WHERE kind = 'policy'",
    );
    const bad = await post("/web/admin/sla/policy", { firstResponseWorkingDays: "0", firstResponseHours: "", resolutionWorkingDays: "5" }, undefined, admin.cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("“首次响应（工作日）”无效：太短或太小");
    expect(await audits(`web:${admin.id}`, "sla.update")).toEqual([]);
    const saved = await post(
      "/web/admin/sla/policy",
      { firstResponseWorkingDays: String(policy!.first_response_working_days), firstResponseHours: String(policy!.first_response_hours ?? ""), resolutionWorkingDays: String(policy!.resolution_working_days) },
      undefined,
      admin.cookie,
    );
    expect([saved.status, saved.headers.get("location")]).toEqual([303, "/web/admin/sla?done=saved"]);
    expect((await audits(`web:${admin.id}`, "sla.update")).map((a) => a.target)).toEqual(["policy"]);
    expect((await post("/web/admin/sla/lunch", { firstResponseWorkingDays: "1", resolutionWorkingDays: "1" }, undefined, admin.cookie)).status).toBe(404);
  });
});

describe("the CSRF token", () => {
  it("is required on every POST of a signed-in page and bound to the session", async () => {
    const admin = await signedInAdmin();
    const other = await signedInAdmin();
    const form = { firstResponseWorkingDays: "0", resolutionWorkingDays: "1" };
    const missing = await post("/web/admin/sla/policy", form, undefined, admin.cookie, null);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain("此表单已失效或并非来自本站");
    expect((await post("/web/admin/sla/policy", form, undefined, admin.cookie, await csrfOf(other.cookie))).status).toBe(403);
    expect((await post("/web/sign-out", {}, undefined, admin.cookie, null)).status).toBe(403);
    // With its own token the same form reaches validation.
    expect((await post("/web/admin/sla/policy", form, undefined, admin.cookie)).status).toBe(400);
    const out = await post("/web/sign-out", {}, undefined, admin.cookie);
    expect([out.status, out.headers.get("set-cookie")]).toEqual([303, expect.stringMatching(/^desk_web=;.*Max-Age=0/)]);
  });
});

describe("the calendar upload", () => {
  const upload = (csv: string, name = "2040.csv") => {
    const form = new FormData();
    form.set("file", new File([csv], name, { type: "text/csv" }));
    form.set("preview", "1");
    return form;
  };
  const CSV = "# source: 国办发明电〔2039〕1号\ndate,kind,name\n2040-01-01,holiday,元旦\n2040-01-07,workday,春节调休\n";

  it("previews what changes, loads only on apply, and then previews no change", async () => {
    const admin = await signedInAdmin();
    const preview = await post("/web/admin/calendar/preview", upload(CSV), undefined, admin.cookie);
    expect(preview.status).toBe(200);
    const page = await preview.text();
    expect(page).toContain("2040 年：文件共 2 天；新增 2，删除 0，变更 0。");
    expect(page.match(/<tr class="added">/g)).toHaveLength(2);
    expect(await rows("SELECT count(*) AS n FROM calendar_days WHERE year = 2040")).toEqual([{ n: 0 }]);

    // The preview carries the file to the apply step, which checks it again.
    expect(/name="content" value="([^"]*)"/.exec(page)![1]).toBe(CSV);
    const applied = await post("/web/admin/calendar/apply", { format: "csv", content: CSV }, undefined, admin.cookie);
    expect([applied.status, applied.headers.get("location")]).toEqual([303, "/web/admin/calendar?done=loaded"]);
    expect(await rows("SELECT date, kind FROM calendar_days WHERE year = 2040 ORDER BY date")).toEqual([
      { date: "2040-01-01", kind: "holiday" },
      { date: "2040-01-07", kind: "workday" },
    ]);
    expect(JSON.parse((await audits(`web:${admin.id}`, "calendar.load"))[0]!.data)).toMatchObject({ days: 2, diff: { added: 2, removed: 0, changed: 0 } });
    expect(await (await post("/web/admin/calendar/preview", upload(CSV), undefined, admin.cookie)).text()).toContain("没有任何变化");
  });

  it("names each bad line and rule in both languages and loads nothing", async () => {
    const admin = await signedInAdmin();
    const bad = await post("/web/admin/calendar/apply", { format: "csv", content: "date,kind,name\n2032-02-30,holiday,x\n2032-01-05,workday,y\n" }, undefined, admin.cookie);
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain("第 2 行： “日期”无效：应为有效日期 YYYY-MM-DD / Line 2: “Date” is not valid: must be a real date as YYYY-MM-DD");
    expect(page).toContain("2032-01-05 本是工作日");
    expect(await rows("SELECT count(*) AS n FROM calendar_days WHERE year = 2032")).toEqual([{ n: 0 }]);
    expect((await post("/web/admin/calendar/preview", upload(""), undefined, admin.cookie)).status).toBe(400);
    expect((await post("/web/admin/calendar/apply", { format: "csv", content: "x" }, "https://evil.example", admin.cookie)).status).toBe(403);
  });
});

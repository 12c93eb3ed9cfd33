// Re-inviting a specialist hands the record to whoever claims the new code: the old Telegram account
// and its web session stop at once. A deactivated specialist is not reactivated by a re-invite
// unless the admin says so explicitly.
import { describe, expect, it } from "vitest";
import { admin, joinedSpecialist, slugId } from "./support/admin.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { get, post, signIn, signInToken } from "./support/web.ts";

const reinvite = async (id: string, unitId: string, extra: Record<string, unknown> = {}) =>
  admin("POST", "/admin/specialists", { id, name: "王专员", unitId, areaCode: "haikou", role: "specialist", ...extra });

describe("re-inviting a specialist", () => {
  it("unbinds the old Telegram account and ends its web session and unused sign-in links; the new code works", async () => {
    const old = await joinedSpecialist();
    const cookie = await signIn(old.chat);
    const unusedLink = await signInToken(old.chat);
    expect((await get("/web/cases", cookie)).status).toBe(200);

    const response = await reinvite(old.id, old.unitId);
    expect(response.status).toBe(201);
    const { inviteCode } = (await response.json()) as { inviteCode: string };

    expect((await old.chat.send("/mine")).join()).toMatch(/仅供已登记的企业服务专员/);
    expect((await get("/web/cases", cookie)).status).toBe(401);
    expect((await post("/web/sign-in", { t: unusedLink })).status).toBe(401);

    const successor = new Chat("zh-hans");
    expect((await successor.send(`/join ${inviteCode}`)).join()).toMatch(/欢迎/);
    expect(await rows("SELECT telegram_id, notice_chat_id FROM specialists WHERE id = ?", [old.id])).toEqual([
      { telegram_id: successor.userId, notice_chat_id: successor.userId },
    ]);
    expect((await get("/web/cases", await signIn(successor))).status).toBe(200);
  });

  it("refuses to re-invite a deactivated specialist unless asked to reactivate; a session from before stays ended", async () => {
    const old = await joinedSpecialist();
    const cookie = await signIn(old.chat);
    expect((await admin("POST", `/admin/specialists/${old.id}/deactivate`)).status).toBe(200);
    const [before] = await rows<{ invite_code_hash: string | null }>("SELECT invite_code_hash FROM specialists WHERE id = ?", [old.id]);

    const refused = await reinvite(old.id, old.unitId);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; issues: { field: string; rule: { zh: string; en: string } }[] };
    expect(body.error).toBe("specialist_inactive");
    expect(body.issues).toEqual([{ field: "reactivate", rule: { zh: expect.stringContaining("已停用"), en: expect.stringContaining("deactivated") } }]);
    expect(await rows("SELECT active, invite_code_hash FROM specialists WHERE id = ?", [old.id])).toEqual([{ active: 0, invite_code_hash: before!.invite_code_hash }]);
    expect(await rows("SELECT 1 FROM audit_events WHERE target = ? AND action = 'specialist.invite' AND json_extract(data, '$.name') = '王专员'", [old.id])).toEqual([]);

    const reactivated = await reinvite(old.id, old.unitId, { reactivate: true });
    expect(reactivated.status).toBe(201);
    expect(await rows("SELECT active, telegram_id FROM specialists WHERE id = ?", [old.id])).toEqual([{ active: 1, telegram_id: null }]);
    expect((await get("/web/cases", cookie)).status).toBe(401);
  });

  it("on the admin page: refused for a deactivated specialist, named in both languages; done with “reactivate” ticked", async () => {
    const boss = await joinedSpecialist({ role: "admin" });
    const cookie = await signIn(boss.chat);
    const id = slugId("sp");
    expect((await reinvite(id, boss.unitId)).status).toBe(201);
    expect((await admin("POST", `/admin/specialists/${id}/deactivate`)).status).toBe(200);
    const form = { id, name: "王专员", unitId: boss.unitId, role: "specialist", areaCode: "haikou" };
    const refused = await post("/web/admin/specialists", form, undefined, cookie);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("已停用");
    expect(page).toContain("deactivated");
    expect(await rows("SELECT active FROM specialists WHERE id = ?", [id])).toEqual([{ active: 0 }]);
    const done = await post("/web/admin/specialists", { ...form, reactivate: "1" }, undefined, cookie);
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/邀请码：[A-Z2-9]{4}-/);
    expect(await rows("SELECT active FROM specialists WHERE id = ?", [id])).toEqual([{ active: 1 }]);
  });
});

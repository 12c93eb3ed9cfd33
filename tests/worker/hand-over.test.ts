// Deactivating a specialist hands their open cases over through the case module: to their deputy
// when active, else to the department's queue; each with a ledger event, the new owner (or the
// department) told, all in the batch that deactivates them and writes the audit event.
import { describe, expect, it } from "vitest";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion } from "./support/flows.ts";
import { outboxOf, ownedCase } from "./support/web-case.ts";
import { post, signIn } from "./support/web.ts";

const ownerOf = async (caseId: string) => (await rows<{ owner_id: string | null }>("SELECT owner_id FROM cases WHERE id = ?", [caseId]))[0]!.owner_id;
const handedOverEvents = (caseId: string) => rows<{ actor_type: string; data: string }>("SELECT actor_type, data FROM case_events WHERE case_id = ? AND type = 'handed_over'", [caseId]);

describe("deactivating a specialist", () => {
  it("hands each open case to the active deputy with a ledger event and tells them; closed cases stay; audited in the same change", async () => {
    const first = await ownedCase();
    const second = await filePolicyQuestion(first.investor);
    const deputy = await joinedSpecialist({ unitId: first.owner.unitId });
    expect((await first.owner.chat.send(`/deputy ${deputy.id}`)).join()).toContain(deputy.id);
    // A withdrawn case is not handed over.
    await rows("UPDATE cases SET status = 'withdrawn' WHERE id = ?", [second.id]);

    const response = await admin("POST", `/admin/specialists/${first.owner.id}/deactivate`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, handedOver: [{ ref: first.ref, to: deputy.id }] });
    expect(await ownerOf(first.id)).toBe(deputy.id);
    expect(await ownerOf(second.id)).toBe(first.owner.id);
    const [event] = await handedOverEvents(first.id);
    expect(event!.actor_type).toBe("system");
    expect(JSON.parse(event!.data)).toEqual({ from: first.owner.id, to: deputy.id, reason: "deactivated" });
    const told = (await outboxOf(first.id)).filter((o) => o.chat_id === deputy.chat.userId);
    expect(told.map((o) => JSON.parse(o.payload).text)).toEqual([expect.stringContaining(`【${first.ref}】此政策咨询现由您负责办理`)]);
    const [audit] = await rows<{ data: string }>("SELECT data FROM audit_events WHERE action = 'specialist.deactivate' AND target = ?", [first.owner.id]);
    expect(JSON.parse(audit!.data)).toEqual({ handedOver: [{ ref: first.ref, to: deputy.id }] });
    expect((await rows<{ active: number }>("SELECT active FROM specialists WHERE id = ?", [first.owner.id]))[0]!.active).toBe(0);
  });

  it("leaves the case to the department's queue when there is no active deputy, and tells the department", async () => {
    const c = await ownedCase();
    const deputy = await joinedSpecialist({ unitId: c.owner.unitId });
    await c.owner.chat.send(`/deputy ${deputy.id}`);
    expect((await admin("POST", `/admin/specialists/${deputy.id}/deactivate`)).status).toBe(200);
    const department = await joinedSpecialist({ role: "bizenv" });

    // Through the admin pages this time: the same hand-over.
    const administrator = await joinedSpecialist({ role: "admin" });
    const done = await post(`/web/admin/specialists/${c.owner.id}/deactivate`, {}, undefined, await signIn(administrator.chat));
    expect(done.status).toBe(303);
    expect(await ownerOf(c.id)).toBeNull();
    expect(JSON.parse((await handedOverEvents(c.id))[0]!.data)).toEqual({ from: c.owner.id, to: null, reason: "deactivated" });
    const told = (await outboxOf(c.id)).filter((o) => o.chat_id === department.chat.userId).map((o) => JSON.parse(o.payload).text);
    expect(told).toEqual([expect.stringContaining(`【${c.ref}】原负责专员（${c.owner.id}）已停用`)]);
    // Nothing for the deactivated deputy.
    expect((await outboxOf(c.id)).filter((o) => o.chat_id === deputy.chat.userId)).toEqual([]);
  });

  it("answers 404 for an unknown specialist and changes nothing", async () => {
    expect((await admin("POST", "/admin/specialists/sp-nobody-here/deactivate")).status).toBe(404);
  });
});

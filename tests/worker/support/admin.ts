import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { Chat } from "./chat.ts";
import { viaBot } from "./pair.ts";

export async function admin(method: string, path: string, body?: unknown, token = env.ADMIN_API_TOKEN as string): Promise<Response> {
  return viaBot(
    new Request(`http://desk.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
  );
}

let n = 0;
/** The ids this test file made (each file has its own modules): its units and specialists. */
export const madeHere = new Set<string>();
export const slugId = (prefix: string) => {
  const id = `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  madeHere.add(id);
  return id;
};

/** A unit and a specialist in it who has claimed the invite in their own chat. */
export async function joinedSpecialist(options: { role?: string; areaCode?: string; unitId?: string; direct?: boolean } = {}) {
  const unitId = options.unitId ?? slugId("unit");
  if (!options.unitId) {
    const unit = await admin("POST", "/admin/units", { id: unitId, nameZh: "海口市营商环境局", nameEn: "Haikou Business Environment Bureau", kind: "city", areaCode: options.areaCode ?? "haikou" });
    expect(unit.status).toBe(201);
  }
  const id = slugId("sp");
  const created = await admin("POST", "/admin/specialists", { id, name: `专员${id.slice(-4)}`, unitId, areaCode: options.areaCode ?? "haikou", role: options.role ?? "specialist" });
  expect(created.status).toBe(201);
  const { inviteCode } = (await created.json()) as { inviteCode: string };
  const chat = new Chat("zh-hans", { direct: options.direct ?? false });
  const welcome = await chat.send(`/join ${inviteCode.toLowerCase()}`);
  expect(welcome.join()).toMatch(/欢迎/);
  return { id, unitId, chat, inviteCode };
}

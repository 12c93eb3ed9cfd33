// A signed-out specialist who opens a case's link (from a DingTalk or WeCom group notice) is asked to
// sign in, and lands on that case afterwards; `next` and the remembered page never lead off the site.
import { describe, expect, it } from "vitest";
import { ownedCase } from "./support/web-case.ts";
import { get, post, signInToken } from "./support/web.ts";

const cookieOf = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

describe("back to the page after signing in", () => {
  it("a signed-out visit to a case page remembers it; the sign-in then goes there and forgets it", async () => {
    const c = await ownedCase();
    const visit = await get(`/web/cases/${c.ref}?lang=zh`);
    expect(visit.status).toBe(401);
    expect(await visit.text()).toContain("您尚未登录或登录已过期");
    const remembered = cookieOf(visit, "desk_next")!;
    expect(remembered).toMatch(/HttpOnly/i);
    expect(remembered).toMatch(/Path=\/web/);
    const memory = remembered.split(";")[0]!;
    expect(decodeURIComponent(memory)).toBe(`desk_next=/web/cases/${c.ref}?lang=zh`);

    const signedIn = await post("/web/sign-in", { t: await signInToken(c.owner.chat) }, undefined, memory, null);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(`/web/cases/${c.ref}?lang=zh`);
    expect(cookieOf(signedIn, "desk_next")).toMatch(/Max-Age=0/i);
    const session = cookieOf(signedIn, "desk_web")!.split(";")[0]!;
    expect((await get(`/web/cases/${c.ref}`, session)).status).toBe(200);
  });

  it("takes `next` from the sign-in link's form, when it is a path of the web", async () => {
    const c = await ownedCase();
    const token = await signInToken(c.owner.chat);
    const shown = await (await get(`/web/sign-in?t=${token}&next=${encodeURIComponent(`/web/cases/${c.ref}`)}`)).text();
    expect(shown).toContain(`<input type="hidden" name="next" value="/web/cases/${c.ref}">`);
    const signedIn = await post("/web/sign-in", { t: token, next: `/web/cases/${c.ref}` });
    expect(signedIn.headers.get("location")).toBe(`/web/cases/${c.ref}`);
  });

  it.each(["https://evil.example/web/cases", "//evil.example/web/cases", "/\\evil.example", "/web/../admin/specialists", "javascript:alert(1)"])(
    "never leaves the web: next = %j goes to the ledger, and the form does not carry it",
    async (next) => {
      const c = await ownedCase();
      const token = await signInToken(c.owner.chat);
      expect(await (await get(`/web/sign-in?t=${token}&next=${encodeURIComponent(next)}`)).text()).not.toContain('name="next"');
      // Neither given as `next` nor planted in the cookie.
      const signedIn = await post("/web/sign-in", { t: token, next }, undefined, `desk_next=${encodeURIComponent(next)}`, null);
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get("location")).toBe("/web/cases");
    },
  );
});

// Where a sign-in returns to: only a path of this site under /web/ — never another host, a scheme,
// or a path that climbs out of /web/ (no open redirect).
import { describe, expect, it } from "vitest";
import { webPath } from "../../workers/web/return-to.ts";

describe("the page a sign-in returns to", () => {
  it.each([
    ["/web/cases/HN-2026-000123", "/web/cases/HN-2026-000123"],
    ["/web/figures?from=2026-05-01&unit=u-1", "/web/figures?from=2026-05-01&unit=u-1"],
    ["/web/cases/HN-2026-000123/../HN-2026-000124", "/web/cases/HN-2026-000124"],
  ])("takes %s", (value, path) => expect(webPath(value)).toBe(path));

  it.each([
    "https://evil.example/web/cases",
    "//evil.example/web/cases",
    "/\\evil.example/web/cases",
    "/web\\..\\..\\evil",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/web/../admin/specialists",
    "/web/%2e%2e/api/openapi.json",
    "/web/cases\n/x",
    "/web",
    "/webx/cases",
    "web/cases",
    " /web/cases",
    `/web/${"a".repeat(400)}`,
    "",
    undefined,
    ["/web/cases"],
  ])("refuses %j", (value) => expect(webPath(value)).toBeUndefined());
});

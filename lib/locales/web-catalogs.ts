// The supervisors' web's Fluent catalogs: its own pages (web.ftl, and the case page's web-case.ftl),
// the names of kinds, statuses and obligations, the admin validation messages it shares with the
// admin API, and the claims on firms it verifies.
import enAdmin from "./en/admin.ftl" with { type: "text" };
import enClaims from "./en/claims.ftl" with { type: "text" };
import enNames from "./en/names.ftl" with { type: "text" };
import enWeb from "./en/web.ftl" with { type: "text" };
import enWebCase from "./en/web-case.ftl" with { type: "text" };
import zhAdmin from "./zh/admin.ftl" with { type: "text" };
import zhClaims from "./zh/claims.ftl" with { type: "text" };
import zhNames from "./zh/names.ftl" with { type: "text" };
import zhWeb from "./zh/web.ftl" with { type: "text" };
import zhWebCase from "./zh/web-case.ftl" with { type: "text" };

export const webCatalogs = {
  zh: [zhAdmin, zhClaims, zhNames, zhWeb, zhWebCase],
  en: [enAdmin, enClaims, enNames, enWeb, enWebCase],
} as const;

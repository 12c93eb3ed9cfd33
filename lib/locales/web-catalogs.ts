// The supervisors' web's Fluent catalogs: its own pages (web.ftl, and the case page's web-case.ftl),
// the names of kinds, statuses and obligations, the admin validation messages it shares with the
// admin API, the claims on firms it verifies, and the record form's fields and rules it shares with
// the bot (forms, record).
import enAdmin from "./en/admin.ftl";
import enClaims from "./en/claims.ftl";
import enForms from "./en/forms.ftl";
import enNames from "./en/names.ftl";
import enRecord from "./en/record.ftl";
import enWeb from "./en/web.ftl";
import enWebCase from "./en/web-case.ftl";
import enWebRecord from "./en/web-record.ftl";
import zhAdmin from "./zh/admin.ftl";
import zhClaims from "./zh/claims.ftl";
import zhForms from "./zh/forms.ftl";
import zhNames from "./zh/names.ftl";
import zhRecord from "./zh/record.ftl";
import zhWeb from "./zh/web.ftl";
import zhWebCase from "./zh/web-case.ftl";
import zhWebRecord from "./zh/web-record.ftl";

export const webCatalogs = {
  zh: [zhAdmin, zhClaims, zhForms, zhNames, zhRecord, zhWeb, zhWebCase, zhWebRecord],
  en: [enAdmin, enClaims, enForms, enNames, enRecord, enWeb, enWebCase, enWebRecord],
} as const;

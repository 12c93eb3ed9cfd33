// The supervisors' web's Fluent catalogs: its own pages (web.ftl, and the case page's web-case.ftl),
// the names of kinds, statuses and obligations, the admin validation messages it shares with the
// admin API, and the claims on firms it verifies.
import enAdmin from "./en/admin.ftl";
import enClaims from "./en/claims.ftl";
import enChannels from "./en/channels.ftl";
import enChannelsWeb from "./en/channels-web.ftl";
import enNames from "./en/names.ftl";
import enWeb from "./en/web.ftl";
import enWebCase from "./en/web-case.ftl";
import zhAdmin from "./zh/admin.ftl";
import zhClaims from "./zh/claims.ftl";
import zhChannels from "./zh/channels.ftl";
import zhChannelsWeb from "./zh/channels-web.ftl";
import zhNames from "./zh/names.ftl";
import zhWeb from "./zh/web.ftl";
import zhWebCase from "./zh/web-case.ftl";

export const webCatalogs = {
  zh: [zhAdmin, zhChannels, zhChannelsWeb, zhClaims, zhNames, zhWeb, zhWebCase],
  en: [enAdmin, enChannels, enChannelsWeb, enClaims, enNames, enWeb, enWebCase],
} as const;

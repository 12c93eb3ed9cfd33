// The supervisors' web's Fluent catalogs: its own pages (web.ftl, and the case page's web-case.ftl),
// the names of kinds, statuses and obligations, the admin validation messages it shares with the
// admin API, the claims on firms it verifies, the notice channels' admin page, and the record form's
// fields and rules it shares with the bot (forms, record), and the staff's passkeys (passkey).
import enAdmin from "./en/admin.ftl" with { type: "text" };
import enChannels from "./en/channels.ftl" with { type: "text" };
import enChannelsWeb from "./en/channels-web.ftl" with { type: "text" };
import enClaims from "./en/claims.ftl" with { type: "text" };
import enForms from "./en/forms.ftl" with { type: "text" };
import enNames from "./en/names.ftl" with { type: "text" };
import enPasskey from "./en/passkey.ftl" with { type: "text" };
import enRecord from "./en/record.ftl" with { type: "text" };
import enWeb from "./en/web.ftl" with { type: "text" };
import enWebCase from "./en/web-case.ftl" with { type: "text" };
import enWebRecord from "./en/web-record.ftl" with { type: "text" };
import zhAdmin from "./zh/admin.ftl" with { type: "text" };
import zhChannels from "./zh/channels.ftl" with { type: "text" };
import zhChannelsWeb from "./zh/channels-web.ftl" with { type: "text" };
import zhClaims from "./zh/claims.ftl" with { type: "text" };
import zhForms from "./zh/forms.ftl" with { type: "text" };
import zhNames from "./zh/names.ftl" with { type: "text" };
import zhPasskey from "./zh/passkey.ftl" with { type: "text" };
import zhRecord from "./zh/record.ftl" with { type: "text" };
import zhWeb from "./zh/web.ftl" with { type: "text" };
import zhWebCase from "./zh/web-case.ftl" with { type: "text" };
import zhWebRecord from "./zh/web-record.ftl" with { type: "text" };

export const webCatalogs = {
  zh: [zhAdmin, zhChannels, zhChannelsWeb, zhClaims, zhForms, zhNames, zhPasskey, zhRecord, zhWeb, zhWebCase, zhWebRecord],
  en: [enAdmin, enChannels, enChannelsWeb, enClaims, enForms, enNames, enPasskey, enRecord, enWeb, enWebCase, enWebRecord],
} as const;

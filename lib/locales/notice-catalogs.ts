// The bot's Fluent catalogs that the web Worker renders too: the notices it sends (cases, specialists'
// actions, claims, channels), the names of kinds and statuses, the admin API's and the case page's texts.
// The bot's Worker adds its own conversations' (catalogs.ts); the web Worker's build takes this list in
// their place (the "#catalogs" alias in workers/web/wrangler.toml), which keeps ~7 KiB gzip out of it.
import enAdmin from "./en/admin.ftl" with { type: "text" };
import enCaseEngine from "./en/case-engine.ftl" with { type: "text" };
import enCases from "./en/cases.ftl" with { type: "text" };
import enChannels from "./en/channels.ftl" with { type: "text" };
import enClaims from "./en/claims.ftl" with { type: "text" };
import enCommon from "./en/common.ftl" with { type: "text" };
import enForms from "./en/forms.ftl" with { type: "text" };
import enHandOver from "./en/hand-over.ftl" with { type: "text" };
import enIntake from "./en/intake.ftl" with { type: "text" };
import enNames from "./en/names.ftl" with { type: "text" };
import enPage from "./en/page.ftl" with { type: "text" };
import enRecord from "./en/record.ftl" with { type: "text" };
import enSpecialist from "./en/specialist.ftl" with { type: "text" };
import enTranslation from "./en/translation.ftl" with { type: "text" };
import zhAdmin from "./zh/admin.ftl" with { type: "text" };
import zhCaseEngine from "./zh/case-engine.ftl" with { type: "text" };
import zhCases from "./zh/cases.ftl" with { type: "text" };
import zhChannels from "./zh/channels.ftl" with { type: "text" };
import zhClaims from "./zh/claims.ftl" with { type: "text" };
import zhCommon from "./zh/common.ftl" with { type: "text" };
import zhForms from "./zh/forms.ftl" with { type: "text" };
import zhHandOver from "./zh/hand-over.ftl" with { type: "text" };
import zhIntake from "./zh/intake.ftl" with { type: "text" };
import zhNames from "./zh/names.ftl" with { type: "text" };
import zhPage from "./zh/page.ftl" with { type: "text" };
import zhRecord from "./zh/record.ftl" with { type: "text" };
import zhSpecialist from "./zh/specialist.ftl" with { type: "text" };
import zhTranslation from "./zh/translation.ftl" with { type: "text" };

export const catalogs = {
  zh: [zhAdmin, zhCaseEngine, zhCases, zhChannels, zhClaims, zhCommon, zhForms, zhHandOver, zhIntake, zhNames, zhPage, zhRecord, zhSpecialist, zhTranslation],
  en: [enAdmin, enCaseEngine, enCases, enChannels, enClaims, enCommon, enForms, enHandOver, enIntake, enNames, enPage, enRecord, enSpecialist, enTranslation],
} as const;

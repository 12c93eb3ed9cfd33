// The bot's Fluent catalogs, one file per feature and language. A new file is listed here once.
// (The supervisors' web has its own list: web-catalogs.ts.)
import enAccount from "./en/account.ftl" with { type: "text" };
import enAdmin from "./en/admin.ftl" with { type: "text" };
import enCaseEngine from "./en/case-engine.ftl" with { type: "text" };
import enCases from "./en/cases.ftl" with { type: "text" };
import enChannels from "./en/channels.ftl" with { type: "text" };
import enClaims from "./en/claims.ftl" with { type: "text" };
import enCommon from "./en/common.ftl" with { type: "text" };
import enForms from "./en/forms.ftl" with { type: "text" };
import enHandOver from "./en/hand-over.ftl" with { type: "text" };
import enHelp from "./en/help.ftl" with { type: "text" };
import enIntake from "./en/intake.ftl" with { type: "text" };
import enNames from "./en/names.ftl" with { type: "text" };
import enOnboarding from "./en/onboarding.ftl" with { type: "text" };
import enPage from "./en/page.ftl" with { type: "text" };
import enRecord from "./en/record.ftl" with { type: "text" };
import enSpecialist from "./en/specialist.ftl" with { type: "text" };
import enSupervision from "./en/supervision.ftl" with { type: "text" };
import enTranslation from "./en/translation.ftl" with { type: "text" };
import zhAccount from "./zh/account.ftl" with { type: "text" };
import zhAdmin from "./zh/admin.ftl" with { type: "text" };
import zhCaseEngine from "./zh/case-engine.ftl" with { type: "text" };
import zhCases from "./zh/cases.ftl" with { type: "text" };
import zhChannels from "./zh/channels.ftl" with { type: "text" };
import zhClaims from "./zh/claims.ftl" with { type: "text" };
import zhCommon from "./zh/common.ftl" with { type: "text" };
import zhForms from "./zh/forms.ftl" with { type: "text" };
import zhHandOver from "./zh/hand-over.ftl" with { type: "text" };
import zhHelp from "./zh/help.ftl" with { type: "text" };
import zhIntake from "./zh/intake.ftl" with { type: "text" };
import zhNames from "./zh/names.ftl" with { type: "text" };
import zhOnboarding from "./zh/onboarding.ftl" with { type: "text" };
import zhPage from "./zh/page.ftl" with { type: "text" };
import zhRecord from "./zh/record.ftl" with { type: "text" };
import zhSpecialist from "./zh/specialist.ftl" with { type: "text" };
import zhSupervision from "./zh/supervision.ftl" with { type: "text" };
import zhTranslation from "./zh/translation.ftl" with { type: "text" };

export const catalogs = {
  zh: [zhAccount, zhAdmin, zhCaseEngine, zhCases, zhChannels, zhClaims, zhCommon, zhForms, zhHandOver, zhHelp, zhIntake, zhNames, zhOnboarding, zhPage, zhRecord, zhSpecialist, zhSupervision, zhTranslation],
  en: [enAccount, enAdmin, enCaseEngine, enCases, enChannels, enClaims, enCommon, enForms, enHandOver, enHelp, enIntake, enNames, enOnboarding, enPage, enRecord, enSpecialist, enSupervision, enTranslation],
} as const;

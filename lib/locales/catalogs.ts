// The bot's Fluent catalogs, one file per feature and language. A new file is listed here once.
// (The supervisors' web has its own list: web-catalogs.ts.)
import enAccount from "./en/account.ftl";
import enAdmin from "./en/admin.ftl";
import enChannels from "./en/channels.ftl";
import enCaseEngine from "./en/case-engine.ftl";
import enCases from "./en/cases.ftl";
import enClaims from "./en/claims.ftl";
import enCommon from "./en/common.ftl";
import enForms from "./en/forms.ftl";
import enHandOver from "./en/hand-over.ftl";
import enIntake from "./en/intake.ftl";
import enNames from "./en/names.ftl";
import enOnboarding from "./en/onboarding.ftl";
import enPage from "./en/page.ftl";
import enSpecialist from "./en/specialist.ftl";
import enSupervision from "./en/supervision.ftl";
import zhAccount from "./zh/account.ftl";
import zhAdmin from "./zh/admin.ftl";
import zhChannels from "./zh/channels.ftl";
import zhCaseEngine from "./zh/case-engine.ftl";
import zhCases from "./zh/cases.ftl";
import zhClaims from "./zh/claims.ftl";
import zhCommon from "./zh/common.ftl";
import zhForms from "./zh/forms.ftl";
import zhHandOver from "./zh/hand-over.ftl";
import zhIntake from "./zh/intake.ftl";
import zhNames from "./zh/names.ftl";
import zhOnboarding from "./zh/onboarding.ftl";
import zhPage from "./zh/page.ftl";
import zhSpecialist from "./zh/specialist.ftl";
import zhSupervision from "./zh/supervision.ftl";

export const catalogs = {
  zh: [zhAccount, zhAdmin, zhChannels, zhCaseEngine, zhClaims, zhCommon, zhCases, zhForms, zhHandOver, zhIntake, zhNames, zhOnboarding, zhPage, zhSpecialist, zhSupervision],
  en: [enAccount, enAdmin, enChannels, enCaseEngine, enClaims, enCommon, enCases, enForms, enHandOver, enIntake, enNames, enOnboarding, enPage, enSpecialist, enSupervision],
} as const;

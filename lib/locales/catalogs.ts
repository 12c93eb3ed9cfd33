// The bot's Fluent catalogs, one file per feature and language. A new file is listed here once.
// (The supervisors' web has its own list: web-catalogs.ts.)
import enAccount from "./en/account.ftl";
import enAdmin from "./en/admin.ftl";
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
import enTranslation from "./en/translation.ftl";
import zhAccount from "./zh/account.ftl";
import zhAdmin from "./zh/admin.ftl";
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
import zhTranslation from "./zh/translation.ftl";

export const catalogs = {
  zh: [zhAccount, zhAdmin, zhCaseEngine, zhClaims, zhCommon, zhCases, zhForms, zhHandOver, zhIntake, zhNames, zhOnboarding, zhPage, zhSpecialist, zhSupervision, zhTranslation],
  en: [enAccount, enAdmin, enCaseEngine, enClaims, enCommon, enCases, enForms, enHandOver, enIntake, enNames, enOnboarding, enPage, enSpecialist, enSupervision, enTranslation],
} as const;

// The bot's Fluent catalogs that both Workers render: the notices (cases, specialists' actions, claims,
// alerts), the forms' fields and rules, the names of kinds and statuses. Each Worker adds its own part
// (catalogs.ts: the bot's; notice-catalogs.ts: the web Worker's), so neither carries the other's text.
import enCaseEngine from "./en/case-engine.ftl" with { type: "text" };
import enCases from "./en/cases.ftl" with { type: "text" };
import enClaims from "./en/claims.ftl" with { type: "text" };
import enCommon from "./en/common.ftl" with { type: "text" };
import enForms from "./en/forms.ftl" with { type: "text" };
import enIntake from "./en/intake.ftl" with { type: "text" };
import enNames from "./en/names.ftl" with { type: "text" };
import enOpsAlerts from "./en/ops-alerts.ftl" with { type: "text" };
import enRecord from "./en/record.ftl" with { type: "text" };
import enSpecialist from "./en/specialist.ftl" with { type: "text" };
import enTranslation from "./en/translation.ftl" with { type: "text" };
import zhCaseEngine from "./zh/case-engine.ftl" with { type: "text" };
import zhCases from "./zh/cases.ftl" with { type: "text" };
import zhClaims from "./zh/claims.ftl" with { type: "text" };
import zhCommon from "./zh/common.ftl" with { type: "text" };
import zhForms from "./zh/forms.ftl" with { type: "text" };
import zhIntake from "./zh/intake.ftl" with { type: "text" };
import zhNames from "./zh/names.ftl" with { type: "text" };
import zhOpsAlerts from "./zh/ops-alerts.ftl" with { type: "text" };
import zhRecord from "./zh/record.ftl" with { type: "text" };
import zhSpecialist from "./zh/specialist.ftl" with { type: "text" };
import zhTranslation from "./zh/translation.ftl" with { type: "text" };

export const sharedCatalogs = {
  zh: [zhCaseEngine, zhCases, zhClaims, zhCommon, zhForms, zhIntake, zhNames, zhOpsAlerts, zhRecord, zhSpecialist, zhTranslation],
  en: [enCaseEngine, enCases, enClaims, enCommon, enForms, enIntake, enNames, enOpsAlerts, enRecord, enSpecialist, enTranslation],
} as const;

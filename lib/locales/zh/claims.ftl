## 企业认领的核验（bot 与督办网页共用）
claim-request =
    <b>企业认领待核验</b>
    { $applicant }（Telegram { $telegramId }，电话 { $phone }）登记为企业“{ $name }”（{ $uscc }，{ $area }）的代表。
    核验前，此人可以提交诉求（标注“企业未核验”），只能看到自己提交的事项，不能批准他人加入。请与企业核实后选择：
claim-button-verify = ✅ 核验通过
claim-button-reject = ✖ 不予认可
claim-decided = 已处理：{ $applicant } 对“{ $name }”的认领 — { $decision }
claim-decision-verified = 已核验
claim-decision-rejected = 不予认可
claim-not-allowed = 您无权核验此认领，或该认领已处理。
claim-verified-notice = ✅ 您与企业“{ $name }”的关系已经服务专员核验。现在您可以看到本企业的全部诉求，并批准同事加入。
claim-rejected-notice = 服务专员未能确认您代表企业“{ $name }”。您已提交的诉求仍会办理；如有疑问，请发送 /help 或联系营商环境建设部门。
firm-unverified-mark = ⚠️ 企业未核验

## 个人信息告知（《个人信息保护法》）
privacy-notice =
    <b>个人信息处理告知</b>
    在您同意之前，我们只保存您的 Telegram 账号编号和您选择的语言，不接收任何资料。同意后，我们将保存：
    • 您的姓名和联系电话（选填）、所在企业及其统一社会信用代码；
    • 您提交的约见、诉求、咨询内容及附件。
    <b>用途</b>：受理和办理您的诉求，由企业服务专员与您联系，并向您发送办理进度。
    <b>可见范围</b>：负责您企业的服务专员及其单位负责人、营商环境建设部门；不向其他企业公开。
    <b>保存期限</b>：诉求办结后保存 3 年以备督办查询，之后删除或匿名化。
    您可随时发送 /privacy 查看保存的信息，发送 /deleteme 删除您的个人信息。
privacy-accept = 同意并继续
privacy-decline = 不同意
privacy-declined = 您未同意，我们不会保存您的个人信息，也无法受理诉求。如改变主意，请发送 /start。
privacy-required = 请先阅读并同意个人信息处理告知，然后才能继续。
registration-intro = 谢谢！下面请登记您所在的企业。如企业已登记，输入同一统一社会信用代码即可申请加入。
firm-exists = 企业“{ $name }”已登记。继续提交即可申请加入，需企业现有成员或服务专员批准。
firm-registered = ✅ 企业“{ $name }”登记成功。服务专员将核实您与该企业的关系；核实前您即可提交约见、诉求或政策咨询（将标注“企业未核验”），并只能看到自己提交的事项。
firm-join-pending = 您加入企业“{ $name }”的申请已提交，正等待企业现有成员或服务专员批准。批准后我们会通知您。
firm-join-request =
    <b>加入企业申请</b>
    { $applicant } 申请以成员身份加入统一社会信用代码为 { $uscc } 的企业。请确认此人确为本企业人员后批准。
button-approve = 批准
button-reject = 拒绝
join-approved-notice = ✅ 您加入企业“{ $name }”的申请已获批准。现在您可以提交约见、诉求或政策咨询。
join-rejected-notice = 您加入企业“{ $name }”的申请未获批准。如有疑问，请联系企业或发送 /help。
join-decided = 已处理：{ $applicant } — { $decision }
join-decision-approved = 已批准
join-decision-rejected = 已拒绝
join-not-allowed = 您无权处理此申请，或该申请已处理。
registration-needed = 请先登记或加入您的企业，才能提交诉求。
membership-pending = 您加入企业的申请正在等待批准。

## 主菜单
menu-title = 请选择您要办理的事项：
menu-appointment = 🤝 政企约见
menu-urgent = 🚨 紧急诉求
menu-policy = 📘 政策咨询
menu-cases = 📂 我的诉求
menu-help = ❓ 帮助
menu-language = 🌐 中文 / English

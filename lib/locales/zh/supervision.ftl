## 签发（营商环境建设部门）
sv-draft =
    <b>督办文书草稿待签发</b>（第{ $level }级：{ $title }）
    【{ $ref }】超期未办，系统已按督办规则起草以下文书。签发后编定文号，发送{ $unit }。

    { $document }
sv-button-sign = ✍️ 签发
sv-sign-reminder = ⏰ 督办文书草稿（【{ $ref }】{ $title }，致{ $unit }，{ $drafted }起草）已满一个工作日尚未签发，请及时审核签发。
sv-sign-reminder-hours = ⏰ 督办文书草稿（【{ $ref }】{ $title }，致{ $unit }，{ $drafted }起草）所涉事项按小时计时，起草已满{ $hours }小时尚未签发，请立即审核签发。
sv-signed = 已签发{ $title }，文号 { $number }，已发送{ $unit }。
sv-refused-not-allowed = 仅营商环境建设部门工作人员可签发督办文书。
sv-refused-signed = 此文书已签发（文号 { $number }），无需重复签发。
sv-refused-void = 此草稿已作废：所涉事项已办理，不再签发。
sv-refused-obligation-met = 【{ $ref }】的{ $obligation }已办理，此草稿不再签发，系统将自动作废。
sv-not-found = 未找到此督办文书。

## 整改情况（被督办单位）
sv-reply-ask = 请输入【{ $ref }】{ $number }（{ $title }）的<b>整改情况</b>，一条消息，最多 { $max } 字。提交后报送{ $issuer }。
sv-reply-not-allowed = 仅被督办单位（{ $unit }）的工作人员可录入整改情况。
sv-reply-not-signed = 此文书尚未签发，暂不能录入整改情况。
sv-reply-already = 此文书的整改情况已于 { $at } 录入，不能重复录入。
sv-reply-empty = 整改情况：不能为空，请重新输入。
sv-reply-too-long = 整改情况：最多 { $max } 字（当前 { $length } 字），请精简后重新发送。
sv-reply-recorded = 已录入【{ $ref }】{ $number }的整改情况，并报送{ $issuer }。
sv-replied =
    📝【{ $ref }】{ $number }（{ $title }）收到{ $unit }的整改情况（{ $by }，{ $at }录入）：
    { $text }

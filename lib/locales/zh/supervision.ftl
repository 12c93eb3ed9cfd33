## 时限提醒（给负责专员；无负责专员的给营商环境建设部门）
alert-day_before = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }时限为明天（{ $due }），请及时办理。
alert-due_day = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }时限为今天（{ $due }），请于今日内办结。
alert-within_hours = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }须于 { $due } 前完成，距时限已不足1小时，请立即办理。
alert-overdue = ❗【{ $ref }】{ $firm }的{ $kind }：{ $obligation }已超过时限（{ $due }），请立即办理。超期事项将按规定督办。

## 三书一函：督办文书
sv-title-reminder_letter = 提醒敦促函
sv-title-rectification_notice = 责令整改通知书
sv-title-key_supervision_notice = 重点督办通知书
sv-title-accountability_interview = 责任约谈通知书
sv-issuer-default = 海南省营商环境建设厅
sv-date = { $y }年{ $m }月{ $d }日
sv-number-pending = 文号：签发时编号
sv-principal = （主要负责同志：{ $principal }）
sv-overdue-working_days = { $amount }个工作日
sv-overdue-hours = { $amount }小时
sv-deadline-after-signing = 签发之日起{ $days }个工作日内
sv-deadline-by = { $date }前
sv-document =
    <b>{ $title }</b>
    { $number }

    { $unit }{ $principal }：

    { $firm }于{ $received }提出的{ $kind }（编号：{ $ref }），{ $obligation }时限为{ $due }。截至{ $asOf }，该事项已超期{ $overdue }，未见办理。

    { $demand }

    { $issuer }
    { $date }
sv-demand-reminder_letter = 请你单位督促负责专员立即办理，并于{ $deadline }将办理情况书面报送{ $issuer }。
sv-demand-rectification_notice = 现责令你单位立即整改，于{ $deadline }办结该事项，并将整改情况书面报送{ $issuer }。逾期未整改的，将列为重点督办事项。
sv-demand-key_supervision_notice = 该事项列为重点督办事项，必要时由{ $issuer }提级办理。请你单位主要负责同志亲自督办，于{ $deadline }办结并书面报送整改情况。
sv-demand-accountability_interview = 经重点督办，该事项仍未办结。请你单位主要负责同志于{ $deadline }到{ $issuer }接受责任约谈，并书面说明超期原因和整改措施。

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
sv-button-reply = 📝 录入整改情况
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

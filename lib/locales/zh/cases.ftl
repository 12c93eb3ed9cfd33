
## 时限规则（受理当日不计）
deadline-rule-appointment = 自受理次日起 { $days } 个工作日内举行约见
deadline-rule-urgent = 自受理次日起 { $days } 个工作日内听取企业诉求或组织会商
deadline-rule-especially_urgent = 第一时间响应：受理后 { $hours } 小时内（节假日照常计算），并于受理次日起 { $days } 个工作日内组织会商
deadline-rule-policy = 自受理次日起 { $days } 个工作日内明确答复
deadline-first-response = 服务专员 { $days } 个工作日内首次响应
due-at = { $date }（北京时间，UTC+8）
calendar-warning = ⚠️ 提示：{ $year } 年的法定节假日安排尚未公布，截止日期暂按周末计算，公布后可能调整。

## 提交确认
case-submitted =
    ✅ 已受理您的{ $kind }，编号 <b>{ $ref }</b>。
    办理时限：{ $rule }。
    最迟：<b>{ $due }</b>
    下一步：企业服务专员将在 { $firstDue } 前与您联系；每一步进展我们都会通知您。发送 /status { $ref } 可随时查看。

## 查看诉求
cases-title = <b>本企业的诉求</b>（最近 { $count } 项）：
cases-line = { $ref } · { $kind } · { $status } · 最迟 { $due }
cases-empty = 本企业还没有诉求。可发送 /appointment、/urgent 或 /policy 提交。
case-not-found = 没有找到编号为 { $ref } 的诉求，或您无权查看。请检查编号，或发送 /cases 查看本企业的诉求。
status-usage = 请在命令后写上编号，如 /status HN-2026-000123。
case-detail =
    <b>{ $ref }</b> · { $kind }
    状态：<b>{ $status }</b>
    受理：{ $received }
    { $summary }
case-timeline-title = <b>办理记录</b>：
case-timeline-line = { $at } — { $event }
button-withdraw = 撤回诉求
button-add-message = 补充说明或附件
event-received = 已受理
event-assigned = 已分派给服务专员
event-acknowledged = 专员已响应
event-withdrawn = 企业已撤回
event-investor_message = 企业补充了说明
event-attachment = 企业补充了附件
event-status_changed = 状态更新

## 撤回与补充
withdraw-ask-reason = 请简要说明撤回 { $ref } 的原因（发送 /cancel 放弃撤回）。
withdraw-not-open = { $ref } 当前状态为“{ $status }”，不能撤回。
case-withdrawn = 已撤回诉求 { $ref }。如需重新提交，请发送 /start。
message-ask = 请发送要补充给 { $ref } 的说明、照片或文件（发送 /cancel 结束）。
message-added = 已将您的补充加入 { $ref } 的办理记录，并转给负责的服务专员。
attachment-added = 已将附件“{ $name }”加入 { $target }。
attachment-pending = 本次填写的诉求
attachment-too-large = 附件“{ $name }”有 { $size } MB，超过 20 MB 的上限，未保存。
attachment-limit = 每项诉求最多 { $max } 个附件，本附件未保存。
attachment-where = 要把文件加到哪项诉求？请用 /status 编号 打开诉求，点“补充说明或附件”后再发送。

## 状态更新（给企业）
status-update =
    <b>【{ $ref }】状态更新：{ $status }</b>
    { $detail }下一步：{ $next }
    负责单位：{ $unit }
    办理进度：{ $link }
next-acknowledge = 服务专员首次响应，最迟 { $due }
next-resolve = 办结，最迟 { $due }
next-meeting = 按约定时间参加约见：{ $when }，地点：{ $place }
next-feedback = 请您对办理结果进行评价
next-none = 无
detail-reply = 服务专员回复：{ $text }
detail-info = 服务专员请您补充：{ $text }（请发送 /status { $ref } 后点“补充说明或附件”）
detail-resolved = 办理结果：{ $text }
event-specialist_reply = 服务专员回复了企业
event-info_requested = 服务专员请企业补充材料
event-meeting_scheduled = 已安排约见
event-meeting_rescheduled = 约见时间已调整
event-meeting_delegated = 约见已委托其他领导出席
event-transfer_requested = 申请转交
event-transferred = 已转交新的服务专员
event-resolved = 已办结
event-reopened = 企业不满意，已重新办理
event-closed = 已关闭
event-feedback = 企业已评价
event-escalated = 已超期督办
event-reminder = 已提醒服务专员
event-dues_changed = 办理时限已调整

## 满意度回访
survey =
    <b>【{ $ref }】请评价办理结果</b>
    您的诉求已办结。您对办理结果满意吗？您的评价将用于改进服务。
survey-reminder =
    <b>【{ $ref }】提醒：请评价办理结果</b>
    如 3 个工作日内未评价，此件将按“未评价”关闭。
survey-satisfied = 😊 满意
survey-basically_satisfied = 🙂 基本满意
survey-unsatisfied = 🙁 不满意
survey-thanks = 感谢您的评价！【{ $ref }】已关闭。如愿意，可直接发送一句意见（选填）。
survey-reopened = 我们已将【{ $ref }】重新交给服务专员办理，新的办理时限为 { $due }。请发送您不满意的原因（选填）。
survey-comment-saved = 已记录您的意见，谢谢。
survey-closed-no-feedback = 【{ $ref }】已按“未评价”关闭。如仍有问题，请重新提交。
field-case_message = 补充说明
field-withdraw_reason = 撤回理由

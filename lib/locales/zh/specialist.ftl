## 给服务专员的通知（中文）
owner-investor_message = 【{ $ref }】企业补充说明：
    { $text }
owner-withdrawn = 【{ $ref }】企业已撤回此诉求。理由：{ $reason }
owner-attachment = 【{ $ref }】企业补充了附件“{ $name }”。
owner-assigned =
    <b>【{ $ref }】新{ $kind }，请在 { $firstDue } 前首次响应</b>
    企业：{ $firm }（{ $uscc }，{ $area }）{ $unverified }
    办结时限：{ $due }
    { $calendarWarning }摘要：{ $summary }
    企业原文：
    { $original }
queue-assigned =
    <b>【{ $ref }】新{ $kind } 无对口专员，已进入营商环境建设部门待分派队列</b>
    企业：{ $firm }（{ $uscc }，{ $area }）{ $unverified }
    首次响应：{ $firstDue }；办结：{ $due }
    摘要：{ $summary }

## 专员按钮与操作
sp-button-ack = ✅ 确认受理
sp-button-reply = 💬 回复企业
sp-button-info = 📎 请企业补充材料
sp-button-meet = 📅 安排约见
sp-button-transfer = ↪️ 转交
sp-button-resolve = 🏁 办结
sp-not-allowed = 您无权对此诉求执行该操作（仅限负责专员、其单位负责人或营商环境建设部门）。
sp-done = 【{ $ref }】已{ $action }。
sp-stale = 此诉求刚被他人更新，请重新打开后再操作：/case { $ref }
sp-action-ack = 确认受理
sp-action-reply = 回复企业
sp-action-info = 请企业补充材料
sp-action-meet = 安排约见
sp-action-transfer = 转交
sp-action-resolve = 办结
field-text = 回复内容
field-request = 需补充的材料
field-date = 约见日期
field-time = 约见时间
field-place = 地点或视频会议链接
field-official = 出席领导
field-to = 接收专员编号
field-reason = 理由
field-outcome = 办理结果
ask-sp-reply-text = 请输入给企业的<b>回复</b>（将原样转给企业，并注明来自服务专员）。
ask-sp-info-request = 请写明需要企业<b>补充的材料或信息</b>。
ask-sp-meet-date = 约见<b>日期</b>（YYYY-MM-DD，须为工作日且不晚于办结时限）。
ask-sp-meet-time = 约见<b>时间</b>（HH:MM，北京时间）。
ask-sp-meet-place = 约见<b>地点</b>或视频会议链接。
ask-sp-transfer-to = 接收此件的<b>专员编号</b>（由管理员提供，如 hk-li）。
ask-sp-transfer-reason = <b>转交理由</b>。
ask-sp-resolve-outcome = 请概述<b>办理结果</b>（将发给企业）。
rule-date = 应为 YYYY-MM-DD 格式的日期
rule-time = 应为 HH:MM 格式的时间
rule-specialist-id = 应为专员编号（小写字母、数字和 -）
transfer-unknown = 没有找到编号为 { $to } 的在岗专员，未转交。
mine-title = <b>我负责的在办诉求</b>（{ $count } 项，超期在前）：
mine-line = { $overdue }{ $ref } · { $kind } · { $status } · 时限 { $due }
mine-overdue = ⚠️超期
mine-empty = 您目前没有在办的诉求。
case-usage = 请在命令后写上编号，如 /case HN-2026-000123。
specialist-case =
    <b>{ $ref }</b> · { $kind } · { $status }
    企业：{ $firm }{ $unverified }
    首次响应时限：{ $firstDue }
    办结时限：{ $due }
    摘要：{ $summary }
specialist-case-original =
    企业原文：
    { $original }
join-usage = 请发送管理员给您的邀请码，如 /join ABCD-EFGH-JKLM。
join-invalid = 邀请码无效、已过期或已被使用。请联系管理员重新生成。
join-welcome = 欢迎，{ $name }（{ $unit }，{ $role }）。新诉求和提醒将发到这里。发送 /duty on 开始值班，/mine 查看您负责的诉求。
role-specialist = 企业服务专员
role-unit_head = 单位负责人
role-bizenv = 营商环境建设部门
role-admin = 管理员
duty-on = 已开始值班：本地区无对口专员的新诉求将分派给您。
duty-off = 已结束值班。
duty-usage = 用法：/duty on 或 /duty off
not-a-specialist = 此命令仅供已登记的企业服务专员使用。

## 提醒、督办与日报（给专员和督办单位）
queue-owner = 待分派
unreachable-notice = 【{ $ref }】企业联系人已屏蔽机器人或聊天已不存在，进度通知无法送达。请通过电话等其他方式联系企业。
deputy-usage = 用法：/deputy 专员编号（如 /deputy hk-li），或 /deputy off 取消代理人。
deputy-set = 已将 { $deputy } 设为您的代理人：您的提醒敦促函将同时发给对方。
deputy-cleared = 已取消代理人。
deputy-unknown = 没有找到编号为 { $deputy } 的在岗专员。
web-link = 您的督办台账网页登录链接（{ $minutes } 分钟内有效，仅可使用一次，请勿转发）：
    { $link }

## 工作人员登记的案件（12345、服务专区窗口、企业码、电话）
field-channel = 受理渠道
field-ticket_no = 12345 工单号
field-received_at = 受理时间
field-firm_uscc = 企业统一社会信用代码
field-firm_name = 企业名称
field-firm_area = 企业所在市县或园区
field-caller_name = 联系人
field-caller_phone = 联系电话
field-case_kind = 诉求类型
field-case_text = 诉求内容

option-channel-telegram = 机器人
option-channel-hotline_12345 = 12345 热线
option-channel-service_hall = 政务服务中心企业服务专区
option-channel-enterprise_code = 企业码
option-channel-phone = 电话

option-record-kind-appointment = 政企约见
option-record-kind-urgent = 紧急诉求
option-record-kind-especially_urgent = 紧急诉求（情况特别紧急）
option-record-kind-policy = 政策咨询

ask-record-channel = 请选择本案件的<b>受理渠道</b>：
ask-record-ticket_no = 请输入 <b>12345 工单号</b>（字母、数字或连字符）：
ask-record-received_at = 请输入<b>受理时间</b>（北京时间，格式 2026-03-02 09:30；办理时限从此时起算，不得晚于现在，也不得早于 30 天前）；现在受理请点“跳过”。
ask-record-firm_uscc = 请输入企业的<b>统一社会信用代码</b>（18 位）：
ask-record-firm_name = 该企业尚未登记。请输入<b>企业名称</b>：
ask-record-firm_area = 请选择企业所在的<b>市县或园区</b>：
ask-record-caller_name = 请输入<b>联系人</b>姓名：
ask-record-caller_phone = 请输入<b>联系电话</b>：
ask-record-case_kind = 请选择<b>诉求类型</b>：
ask-record-case_text = 请输入<b>诉求内容</b>（企业原话或工单内容）：

rule-receipt-time = 请按 2026-03-02 09:30 的格式填写北京时间，日期须真实存在
rule-receipt-future = 受理时间不能晚于现在
rule-receipt-too-old = 受理时间不能早于 { $days } 天前
rule-ticket-format = 工单号须为 4–40 位字母、数字或连字符
rule-ticket-only-hotline = 只有 12345 热线的案件填写工单号
rule-ticket-taken = 该工单号已登记为案件 { $ref }，每张工单只登记一次

record-not-staff = 只有企业服务专员和营商环境建设部门工作人员可以登记案件。
record-owner-notice =
    <b>【{ $ref }】新{ $kind }（{ $channel }），请在 { $firstDue } 前首次响应</b>
    企业：{ $firm }（{ $uscc }）
    受理时间：{ $receivedAt }；登记人：{ $recorder }；联系人：{ $contact }
    办结时限：{ $due }
    摘要：{ $summary }
    诉求内容：
    { $original }
record-queue-notice =
    <b>【{ $ref }】新{ $kind }（{ $channel }）无对口专员，已进入营商环境建设部门待分派队列</b>
    企业：{ $firm }（{ $uscc }）
    受理时间：{ $receivedAt }；登记人：{ $recorder }；联系人：{ $contact }
    首次响应：{ $firstDue }；办结：{ $due }
    摘要：{ $summary }
    诉求内容：
    { $original }
record-done = 已登记案件 <b>{ $ref }</b>（{ $kind }），受理时间 { $receivedAt }。首次响应时限：{ $firstDue }；办结时限：{ $due }。
record-firm-told = 企业在机器人中的成员已收到通知。
record-pass-link = 该企业尚无已认证的成员使用机器人，请将案件链接转告企业：{ $link }

## 诉求类型与状态
kind-appointment = 政企约见
kind-urgent = 紧急诉求
kind-especially_urgent = 紧急诉求（情况特别紧急）
kind-policy = 政策咨询
status-received = 已受理
status-assigned = 已分派专员
status-acknowledged = 专员已响应
status-in_progress = 办理中
status-meeting_scheduled = 已安排约见
status-resolved = 已办结，待评价
status-closed = 已关闭
status-withdrawn = 已撤回
unit-queue = 营商环境建设部门（待分派）

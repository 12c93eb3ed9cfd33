## 发给运维人员的告警（由机器人 Worker 发送）
calendar-alert = 【日历提醒】{ $year } 年的法定节假日安排尚未载入，涉及该年度的截止日期暂按周末计算。请尽快通过管理接口上传国务院公布的安排。
outbox-dead-alert = 【投递失败】{ $count } 条消息无法送达，已停止重试（{ $error }）。请发送 /web 登录督办台账，在“管理 → 投递失败”（/web/admin/outbox）查看原因并重新投递。

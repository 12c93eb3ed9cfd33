## 定时任务（cron）发出的消息：只有 jobs Worker 渲染（lib/locales/jobs-catalogs.ts）

## 时限提醒（给负责专员；无负责专员的给营商环境建设部门）
alert-day_before = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }时限为明天（{ $due }），请及时办理。
alert-due_day = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }时限为今天（{ $due }），请于今日内办结。
alert-within_hours = ⏰【{ $ref }】{ $firm }的{ $kind }：{ $obligation }须于 { $due } 前完成，距时限已不足1小时，请立即办理。
alert-overdue = ❗【{ $ref }】{ $firm }的{ $kind }：{ $obligation }已超过时限（{ $due }），请立即办理。超期事项将按规定督办。

## 每日待办
digest-title = <b>每日待办（{ $date }）</b>：您负责的在办诉求 { $count } 项，超期在前。
digest-unit-title = <b>单位每日待办（{ $date }）</b>：{ $unit }在办诉求 { $count } 项，超期在前。
digest-queue-title = <b>待分派队列（{ $date }）</b>：无人负责的在办诉求 { $count } 项，超期在前。请尽快确认受理或分派。
digest-claims = <b>企业认领待核验（{ $date }）</b>：{ $count } 项，请在督办网页“认领核验”中处理。
digest-more = ……另有 { $more } 项，发送 /mine 或登录督办网页查看全部。
digest-line = { $overdue }{ $ref } · { $kind } · { $status } · 时限 { $due }{ $owner }

## 管理接口的校验信息
schedule-date = 应为有效日期 YYYY-MM-DD
schedule-kind = 应为 holiday（放假）或 workday（调休上班）
schedule-duplicate = { $date } 重复出现
schedule-workday-on-weekday = { $date } 本是工作日，调休上班日应在周末
schedule-empty = 没有任何日期
schedule-one-year = { $date } 不属于 { $year } 年的通知：一次上传一个年度的通知，日期应在该年度内或上一年 12 月
schedule-json = 不是有效的 JSON
schedule-days = 应为日期数组
api-rule-required = 必填
api-rule-invalid_type = 类型不正确
api-rule-too_small = 太短或太小
api-rule-too_big = 太长或太大
api-rule-invalid_value = 不是允许的取值
api-rule-invalid_format = 格式不正确
api-rule-slug = 应为 2–40 位小写字母、数字或 -
api-rule-unknown = 不符合要求
calendar-alert = 【日历提醒】{ $year } 年的法定节假日安排尚未载入，涉及该年度的截止日期暂按周末计算。请尽快通过管理接口上传国务院公布的安排。

## 诉求进度页
page-title = 诉求进度 · { $ref }
page-heading = 诉求进度查询
page-kind = 类型
page-status = 当前状态
page-next = 下一步
page-received = 受理时间
page-unit = 负责单位
page-timeline = 办理记录
page-authoritative = 本页中英文对照，以中文为准。
page-portal = 海南自由贸易港国际服务门户
page-not-found = 未找到该诉求。
page-switch = English
page-supervision = 督办
page-obligations = 义务与时限

## 供应端：登记案件（12345、服务专区窗口、企业码、电话）
web-nav-record = 登记案件
web-record-title = 登记案件
web-record-button = 登记
web-record-ticket-hint = 仅 12345 热线案件填写工单号，每张工单只登记一次。
web-record-receipt-hint = 北京时间，如 2026-03-02 09:30；留空为现在。办理时限从受理时间起算；不得晚于现在，也不得早于 30 天前。
web-record-new-firm-hint = 企业尚未登记时填写名称和所在市县或园区（将新建为未认证企业）。
web-record-done = 已登记案件
web-record-firm-told = 企业在机器人中的成员已收到通知。
web-record-pass-link = 该企业尚无已认证的成员使用机器人，请将案件链接转告企业：
web-record-no-key = 登记案件需要本 Worker 持有 CASE_LINK_SECRET（与机器人相同），以便给企业案件链接。
web-filter-channel = 受理渠道

# 通知渠道的管理页面（仅供督办网页使用）。
admin-channels = 通知渠道
admin-done-channel-saved = 通知渠道已保存。
channel-note = 各单位和专员的提醒、日报和督办通知发往何处。机器人的凭据加密保存，之后只显示最后 4 位；提醒消息发往机器人时不再发往 Telegram。
channel-units = 单位
channel-specialists = 专员
channel-where = 接收渠道
channel-last-error = 最近一次拒收
channel-change = 修改
channel-save = 保存
channel-test-button = 发送测试消息
web-field-chatId = Telegram 会话 ID
web-field-webhookUrl = 钉钉 Webhook 地址
web-field-secret = 钉钉加签密钥
web-field-key = 企业微信机器人 key
web-field-mentionMobiles = @提醒的手机号

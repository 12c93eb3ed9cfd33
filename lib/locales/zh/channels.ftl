# 通知渠道：单位和专员在哪里接收提醒、日报和督办通知（Telegram、钉钉机器人、企业微信机器人）。
channel-kind-telegram = Telegram
channel-kind-dingtalk = 钉钉机器人
channel-kind-wecom = 企业微信机器人
channel-test-message = 【测试】海南外资企业服务台：本群今后将在此接收提醒、日报和督办通知。
channel-test-ok = { $kind }已收到测试消息（errcode { $errcode }：{ $errmsg }）。
channel-test-refused = { $kind }拒收了测试消息：errcode { $errcode }，{ $errmsg }。请核对机器人的 Webhook 地址、加签密钥或 key 后重新设置。
channel-test-sealed = 无法用 CHANNEL_CREDENTIALS_KEY 解开该机器人的凭据（密钥已更换？），请重新设置该机器人。
channel-no-key = 未配置 CHANNEL_CREDENTIALS_KEY（至少 32 个字符），无法保存机器人凭据。
channel-no-robot = 该单位或专员未设置机器人，无可测试的渠道。
api-rule-mobile = 必须是以逗号分隔的 11 位中国大陆手机号码（最多 10 个）
api-rule-dingtalk_webhook = 必须是钉钉机器人的 Webhook 地址（https://oapi.dingtalk.com/robot/send?access_token=…）
api-rule-dingtalk_secret = 必须是钉钉机器人“加签”一栏显示的以 SEC 开头的密钥
api-rule-wecom_key = 必须是企业微信群机器人的 key（或含 key= 的 Webhook 地址）

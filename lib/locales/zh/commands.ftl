## Telegram 命令菜单（scripts/set-webhook.ts 通过 setMyCommands 设置；不随机器人 Worker 部署）
cmd-start = 开始
cmd-appointment = 申请政企约见
cmd-urgent = 提交紧急诉求
cmd-policy = 政策咨询
cmd-cases = 本企业的诉求
cmd-status = 查看诉求进展
cmd-language = 切换语言
cmd-privacy = 我的个人信息
cmd-deleteme = 删除我的个人信息
cmd-help = 帮助
cmd-cancel = 取消填写

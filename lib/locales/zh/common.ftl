## 通用
welcome =
    <b>您好！欢迎使用海南外资企业服务台。</b>
    我们帮助外商投资企业申请政企约见、提交紧急诉求和政策咨询，并由企业服务专员全程负责。
    请选择您的语言。
language-prompt = 请选择语言：
language-set = 已切换为中文。
language-button-zh = 中文
language-button-en = English
error-internal = 抱歉，处理您的消息时出错，请稍后再试。您的数据没有丢失。
unknown-input = 我没有理解这条消息。发送 /start 重新开始，或 /help 查看可用功能。
stale-button = 此按钮已失效，请重新开始。
# Ends a text cut to fit Telegram's limit; plain text (no markup), $command shows the text whole.
full-text-at = （全文：{ $command }）

## Rate limits (domain/rate-limits.ts)
rate-limited = 您的{ $what }已达上限（每 { $hours } 小时 { $limit } 次）。请于 { $at } 之后再试。
rate-what-case_filing = 新诉求提交
rate-what-firm_request = 企业登记或加入申请
rate-what-case_message = 向诉求补充的留言和文件
robot-title = 通知
robot-web-link = 在网页中办理

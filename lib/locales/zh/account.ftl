## 帮助与菜单
help =
    <b>海南外资企业服务台</b>
    /appointment — 申请政企约见（7 个工作日内安排）
    /urgent — 提交紧急诉求（3 个工作日内会商；特别紧急的第一时间响应）
    /policy — 政策咨询（10 个工作日内答复）
    /cases — 查看本企业的诉求
    /status 编号 — 查看某项诉求的进展，如 /status HN-2026-000123
    /language — 切换语言
    /privacy — 查看我们保存的您的信息
    /deleteme — 删除您的个人信息
    /cancel — 取消正在填写的内容
    发送照片或文件可作为附件（单个不超过 20 MB）。

## 个人信息
privacy-summary =
    <b>我们保存的您的信息</b>
    Telegram 编号：{ $telegramId }
    语言：{ $locale }
    姓名：{ $name }
    电话：{ $phone }
    同意告知时间：{ $acceptedAt }
    所属企业：{ $firms }
    您提交的诉求：{ $cases } 项
    发送 /deleteme 可删除您的个人信息。
privacy-none = （无）
deleteme-confirm = 确定删除您的姓名、电话、聊天编号、企业成员身份、我们为您保存或涉及您的消息、尚未归入诉求的文件，以及您填写的文字（诉求内容、留言、撤回理由、评价意见、文件名）吗？您提交的诉求将以匿名方式保留其事实和办理经过，以便政府继续办理和督办。此操作不可撤销。
deleteme-yes = 确定删除
deleteme-no = 保留
deleteme-done = 已删除您的个人信息。诉求记录已匿名化保留。如需再次使用，请发送 /start。
deleteme-kept = 已保留，未做任何删除。
erased-text = 〔已应本人要求删除〕

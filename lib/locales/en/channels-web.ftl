# The notice channels' admin page (the supervisors' web only).
admin-channels = Notice channels
admin-done-channel-saved = The notice channel was saved.
channel-note = Where each unit's and specialist's reminders, digests and supervision notices go. A robot's credential is stored encrypted and shown afterwards only as its last 4 characters; notices go to the robot instead of Telegram.
channel-units = Units
channel-specialists = Specialists
channel-where = Hears through
channel-last-error = Last refusal
channel-change = Change
channel-save = Save
channel-test-button = Send a test message
web-field-chatId = Telegram chat id
web-field-webhookUrl = DingTalk webhook URL
web-field-secret = DingTalk signing secret
web-field-key = WeCom robot key
web-field-mentionMobiles = Mobiles to @-mention

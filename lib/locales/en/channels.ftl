# Notice channels: where a unit and a specialist hear reminders, digests and supervision notices (Telegram, a DingTalk robot, a WeCom robot).
channel-kind-telegram = Telegram
channel-kind-dingtalk = DingTalk robot
channel-kind-wecom = WeCom robot
channel-test-message = [Test] Hainan Investor Service Desk: this group will receive reminders, digests and supervision notices here.
channel-test-ok = The { $kind } took the test message (errcode { $errcode }: { $errmsg }).
channel-test-refused = The { $kind } refused the test message: errcode { $errcode }, { $errmsg }. Check the robot's webhook URL, signing secret or key and set it again.
channel-test-sealed = The robot's credential does not open with CHANNEL_CREDENTIALS_KEY (was the key changed?): set the robot again.
channel-no-key = CHANNEL_CREDENTIALS_KEY (at least 32 characters) is not set: robot credentials cannot be stored.
channel-no-robot = This unit or specialist has no robot set: there is nothing to test.
api-rule-mobile = must be 11-digit mainland China mobile numbers, comma-separated (at most 10)
api-rule-dingtalk_webhook = must be a DingTalk robot's webhook URL (https://oapi.dingtalk.com/robot/send?access_token=…)
api-rule-dingtalk_secret = must be the secret starting with SEC shown under the DingTalk robot's “signing” (加签) setting
api-rule-wecom_key = must be a WeCom group robot's key (or its webhook URL with key=)

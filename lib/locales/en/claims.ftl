## Verifying claims on firms (the bot and the supervisors' web)
claim-request =
    <b>A claim on a firm awaits verification</b>
    { $applicant } (Telegram { $telegramId }, phone { $phone }) registered as acting for “{ $name }” ({ $uscc }, { $area }).
    Until verified they may file cases (marked “firm not verified”), see only what they filed, and approve nobody. Check with the firm, then choose:
claim-button-verify = ✅ Verified
claim-button-reject = ✖ Not confirmed
claim-decided = Decided: { $applicant }'s claim on “{ $name }” — { $decision }
claim-decision-verified = verified
claim-decision-rejected = not confirmed
claim-not-allowed = You may not verify this claim, or it was decided already.
claim-verified-notice = ✅ A specialist has verified that you act for “{ $name }”. You now see all the firm's cases and can approve colleagues who ask to join.
claim-rejected-notice = A specialist could not confirm that you act for “{ $name }”. The requests you filed are still handled; send /help or contact the business-environment department if in doubt.
firm-unverified-mark = ⚠️ firm not verified

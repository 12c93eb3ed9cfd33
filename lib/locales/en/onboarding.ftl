## Personal information notice (PIPL)
privacy-notice =
    <b>How we handle your personal information</b>
    Until you agree, we keep only your Telegram account number and the language you chose, and take in nothing else. Once you agree, we keep:
    • your name and phone number (optional), your firm and its unified social credit code;
    • what you submit (meeting requests, appeals, questions) and its attachments.
    <b>Why</b>: to handle your requests, let an enterprise service specialist contact you, and send you progress updates.
    <b>Who sees it</b>: the specialist responsible for your firm, their unit head and the business-environment department; never other firms.
    <b>How long</b>: 3 years after a case is closed (for supervision), then deleted or anonymised.
    Send /privacy at any time to see what we keep, and /deleteme to erase your personal information.
privacy-accept = Agree and continue
privacy-decline = Decline
privacy-declined = You declined: we keep no personal information and cannot take requests. Send /start if you change your mind.
privacy-required = Please read and accept the notice on personal information first.
registration-intro = Thank you! Now let us register your firm. If it is registered already, the same unified social credit code lets you ask to join it.
firm-exists = The firm “{ $name }” is registered already. Submitting asks to join it; a current member or the firm's specialist must approve.
firm-registered = ✅ The firm “{ $name }” is registered. A specialist will verify that you act for it; until then you can already request meetings, file appeals and ask policy questions (marked “firm not verified”), and you see only what you filed.
firm-join-pending = Your request to join “{ $name }” was sent and awaits approval by a current member or the firm's specialist. We will tell you when it is decided.
firm-join-request =
    <b>Request to join your firm</b>
    { $applicant } asks to join the firm with unified social credit code { $uscc } as a member. Approve only if this person works for the firm.
button-approve = Approve
button-reject = Reject
join-approved-notice = ✅ Your request to join “{ $name }” was approved. You can now request meetings, file appeals and ask policy questions.
join-rejected-notice = Your request to join “{ $name }” was not approved. Contact the firm or send /help if in doubt.
join-decided = Decided: { $applicant } — { $decision }
join-decision-approved = approved
join-decision-rejected = rejected
join-not-allowed = You may not decide this request, or it was decided already.
registration-needed = Please register or join your firm before filing a request.
membership-pending = Your request to join a firm awaits approval.

## Main menu
menu-title = What would you like to do?
menu-appointment = 🤝 Meet an official
menu-urgent = 🚨 Urgent appeal
menu-policy = 📘 Policy question
menu-cases = 📂 My cases
menu-help = ❓ Help
menu-language = 🌐 中文 / English

## Help and menu
help =
    <b>Hainan Investor Service Desk</b>
    /appointment — request a meeting with officials (arranged within 7 working days)
    /urgent — file an urgent appeal (heard within 3 working days; especially urgent ones at once)
    /policy — ask a policy question (answered within 10 working days)
    /cases — your firm's cases
    /status REF — one case's progress, e.g. /status HN-2026-000123
    /language — change the language
    /privacy — what we keep about you
    /deleteme — erase your personal information
    /cancel — stop what you are filling in
    Send photos or files to attach them (up to 20 MB each).

## Personal information
privacy-summary =
    <b>What we keep about you</b>
    Telegram id: { $telegramId }
    Language: { $locale }
    Name: { $name }
    Phone: { $phone }
    Notice accepted: { $acceptedAt }
    Firms: { $firms }
    Cases you filed: { $cases }
    Send /deleteme to erase your personal information.
privacy-none = (none)
deleteme-confirm = Erase your name, phone, chat id, your firm memberships, the messages we hold for you or about you, files not yet part of a case, and the words you wrote (case descriptions, messages, reasons, comments, file names)? The cases you filed stay, anonymised, with their facts and history, so that the government can finish and supervise them. This cannot be undone.
deleteme-yes = Erase
deleteme-no = Keep
deleteme-done = Your personal information was erased; your cases remain, anonymised. Send /start to use the service again.
deleteme-kept = Kept. Nothing was erased.
erased-text = [erased at the person's request]

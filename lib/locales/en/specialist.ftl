## Notices to specialists (they read Chinese; English kept for parity and bilingual units)
owner-investor_message = [{ $ref }] The firm added a message:
    { $text }
owner-withdrawn = [{ $ref }] The firm withdrew this case. Reason: { $reason }
owner-attachment = [{ $ref }] The firm added the file “{ $name }”.
owner-assigned =
    <b>[{ $ref }] New { $kind }: first response due by { $firstDue }</b>
    Firm: { $firm } ({ $uscc }, { $area }){ $unverified }
    Resolution due: { $due }
    { $calendarWarning }Summary: { $summary }
    The firm's own words:
    { $original }
queue-assigned =
    <b>[{ $ref }] New { $kind } with no specialist for the firm: in the business-environment department's queue</b>
    Firm: { $firm } ({ $uscc }, { $area }){ $unverified }
    First response: { $firstDue }; resolution: { $due }
    Summary: { $summary }

## Specialist buttons and actions
sp-button-ack = ✅ Acknowledge
sp-button-reply = 💬 Reply to the firm
sp-button-info = 📎 Request information
sp-button-meet = 📅 Schedule the meeting
sp-button-transfer = ↪️ Transfer
sp-button-resolve = 🏁 Resolve
sp-not-allowed = You may not do this on this case (only its owner, their unit head or the business-environment department may).
sp-done = [{ $ref }] done: { $action }.
sp-stale = This case was just changed by someone else; open it again first: /case { $ref }
sp-action-ack = acknowledge
sp-action-reply = reply to the firm
sp-action-info = request information
sp-action-meet = schedule the meeting
sp-action-transfer = transfer
sp-action-resolve = resolve
field-text = Reply
field-request = Information requested
field-date = Meeting date
field-time = Meeting time
field-place = Place or video link
field-official = Official who attended
field-to = Receiving specialist's id
field-reason = Reason
field-outcome = Outcome
ask-sp-reply-text = Type your <b>reply</b> to the firm (passed on as written, labelled as from the specialist).
ask-sp-info-request = Which <b>information or documents</b> should the firm add?
ask-sp-meet-date = Meeting <b>date</b> (YYYY-MM-DD, a working day no later than the resolution deadline).
ask-sp-meet-time = Meeting <b>time</b> (HH:MM, Beijing time).
ask-sp-meet-place = Meeting <b>place</b> or video link.
ask-sp-transfer-to = The receiving <b>specialist's id</b> (given by the admin, e.g. hk-li).
ask-sp-transfer-reason = The <b>reason</b> for the transfer.
ask-sp-resolve-outcome = Summarise the <b>outcome</b> (it is sent to the firm).
rule-date = it must be a date as YYYY-MM-DD
rule-time = it must be a time as HH:MM
rule-specialist-id = it must be a specialist id (lower-case letters, digits and -)
transfer-unknown = No active specialist has the id { $to }; nothing was transferred.
mine-title = <b>Your open cases</b> ({ $count }, overdue first):
mine-line = { $overdue }{ $ref } · { $kind } · { $status } · due { $due }
mine-overdue = ⚠️overdue 
mine-empty = You have no open cases.
case-usage = Add the reference after the command, e.g. /case HN-2026-000123.
specialist-case =
    <b>{ $ref }</b> · { $kind } · { $status }
    Firm: { $firm }{ $unverified }
    First response due: { $firstDue }
    Resolution due: { $due }
    Summary: { $summary }
specialist-case-original =
    The firm's own words:
    { $original }
join-usage = Send the invite code the admin gave you, e.g. /join ABCD-EFGH-JKLM.
join-invalid = This invite code is invalid, expired or used. Ask the admin for a new one.
join-welcome = Welcome, { $name } ({ $unit }, { $role }). New cases and reminders will arrive here. Send /duty on to go on duty, /mine for your cases.
role-specialist = enterprise service specialist
role-unit_head = unit head
role-bizenv = business-environment department
role-admin = admin
duty-on = You are on duty: new cases in your area without a specialist of their own come to you.
duty-off = You are off duty.
duty-usage = Usage: /duty on or /duty off
not-a-specialist = This command is for registered enterprise service specialists.

## Reminders, escalation notices and digests (to specialists and supervisors)
queue-owner = not yet assigned
unreachable-notice = [{ $ref }] The firm's contact has blocked the bot or the chat is gone; progress updates cannot be delivered. Please reach the firm by phone or other means.
deputy-usage = Usage: /deputy <specialist id> (e.g. /deputy hk-li), or /deputy off to clear it.
deputy-set = { $deputy } is now your deputy: your reminder letters also go to them.
deputy-cleared = You have no deputy now.
deputy-unknown = No active specialist has the id { $deputy }.
web-link = Your sign-in link to the supervisors' web (ledger and figures), valid for { $minutes } minutes and once only — do not forward it:
    { $link }


## Deadline rules (the day of receipt is not counted)
deadline-rule-appointment = a meeting is held within { $days } working days after the day of receipt
deadline-rule-urgent = the firm is heard, or a consultation held, within { $days } working days after the day of receipt
deadline-rule-especially_urgent = a response at once, within { $hours } hours of receipt (holidays included), and a consultation within { $days } working days after the day of receipt
deadline-rule-policy = a clear answer within { $days } working days after the day of receipt
deadline-first-response = the specialist responds first within { $days } working day(s)
due-at = { $date } (Beijing time, UTC+8)
calendar-warning = ⚠️ Note: the official holiday schedule for { $year } is not published yet; the date counts weekends only and may change once it is.

## Confirmation
case-submitted =
    ✅ Your { $kind } was received as <b>{ $ref }</b>.
    Deadline: { $rule }.
    Due by: <b>{ $due }</b>
    Next: an enterprise service specialist will contact you by { $firstDue }, and we will tell you of every step. Send /status { $ref } at any time.

## Viewing cases
cases-title = <b>Your firm's cases</b> (latest { $count }):
cases-line = { $ref } · { $kind } · { $status } · due { $due }
cases-empty = Your firm has no cases yet. Send /appointment, /urgent or /policy to file one.
case-not-found = No case { $ref } was found, or you may not see it. Check the reference, or send /cases to list your firm's cases.
status-usage = Add the reference after the command, e.g. /status HN-2026-000123.
case-detail =
    <b>{ $ref }</b> · { $kind }
    Status: <b>{ $status }</b>
    Received: { $received }
    { $summary }
case-timeline-title = <b>History</b>:
case-timeline-line = { $at } — { $event }
button-withdraw = Withdraw
button-add-message = Add a message or file
event-received = Received
event-assigned = Assigned to a specialist
event-acknowledged = Acknowledged by the specialist
event-withdrawn = Withdrawn by the firm
event-investor_message = The firm added a message
event-attachment = The firm added a file
event-status_changed = Status updated

## Withdrawing and adding
withdraw-ask-reason = Please say briefly why you withdraw { $ref } (send /cancel to keep it).
withdraw-not-open = { $ref } is “{ $status }” and can no longer be withdrawn.
case-withdrawn = { $ref } was withdrawn. Send /start to file a new request.
message-ask = Send the message, photos or files to add to { $ref } (send /cancel when done).
message-added = Your addition is in the history of { $ref } and was passed to the responsible specialist.
attachment-added = The file “{ $name }” was added to { $target }.
attachment-pending = the request you are filling in
attachment-too-large = The file “{ $name }” has { $size } MB, over the 20 MB limit; it was not kept.
attachment-limit = A case may have at most { $max } files; this one was not kept.
attachment-where = Which case is the file for? Open it with /status REF, tap “Add a message or file”, then send the file.

## Status updates (to the firm)
status-update =
    <b>[{ $ref }] Status: { $status }</b>
    { $detail }Next: { $next }
    Responsible unit: { $unit }
    Progress: { $link }
next-acknowledge = the specialist's first response, by { $due }
next-resolve = resolution, by { $due }
next-meeting = the meeting on { $when } at { $place }
next-feedback = please rate how your case was handled
next-none = none
detail-reply = The specialist replies: { $text }
detail-info = The specialist asks you to add: { $text } (send /status { $ref } and tap “Add a message or file”)
detail-resolved = Outcome: { $text }
event-specialist_reply = The specialist replied
event-info_requested = The specialist asked for more information
event-meeting_scheduled = Meeting scheduled
event-meeting_rescheduled = Meeting rescheduled
event-meeting_delegated = Meeting delegated to another official
event-transfer_requested = Transfer requested
event-transferred = Passed to a new specialist
event-resolved = Resolved
event-reopened = Reopened: the firm was not satisfied
event-closed = Closed
event-feedback = The firm gave feedback
event-escalated = Escalated as overdue
event-reminder = The specialist was reminded
event-dues_changed = Deadlines changed

## Satisfaction survey
survey =
    <b>[{ $ref }] How was your case handled?</b>
    Your case was resolved. Are you satisfied with the outcome? Your answer helps us improve.
survey-reminder =
    <b>[{ $ref }] Reminder: please rate the outcome</b>
    Without an answer within 3 working days, the case closes as "no feedback".
survey-satisfied = 😊 Satisfied
survey-basically_satisfied = 🙂 Mostly satisfied
survey-unsatisfied = 🙁 Unsatisfied
survey-thanks = Thank you! [{ $ref }] is closed. If you like, send one line of comment (optional).
survey-reopened = We reopened [{ $ref }] with the specialist; the new deadline is { $due }. Please tell us why you were not satisfied (optional).
survey-comment-saved = Your comment is recorded. Thank you.
survey-closed-no-feedback = [{ $ref }] closed as "no feedback". If the problem remains, please file it again.
field-case_message = Message on the case
field-withdraw_reason = Reason for withdrawing

## Supervision notices (三书一函): formal documents the supervising office issues to the responsible unit (bots/notice-document.ts)
doc-date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
doc-due-time = { $date }, { $time }
doc-principal-unnamed = its principal
doc-overdue-days = { $n } working days
doc-overdue-hours = { $n } hours
doc-number = { $number }
doc-number-pending = Number: given at sign-off
doc-deadline-by = by { $date }
doc-deadline-after-signing = within { $n } working days of sign-off
doc-issuer-default = Hainan Provincial Department of Business Environment Development
doc-addressee = To { $unit } ({ $principal }):
doc-facts = The { $kind } filed by { $firm } on { $received } (ref { $ref }) is in your unit's charge. Its "{ $obligation }" was due by { $due }; on the day this notice is issued it has still not been done, { $overdue } late.
doc-title-reminder_letter = Reminder Letter
doc-title-rectification_notice = Rectification Notice
doc-title-key_supervision_notice = Key Supervision Notice
doc-title-accountability_interview = Accountability Interview Notice
doc-demand-reminder_letter = Your unit is asked to have the responsible specialist act at once, to finish { $deadline }, and to report in writing to { $issuer }.
doc-demand-rectification_notice = Your unit is ordered to rectify within the time limit: finish the matter above { $deadline }, find why it was late, and report the rectification in writing to { $issuer }.
doc-demand-key_supervision_notice = After a reminder and an order to rectify, the matter is still not done and is now under key supervision. Your unit's principal is to oversee it in person, finish it { $deadline }, and report the rectification in writing to { $issuer }.
doc-demand-accountability_interview = After key supervision the matter is still not done. { $issuer } will hold an accountability interview with your unit's responsible officials. Report the rectification and the causes of the delay in writing to { $issuer } { $deadline }, and attend the interview as notified.
doc-kind-appointment = meeting request
doc-kind-urgent = urgent appeal
doc-kind-especially_urgent = urgent appeal (especially urgent)
doc-kind-policy = policy question
doc-kind-ordinary = ordinary matter
doc-obligation-first_response = first response
doc-obligation-assessment = assessment
doc-obligation-meeting_held = meeting held
doc-obligation-hearing_held = hearing or consultation held
doc-obligation-answer = answer
doc-button-reply = 📝 Record rectification

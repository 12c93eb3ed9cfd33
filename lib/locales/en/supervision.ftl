## Sign-off (the department)
sv-draft =
    <b>Supervision notice drafted, awaiting sign-off</b> (level { $level }: { $title })
    [{ $ref }] is overdue; the system drafted the notice below. Sign-off numbers it and sends it to { $unit }.

    { $document }
sv-button-sign = ✍️ Sign off
sv-sign-reminder = ⏰ A supervision notice draft ([{ $ref }] { $title } to { $unit }, drafted { $drafted }) has waited a working day for sign-off. Please review and sign it off.
sv-sign-reminder-hours = ⏰ A supervision notice draft ([{ $ref }] { $title } to { $unit }, drafted { $drafted }) runs on hours and has waited { $hours } hour(s) for sign-off. Please review and sign it off now.
sv-signed = Signed off: { $title }, number { $number }, sent to { $unit }.
sv-refused-not-allowed = Only officers of the business-environment department can sign off supervision notices.
sv-refused-signed = This notice was already signed off (number { $number }).
sv-refused-void = This draft is void: the overdue step has been taken, so it is not issued.
sv-refused-obligation-met = The { $obligation } of [{ $ref }] has been done: this draft is not signed off and will be voided.
sv-not-found = This supervision notice was not found.

## The unit's reply (整改情况)
sv-reply-ask = Type the <b>rectification report</b> for [{ $ref }] { $number } ({ $title }) in one message, at most { $max } characters. It goes to the { $issuer }.
sv-reply-not-allowed = Only staff of the unit the notice is addressed to ({ $unit }) can record its rectification.
sv-reply-not-signed = This notice is not signed off yet; no rectification can be recorded.
sv-reply-already = The rectification for this notice was recorded on { $at } and cannot be recorded twice.
sv-reply-empty = Rectification report: must not be empty. Please type it again.
sv-reply-too-long = Rectification report: at most { $max } characters (this one has { $length }). Please shorten it and send it again.
sv-reply-recorded = Recorded the rectification for [{ $ref }] { $number } and reported it to the { $issuer }.
sv-replied =
    📝 [{ $ref }] { $number } ({ $title }): rectification from { $unit } (recorded by { $by }, { $at }):
    { $text }

## Cases recorded by staff (12345, service-hall counters, 企业码, phone)
field-channel = Channel
field-ticket_no = 12345 ticket number
field-received_at = Time of receipt
field-firm_uscc = Firm's unified social credit code
field-firm_name = Firm name
field-firm_area = Firm's city, county or park
field-caller_name = Contact
field-caller_phone = Contact phone
field-case_kind = Kind of request
field-case_text = Request

option-channel-telegram = the bot
option-channel-hotline_12345 = 12345 hotline
option-channel-service_hall = service-hall counter
option-channel-enterprise_code = enterprise code (企业码)
option-channel-phone = phone

option-record-kind-appointment = meeting request
option-record-kind-urgent = urgent appeal
option-record-kind-especially_urgent = urgent appeal (especially urgent)
option-record-kind-policy = policy question

ask-record-channel = How did the <b>request come in</b>?
ask-record-ticket_no = Please enter the <b>12345 ticket number</b> (letters, digits or dashes):
ask-record-received_at = Please enter the <b>time of receipt</b> (Beijing time, like 2026-03-02 09:30; the deadlines count from it; not later than now, not more than 30 days back); tap “Skip” if it is now.
ask-record-firm_uscc = Please enter the firm's <b>unified social credit code</b> (18 characters):
ask-record-firm_name = This firm is not registered yet. Please enter its <b>name</b>:
ask-record-firm_area = Please choose the firm's <b>city, county or park</b>:
ask-record-caller_name = Please enter the <b>contact's name</b>:
ask-record-caller_phone = Please enter the <b>contact's phone</b>:
ask-record-case_kind = Please choose the <b>kind of request</b>:
ask-record-case_text = Please enter the <b>request</b> (the firm's words or the ticket's text):

rule-receipt-time = write a Beijing time like 2026-03-02 09:30, on a date that exists
rule-receipt-future = the time of receipt cannot be later than now
rule-receipt-too-old = the time of receipt cannot be more than { $days } days back
rule-ticket-format = a ticket number has 4–40 letters, digits or dashes
rule-ticket-only-hotline = only a 12345 hotline case has a ticket number
rule-ticket-taken = this ticket is recorded already as case { $ref }: one case per ticket

record-not-staff = Only enterprise service specialists and the business-environment department's staff record cases.
record-owner-notice =
    <b>[{ $ref }] New { $kind } ({ $channel }): first response by { $firstDue }</b>
    Firm: { $firm } ({ $uscc })
    Received: { $receivedAt }; recorded by { $recorder }; contact: { $contact }
    Due: { $due }
    Summary: { $summary }
    Request:
    { $original }
record-queue-notice =
    <b>[{ $ref }] New { $kind } ({ $channel }) with no specialist: in the department's queue</b>
    Firm: { $firm } ({ $uscc })
    Received: { $receivedAt }; recorded by { $recorder }; contact: { $contact }
    First response: { $firstDue }; due: { $due }
    Summary: { $summary }
    Request:
    { $original }
record-done = Case <b>{ $ref }</b> ({ $kind }) recorded, received { $receivedAt }. First response by { $firstDue }; due { $due }.
record-firm-told = The firm's members in the bot have been told.
record-pass-link = The firm has no verified members in the bot yet: please pass the case link on to the firm: { $link }

## Supervisors' web: recording a case (12345, service-hall counters, 企业码, phone)
web-nav-record = Record a case
web-record-title = Record a case
web-record-button = Record
web-record-ticket-hint = Only a 12345 hotline case has a ticket number; each ticket is recorded once.
web-record-receipt-hint = Beijing time, like 2026-03-02 09:30; empty means now. The deadlines count from it; not later than now, not more than 30 days back.
web-record-new-firm-hint = For a firm not registered yet, give its name and its city, county or park (it is created unverified).
web-record-done = Case recorded:
web-record-firm-told = The firm's members in the bot have been told.
web-record-pass-link = The firm has no verified members in the bot yet: please pass this case link on to the firm:
web-record-no-key = Recording a case needs CASE_LINK_SECRET (the bot's value) on this Worker, to give the firm its case link.
web-filter-channel = Channel

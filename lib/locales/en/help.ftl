## /help for each role (the investor's is `help` in account.ftl)
help-staff-common =
    /case REF — a case's details and the steps you can take, e.g. /case HN-2026-000123
    /web — a one-time sign-in link to the supervisors' web (valid 10 minutes)
    /help — this help
help-specialist =
    <b>Enterprise service specialist ({ $name }, { $unit })</b>
    /mine — your open cases (overdue first)
    /record — record a case received through 12345, a service-hall counter, 企业码 or by phone
    /duty on or /duty off — start or end your duty (on duty you take new cases of your area whose firm has no specialist)
    /deputy ID or /deputy off — set or clear your deputy
    { $common }
    New cases and reminders come here; the buttons under them acknowledge, reply, assess, schedule, answer or resolve.
help-unit_head =
    <b>Unit head ({ $name }, { $unit })</b>
    /mine — your open cases
    /record — record a case received through 12345, a service-hall counter, 企业码 or by phone
    /duty on or /duty off — start or end your duty
    /deputy ID or /deputy off — set or clear your deputy
    { $common }
    Supervision notices (三书一函) to your unit come here: answer with the “rectification report” button; you approve meetings delegated to another official.
help-bizenv =
    <b>Business-environment department ({ $name }, { $unit })</b>
    /record — record a case received through 12345, a service-hall counter, 企业码 or by phone
    { $common }
    Cases with no specialist wait in your queue: the first step taken on one takes it. Drafts of supervision notices come here to sign off with their button; transfers need your approval. The web shows every case, the supervision and the figures.
help-admin =
    <b>Admin ({ $name })</b>
    { $common }
    In the web's administration: invite or deactivate specialists, assign firms, change the deadlines, upload the holiday calendar, send undelivered messages again. Admins neither act on nor record cases.

## Case kinds and statuses
kind-appointment = meeting request
kind-urgent = urgent appeal
kind-especially_urgent = urgent appeal (especially urgent)
kind-policy = policy question
status-received = Received
status-assigned = Assigned to a specialist
status-acknowledged = Acknowledged by the specialist
status-in_progress = In progress
status-meeting_scheduled = Meeting scheduled
status-resolved = Resolved, awaiting your feedback
status-closed = Closed
status-withdrawn = Withdrawn
unit-queue = business-environment department (being assigned)

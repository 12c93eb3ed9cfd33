## Alerts to the operations staff (sent by the bot's Worker)
calendar-alert = [Calendar] The official holiday schedule for { $year } is not loaded; deadlines in that year count weekends only. Please upload the State Council schedule through the admin API.
outbox-dead-alert = [Undelivered] { $count } message(s) could not be delivered and are no longer retried ({ $error }). Send /web to sign in to the supervisors' web and see “Admin → Undelivered messages” (/web/admin/outbox) to read why and send them again.

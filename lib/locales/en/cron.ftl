## What the cron sends: only the jobs Worker renders these (lib/locales/jobs-catalogs.ts)

## Due reminders (to the owner; the department for unowned cases)
alert-day_before = ⏰ [{ $ref }] { $kind } of { $firm }: the { $obligation } is due tomorrow ({ $due }). Please act in time.
alert-due_day = ⏰ [{ $ref }] { $kind } of { $firm }: the { $obligation } is due today ({ $due }). Please complete it today.
alert-within_hours = ⏰ [{ $ref }] { $kind } of { $firm }: the { $obligation } is due by { $due }, less than an hour from now. Please act at once.
alert-overdue = ❗ [{ $ref }] { $kind } of { $firm }: the { $obligation } is overdue (due { $due }). Please act now; overdue matters are put under supervision.

## Daily digests
digest-title = <b>Daily digest ({ $date })</b>: your { $count } open cases, overdue first.
digest-unit-title = <b>Unit digest ({ $date })</b>: { $count } open cases of { $unit }, overdue first.
digest-queue-title = <b>Queue digest ({ $date })</b>: { $count } open cases nobody owns yet, overdue first. Please acknowledge or assign them.
digest-claims = <b>Claims on firms to verify ({ $date })</b>: { $count }; please decide them in the supervisors' web, under Claims.
digest-more = … and { $more } more: send /mine or open the supervisors' web for all of them.
digest-line = { $overdue }{ $ref } · { $kind } · { $status } · due { $due }{ $owner }

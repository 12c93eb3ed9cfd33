## Validation messages of the admin API
schedule-date = must be a real date as YYYY-MM-DD
schedule-kind = must be holiday or workday (a make-up working day)
schedule-duplicate = { $date } appears twice
schedule-workday-on-weekday = { $date } is a weekday already; a make-up working day falls on a weekend
schedule-empty = contains no dates
schedule-one-year = { $date } is outside the { $year } notice: one upload holds one year's notice, its dates in that year or in the December before it
schedule-json = is not valid JSON
schedule-days = must be an array of days
api-rule-required = is required
api-rule-invalid_type = has the wrong type
api-rule-too_small = is too short or too small
api-rule-too_big = is too long or too large
api-rule-invalid_value = is not one of the allowed values
api-rule-invalid_format = has the wrong format
api-rule-slug = must be 2–40 lower-case letters, digits or -
api-rule-unknown = is not acceptable
calendar-alert = [Calendar] The official holiday schedule for { $year } is not loaded; deadlines in that year count weekends only. Please upload the State Council schedule through the admin API.

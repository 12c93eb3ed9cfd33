## Forms
button-back = ◀ Back
button-skip = Skip
button-cancel = ✖ Cancel
button-submit = ✔ Submit
form-hint = Send /cancel at any time to stop.
form-optional-hint = (optional: tap “Skip”)
form-invalid = ⚠️ “{ $field }”: { $rule }. Please try again.
form-cancelled = Cancelled. Nothing was saved.
form-expired = Your unfinished request was left for over 24 hours and has expired. Please start again.
form-nothing-to-cancel = There is nothing to cancel.
form-review-title = Please check the details and tap “Submit”:
form-review-line = <b>{ $label }</b>: { $value }
form-review-empty = (none)
form-review-shortened = <i>Long answers are shortened here to fit one message; they are kept in full with the case.</i>

## Validation rules
rule-required = it must not be empty
rule-control-characters = it must not contain control characters
rule-single-line = it must be a single line
rule-too-short = it needs at least { $min } characters
rule-too-long = it may have at most { $max } characters (it has { $length })
rule-pick-an-option = please choose with the buttons below
rule-phone = it must be a mainland mobile (e.g. 13800138000), a landline (e.g. 0898-66668888) or an international number (e.g. +85212345678)
rule-preferred-time = please include a date, e.g. 2026-03-02 morning
rule-uscc-empty = please enter the 18-character unified social credit code
rule-uscc-length = the unified social credit code has 18 characters (this one has { $length })
rule-uscc-illegal_character = character { $position }, “{ $character }”, is not allowed (I, O, S, V and Z are never used)
rule-uscc-check_digit = the check character (the 18th) is wrong: it should be “{ $expected }”; please check the code
rule-uscc-division = characters 3–8 must be the administrative division code (digits)
rule-firm-name = give the Chinese or the English name, or both

## General
welcome =
    <b>Hello! Welcome to the Hainan Investor Service Desk.</b>
    We help foreign-invested firms request meetings with officials, file urgent appeals and ask policy questions, each owned by an enterprise service specialist.
    Please choose your language.
language-prompt = Please choose your language:
language-set = Language set to English.
language-button-zh = 中文
language-button-en = English
error-internal = Sorry, something went wrong while handling your message. Please try again shortly; nothing you sent was lost.
unknown-input = I did not understand that. Send /start to begin again, or /help to see what I can do.
stale-button = This button is no longer valid. Please start again.
# Ends a text cut to fit Telegram's limit; plain text (no markup), $command shows the text whole.
full-text-at = {" "}(full text: { $command })

## Rate limits (domain/rate-limits.ts)
rate-limited = You have reached the limit for { $what } ({ $limit } in { $hours ->
        [one] an hour
       *[other] { $hours } hours
    }). Please try again after { $at }.
rate-what-case_filing = new requests
rate-what-firm_request = requests to register or join a firm
rate-what-case_message = messages and files added to cases
robot-title = Notice
robot-web-link = Open in the web

## The command menu Telegram shows (set by scripts/set-webhook.ts through setMyCommands; not in the bot's Worker)
cmd-start = Start
cmd-appointment = Request a meeting
cmd-urgent = File an urgent appeal
cmd-policy = Ask a policy question
cmd-cases = My firm's cases
cmd-status = A case's progress
cmd-language = Change language
cmd-privacy = My personal information
cmd-deleteme = Erase my personal information
cmd-help = Help
cmd-cancel = Cancel the form

## Hand-overs when a specialist is deactivated (workers/hand-over-notices.ts)
handed-to-queue = [{ $ref }] The responsible specialist ({ $from }) was deactivated; this { $kind } is now in the business-environment department's queue. Please name a new owner soon: /case { $ref }

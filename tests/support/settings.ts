// Settings of the Worker under test (the servers' URLs are added by the global setup).
export const TEST_SETTINGS = {
  TELEGRAM_BOT_TOKEN: "7000000001:TEST_token_0123456789abcdefghij",
  TELEGRAM_WEBHOOK_SECRET: "test-webhook-secret-0123456789",
  TELEGRAM_BOT_USERNAME: "HainanDeskTestBot",
  PUBLIC_BASE_URL: "http://desk.test",
  ADMIN_API_TOKEN: "test-admin-token-0123456789abcdef",
  WEB_SESSION_SECRET: "test-web-session-secret-0123456789abcdef",
  CASE_LINK_SECRET: "test-case-link-secret-0123456789abcdef",
  PORTAL_WEBHOOK_SECRET: "test-portal-secret-0123456789abcdef",
  CHANNEL_CREDENTIALS_KEY: "test-channel-credentials-key-0123456789",
  // The files share one database and some tick at dates months apart (2026 cron scenarios, today's
  // date): a tick at today's date must not purge the sent rows another file's past-dated ticks still
  // look at. tests/worker/retention.test.ts runs retention with production's periods.
  OUTBOX_RETENTION_DAYS: "365",
} as const;

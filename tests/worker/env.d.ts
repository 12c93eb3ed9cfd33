import type { Env as WorkerEnv } from "../../workers/env.ts";
import type { JobsEnv } from "../../workers/jobs/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv, JobsEnv {
      /** Only the web Worker reads it; the tests pass it to the web app they call in-process. */
      WEB_SESSION_SECRET?: string;
      /** The web Worker's passkey limit (vitest.config.ts binds it as workers/web/wrangler.toml does). */
      PASSKEY_LIMITER?: import("../../workers/web/env.ts").WebEnv["PASSKEY_LIMITER"];
    }
    interface GlobalProps {
      mainModule: typeof import("../../workers/index.ts");
    }
  }
}

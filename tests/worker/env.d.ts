import type { Env as WorkerEnv } from "../../workers/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
    interface GlobalProps {
      mainModule: typeof import("../../workers/index.ts");
    }
  }
}

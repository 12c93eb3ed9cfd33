// The International Service Portal's webhook: one signed POST per event (../portal.ts), not paced
// by anyone's limits; chat 0 is its one endpoint.
import type { OutboxRow } from "../claim.ts";
import { postPortalEvent, type PortalTarget } from "../portal.ts";
import { Refusal, type Channel } from "./channel.ts";

export class PortalChannel implements Channel {
  readonly #target: PortalTarget | undefined;

  constructor(target: PortalTarget | undefined) {
    this.#target = target;
  }

  waitFor(): number {
    return 0;
  }

  async send(row: OutboxRow, _clock: number, at: number): Promise<void> {
    if (!this.#target) throw new Refusal("give_up", "PORTAL_WEBHOOK_URL is not set");
    await postPortalEvent(this.#target, row.dedupeKey, row.payload, at);
  }
}

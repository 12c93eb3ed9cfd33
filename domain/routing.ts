// 首问负责制 (§4, §6): whom a new case goes to. One rule, used by the bot's intake, cases recorded
// by staff and the admin API: the firm's own specialist → the longest-serving specialist on duty in
// the firm's city/county or park → the business-environment department's queue (no owner).

export interface RoutingCandidate {
  specialistId: string;
  /** Active, and bound to a chat, so they can hear of the case. */
  reachable: boolean;
  /** The firm's assigned specialist. */
  assigned: boolean;
  /** On duty in the firm's area (specialists and unit heads only). */
  onDutyInArea: boolean;
  createdAt: number;
}

export type Route = { ownerId: string; rule: "firm_specialist" | "on_duty" } | { ownerId: null; rule: "department_queue" };

export function routeCase(candidates: readonly RoutingCandidate[]): Route {
  const usable = candidates.filter((c) => c.reachable);
  const own = usable.find((c) => c.assigned);
  if (own) return { ownerId: own.specialistId, rule: "firm_specialist" };
  const onDuty = usable.filter((c) => c.onDutyInArea).sort((a, b) => a.createdAt - b.createdAt || a.specialistId.localeCompare(b.specialistId))[0];
  if (onDuty) return { ownerId: onDuty.specialistId, rule: "on_duty" };
  return { ownerId: null, rule: "department_queue" };
}

// 首问负责制 (§4, §6): a new case goes to the firm's specialist; if none, to the on-duty specialist of
// the firm's area; if none, to the business-environment department's queue.
import { describe, expect, it } from "vitest";
import { routeCase, type Route, type RoutingCandidate } from "../../domain/routing.ts";

const DAY = 86_400_000;
/** A candidate: reachable, not the firm's, not on duty, created on day 10, unless told otherwise. */
const who = (specialistId: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({ specialistId, reachable: true, assigned: false, onDutyInArea: false, createdAt: 10 * DAY, ...over });

describe("routeCase", () => {
  it.each<[string, RoutingCandidate[], Route]>([
    ["the firm's own specialist", [who("own", { assigned: true }), who("duty", { onDutyInArea: true, createdAt: DAY })], { ownerId: "own", rule: "firm_specialist" }],
    ["the firm's specialist who is also on duty", [who("own", { assigned: true, onDutyInArea: true })], { ownerId: "own", rule: "firm_specialist" }],
    ["the firm's specialist unreachable: the on-duty specialist", [who("own", { assigned: true, reachable: false }), who("duty", { onDutyInArea: true })], { ownerId: "duty", rule: "on_duty" }],
    ["no firm specialist: the longest-serving on duty", [who("newer", { onDutyInArea: true, createdAt: 20 * DAY }), who("older", { onDutyInArea: true, createdAt: 5 * DAY })], { ownerId: "older", rule: "on_duty" }],
    ["on duty since the same instant: by id", [who("sp-b", { onDutyInArea: true }), who("sp-a", { onDutyInArea: true })], { ownerId: "sp-a", rule: "on_duty" }],
    ["the longest-serving on duty is unreachable: the next", [who("older", { onDutyInArea: true, createdAt: DAY, reachable: false }), who("newer", { onDutyInArea: true })], { ownerId: "newer", rule: "on_duty" }],
    ["specialists elsewhere, not on duty here: the queue", [who("elsewhere")], { ownerId: null, rule: "department_queue" }],
    ["nobody reachable: the queue", [who("own", { assigned: true, reachable: false }), who("duty", { onDutyInArea: true, reachable: false })], { ownerId: null, rule: "department_queue" }],
    ["no candidates: the queue", [], { ownerId: null, rule: "department_queue" }],
  ])("%s", (_, candidates, route) => {
    expect(routeCase(candidates)).toEqual(route);
  });

  it("does not depend on the candidates' order", () => {
    const candidates = [who("c", { onDutyInArea: true, createdAt: 3 * DAY }), who("a", { onDutyInArea: true, createdAt: 3 * DAY }), who("b", { onDutyInArea: true, createdAt: 2 * DAY })];
    expect(routeCase(candidates)).toEqual(routeCase([...candidates].reverse()));
    expect(routeCase(candidates).ownerId).toBe("b");
  });
});

// Who hears of a case: each audience is a SELECT of (key_suffix, chat_id, locale) rows for
// enqueueForRecipients. Specialists and units read Chinese; investors have their own language.
import { sql, type SQL } from "drizzle-orm";

const specialistChat = sql`COALESCE(s.notice_chat_id, s.telegram_id)`;

export function bizenvDepartment(): SQL {
  return sql`SELECT 'bizenv:' || s.id AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.role = 'bizenv' AND s.active = 1 AND s.telegram_id IS NOT NULL`;
}

/** The owner; a case still in the queue goes to the business-environment department. */
export function owner(ownerId: string | null): SQL {
  if (!ownerId) return bizenvDepartment();
  return specialist(ownerId, "owner");
}

export function ownerAndDeputy(ownerId: string | null): SQL {
  if (!ownerId) return bizenvDepartment();
  return sql`${owner(ownerId)}
    UNION ALL
    SELECT 'deputy', COALESCE(d.notice_chat_id, d.telegram_id), 'zh'
      FROM specialists o JOIN specialists d ON d.id = o.deputy_id WHERE o.id = ${ownerId} AND d.active = 1`;
}

/** The owner's unit head(s) and the unit's group chat. */
export function unitHeads(ownerId: string | null): SQL {
  if (!ownerId) return bizenvDepartment();
  return sql`SELECT 'head:' || s.id AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists o JOIN specialists s ON s.unit_id = o.unit_id AND s.role = 'unit_head' AND s.active = 1
              WHERE o.id = ${ownerId}
    UNION ALL
    SELECT 'unit:' || u.id, u.notice_chat_id, 'zh' FROM specialists o JOIN units u ON u.id = o.unit_id WHERE o.id = ${ownerId}`;
}

/** The department's admins and its group chat: the last step of the ladder. */
/** Any one specialist by id (a transfer's proposed owner), only while active; `when` adds a condition. */
export function specialist(id: string, keySuffix: string, when: SQL = sql`1 = 1`): SQL {
  return sql`SELECT ${keySuffix} AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.id = ${id} AND s.active = 1 AND ${when}`;
}

/** Admins only (not the department's group): told of operational problems such as a missing calendar year. */
export function admins(): SQL {
  return sql`SELECT 'admin:' || s.id AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.role = 'admin' AND s.active = 1 AND s.telegram_id IS NOT NULL`;
}

export function departmentAdmins(): SQL {
  return sql`SELECT 'admin:' || s.id AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.role = 'admin' AND s.active = 1 AND s.telegram_id IS NOT NULL
    UNION ALL
    SELECT 'bizunit:' || u.id, u.notice_chat_id, 'zh' FROM units u WHERE u.kind = 'bizenv'`;
}

/** Active members of the firm who can be reached, in their own language. */
export function firmMembers(firmId: string): SQL {
  return sql`SELECT 'member:' || u.telegram_id AS key_suffix, u.chat_id AS chat_id, u.locale AS locale
               FROM firm_members m JOIN users u ON u.telegram_id = m.telegram_id
              WHERE m.firm_id = ${firmId} AND m.status = 'active' AND u.unreachable_at IS NULL`;
}

export const AUDIENCES = {
  owner_and_deputy: ownerAndDeputy,
  unit_head: unitHeads,
  bizenv: () => bizenvDepartment(),
  admin: () => departmentAdmins(),
} as const;

/** A unit's head(s) and its group chat, by the unit's id: the addressee of a supervision notice. */
export function unitById(unitId: string): SQL {
  return sql`SELECT 'head:' || s.id AS key_suffix, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.unit_id = ${unitId} AND s.role = 'unit_head' AND s.active = 1
    UNION ALL
    SELECT 'unit:' || u.id, u.notice_chat_id, 'zh' FROM units u WHERE u.id = ${unitId}`;
}

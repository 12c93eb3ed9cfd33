// Who hears of a case: each audience is a SELECT of (key_suffix, channel, chat_id, locale) rows for
// enqueueForRecipients. Specialists and units read Chinese; investors have their own language.
// A unit or specialist with a group robot (notice_robots, set by an admin) hears through it: the
// channel is the robot's kind and chat_id its id; otherwise Telegram, to its notice chat.
import { sql, type SQL } from "drizzle-orm";

/** A recipient on Telegram only (investors, admins' operational alerts). */
export const TELEGRAM = sql.raw(`'telegram' AS channel`);

/** Where the specialist `alias` hears: its robot, else its notice chat or private chat. */
const specialistTo = (alias = "s") =>
  sql.raw(`COALESCE((SELECT nr.kind FROM notice_robots nr WHERE nr.specialist_id = ${alias}.id), 'telegram') AS channel,
    COALESCE((SELECT nr.id FROM notice_robots nr WHERE nr.specialist_id = ${alias}.id), ${alias}.notice_chat_id, ${alias}.telegram_id) AS chat_id`);
/** Where the unit `alias` hears: its robot, else its Telegram group. */
const unitTo = (alias = "u") =>
  sql.raw(`COALESCE((SELECT nr.kind FROM notice_robots nr WHERE nr.unit_id = ${alias}.id), 'telegram') AS channel,
    COALESCE((SELECT nr.id FROM notice_robots nr WHERE nr.unit_id = ${alias}.id), ${alias}.notice_chat_id) AS chat_id`);
const specialistChat = sql`COALESCE(s.notice_chat_id, s.telegram_id)`;

export function bizenvDepartment(): SQL {
  return sql`SELECT 'bizenv:' || s.id AS key_suffix, ${specialistTo()}, 'zh' AS locale
               FROM specialists s WHERE s.role = 'bizenv' AND s.active = 1 AND s.telegram_id IS NOT NULL`;
}

/** The owner; a case still in the queue goes to the business-environment department. */
export function owner(ownerId: string | null): SQL {
  if (!ownerId) return bizenvDepartment();
  return specialist(ownerId, "owner");
}

/** The owner's unit head(s) and the unit's group chat. */
export function unitHeads(ownerId: string | null): SQL {
  if (!ownerId) return bizenvDepartment();
  return sql`SELECT 'head:' || s.id AS key_suffix, ${specialistTo()}, 'zh' AS locale
               FROM specialists o JOIN specialists s ON s.unit_id = o.unit_id AND s.role = 'unit_head' AND s.active = 1
              WHERE o.id = ${ownerId}
    UNION ALL
    SELECT 'unit:' || u.id, ${unitTo()}, 'zh' FROM specialists o JOIN units u ON u.id = o.unit_id WHERE o.id = ${ownerId}`;
}

/**
 * The supervising office: the business-environment department's officers and its unit's group
 * chat. Drafts to sign off, reminders of unsigned drafts and the units' replies go here.
 */
export function supervisingOffice(): SQL {
  return sql`${bizenvDepartment()}
    UNION ALL
    SELECT 'bizunit:' || u.id, ${unitTo()}, 'zh' FROM units u WHERE u.kind = 'bizenv'`;
}

/**
 * Whom an issued supervision notice is addressed to: the responsible unit's group chat and heads,
 * the case's owner and the owner's deputy; one message per chat (an owner who heads the unit
 * gets it once).
 */
export function noticeAddressees(unitId: string, ownerId: string | null): SQL {
  return sql`SELECT min(key_suffix) AS key_suffix, channel, chat_id, 'zh' AS locale FROM (
      SELECT 'unit:' || u.id AS key_suffix, ${unitTo()} FROM units u WHERE u.id = ${unitId}
      UNION ALL
      SELECT 'head:' || s.id, ${specialistTo()} FROM specialists s
       WHERE s.unit_id = ${unitId} AND s.role = 'unit_head' AND s.active = 1 AND s.telegram_id IS NOT NULL
      UNION ALL
      SELECT 'owner', ${specialistTo()} FROM specialists s WHERE s.id = ${ownerId} AND s.active = 1
      UNION ALL
      SELECT 'deputy', ${specialistTo("d")} FROM specialists o JOIN specialists d ON d.id = o.deputy_id
       WHERE o.id = ${ownerId} AND d.active = 1
    ) WHERE chat_id IS NOT NULL GROUP BY channel, chat_id`;
}

/** Any one specialist by id (a transfer's proposed owner), only while active; `when` adds a condition. */
export function specialist(id: string, keySuffix: string, when: SQL = sql`1 = 1`): SQL {
  return sql`SELECT ${keySuffix} AS key_suffix, ${specialistTo()}, 'zh' AS locale
               FROM specialists s WHERE s.id = ${id} AND s.active = 1 AND ${when}`;
}

/**
 * Admins only (not the department's group): told of operational problems such as a missing calendar
 * year or a dead letter, always on Telegram, so a broken robot cannot swallow its own alert.
 */
export function admins(): SQL {
  return sql`SELECT 'admin:' || s.id AS key_suffix, ${TELEGRAM}, ${specialistChat} AS chat_id, 'zh' AS locale
               FROM specialists s WHERE s.role = 'admin' AND s.active = 1 AND s.telegram_id IS NOT NULL`;
}

/**
 * Who hears of a case on the firm's side, in their own language, if they can be reached: the firm's
 * verified members, and the person who filed it while their claim on the firm awaits verification.
 */
export function firmMembers(firmId: string, caseId: string): SQL {
  return sql`SELECT 'member:' || u.telegram_id AS key_suffix, ${TELEGRAM}, u.chat_id AS chat_id, u.locale AS locale
               FROM firm_members m JOIN users u ON u.telegram_id = m.telegram_id
              WHERE m.firm_id = ${firmId} AND u.unreachable_at IS NULL
                AND (m.status = 'active' OR (m.status = 'unverified' AND m.telegram_id = (SELECT created_by FROM cases WHERE id = ${caseId})))`;
}


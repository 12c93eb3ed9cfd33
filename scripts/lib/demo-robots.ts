// For the local sandbox's demo seed: a DingTalk or WeCom group robot for a unit or a specialist,
// made up, registered with the fake robots (npm start's ROBOTS_PORT) and set through the admin API,
// as an admin would set a real one. What the robot then gets shows at the fake's page.
import { randomBytes, randomUUID } from "node:crypto";

export interface DemoRobotOptions {
  /** The bot Worker (npm start: http://127.0.0.1:8787) and its ADMIN_API_TOKEN (.data/local-secrets.json: adminToken). */
  workerUrl: string;
  adminToken: string;
  /** The fake robots (npm start prints it as robot_groups). */
  robotsUrl: string;
  kind: "dingtalk" | "wecom";
  /** Whose robot it is: a unit's group or a specialist's. */
  owner: { unitId: string } | { specialistId: string };
  /** Comma-separated. */
  mentionMobiles?: string;
}

/** Sets up the robot; answers the admin API's reply (kind and the credential's last 4 characters). */
export async function addDemoRobot(options: DemoRobotOptions): Promise<{ kind: string; hint: string }> {
  const control = (body: unknown) => fetch(`${options.robotsUrl}/__control/robots`, { method: "POST", body: JSON.stringify(body) });
  let setting: Record<string, unknown>;
  if (options.kind === "dingtalk") {
    const accessToken = randomBytes(32).toString("hex");
    const secret = `SEC${randomBytes(32).toString("hex")}`;
    await control({ vendor: "dingtalk", accessToken, secret });
    setting = { kind: "dingtalk", webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${accessToken}`, secret };
  } else {
    const key = randomUUID();
    await control({ vendor: "wecom", key });
    setting = { kind: "wecom", key };
  }
  if (options.mentionMobiles) setting.mentionMobiles = options.mentionMobiles;
  const path = "unitId" in options.owner ? `units/${options.owner.unitId}` : `specialists/${options.owner.specialistId}`;
  const response = await fetch(`${options.workerUrl}/admin/${path}/channel`, {
    method: "PUT",
    headers: { authorization: `Bearer ${options.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(setting),
  });
  if (!response.ok) throw new Error(`setting the demo robot failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { kind: string; hint: string };
}

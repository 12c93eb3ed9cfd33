// Fake DingTalk custom robots and WeCom group robots, for the tests and `npm start`'s sandbox. They
// answer as the vendors do (lib/robots/dingtalk.ts and wecom.ts cite the documentation): DingTalk
// checks the signature and that the timestamp is within an hour of its clock (310000), knows its
// access tokens (300001), allows 20 messages a minute per robot (130101) and refuses very long
// messages; WeCom knows its keys (93000), allows 20 a minute (45009) and refuses markdown over 4,096
// bytes and text over 2,048 (40058). Everything they got is recorded, taken or refused. Their
// clock can be moved forward (/__control/clock), so a test of the minute window need not wait one.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface RobotReceipt {
  seq: number;
  at: number;
  vendor: "dingtalk" | "wecom";
  /** The access token or key it came to. */
  robot: string;
  query: Record<string, string>;
  body: unknown;
  errcode: number;
  errmsg: string;
}

export interface FakeRobots {
  url: string;
  /** Registers a robot: DingTalk with its access token and signing secret, WeCom with its key; `name`: its group's, for the page. */
  add(robot: ({ vendor: "dingtalk"; accessToken: string; secret: string } | { vendor: "wecom"; key: string }) & { name?: string }): void;
  received(robot?: string): RobotReceipt[];
  close(): Promise<void>;
}

const PER_MINUTE = 20;
const MINUTE = 60_000;
const DINGTALK_MAX_BYTES = 20_000;
const WECOM_MARKDOWN_BYTES = 4096;
const WECOM_TEXT_BYTES = 2048;

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function startFakeRobots(options: { port?: number; host?: string } = {}): Promise<FakeRobots> {
  const dingtalk = new Map<string, string>();
  const wecom = new Set<string>();
  const names = new Map<string, string>();
  const sent = new Map<string, number[]>();
  let receipts: RobotReceipt[] = [];
  let seq = 0;
  let offset = 0;
  const clock = () => Date.now() + offset;

  /** Counts a message against the robot's minute; false when it is the 21st. */
  const withinMinute = (robot: string, now: number) => {
    const recent = (sent.get(robot) ?? []).filter((t) => t > now - MINUTE);
    sent.set(robot, recent);
    if (recent.length >= PER_MINUTE) return false;
    recent.push(now);
    return true;
  };

  function dingtalkAnswer(query: URLSearchParams, raw: string, body: Record<string, unknown>, now: number): [number, string] {
    const token = query.get("access_token") ?? "";
    const secret = dingtalk.get(token);
    if (secret === undefined) return [300001, "token is not exist"];
    const timestamp = Number(query.get("timestamp"));
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > 3_600_000) return [310000, "invalid timestamp"];
    const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    if (!same(query.get("sign") ?? "", expected)) return [310000, "sign not match"];
    if (Buffer.byteLength(raw) > DINGTALK_MAX_BYTES) return [460101, "message too long"];
    const markdown = body.markdown as { title?: unknown; text?: unknown } | undefined;
    if (body.msgtype !== "markdown" && body.msgtype !== "text") return [40035, "缺少参数 msgtype"];
    if (body.msgtype === "markdown" && (typeof markdown?.title !== "string" || typeof markdown.text !== "string")) return [40035, "缺少参数 markdown"];
    if (!withinMinute(`dingtalk:${token}`, now)) return [130101, "send too fast, exceed 20 times per minute"];
    return [0, "ok"];
  }

  function wecomAnswer(query: URLSearchParams, body: Record<string, unknown>, now: number): [number, string] {
    const key = query.get("key") ?? "";
    if (!wecom.has(key)) return [93000, "invalid webhook url"];
    if (body.msgtype === "markdown") {
      const content = (body.markdown as { content?: unknown } | undefined)?.content;
      if (typeof content !== "string" || !content) return [44004, "empty content"];
      if (Buffer.byteLength(content) > WECOM_MARKDOWN_BYTES) return [40058, `markdown.content exceed max length ${WECOM_MARKDOWN_BYTES}`];
    } else if (body.msgtype === "text") {
      const content = (body.text as { content?: unknown } | undefined)?.content;
      if (typeof content !== "string" || !content) return [44004, "empty content"];
      if (Buffer.byteLength(content) > WECOM_TEXT_BYTES) return [40058, `text.content exceed max length ${WECOM_TEXT_BYTES}`];
    } else return [40008, "invalid message type"];
    if (!withinMinute(`wecom:${key}`, now)) return [45009, "api freq out of limit"];
    return [0, "ok"];
  }

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/__control/received") return send(res, 200, api.received(url.searchParams.get("robot") ?? undefined));
    if (url.pathname === "/__control/robots" && req.method === "POST") {
      api.add(JSON.parse(await readText(req)));
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__control/clock" && req.method === "POST") {
      offset += Number((JSON.parse(await readText(req)) as { advanceMs: number }).advanceMs);
      return send(res, 200, { ok: true, offset });
    }
    if (url.pathname === "/" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(groupsPage(receipts, names));
    }
    const vendor = url.pathname === "/robot/send" ? "dingtalk" : url.pathname === "/cgi-bin/webhook/send" ? "wecom" : undefined;
    if (!vendor || req.method !== "POST") return send(res, 404, { errcode: 404, errmsg: "not found" });
    const raw = await readText(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, 200, { errcode: 40035, errmsg: "invalid json" });
    }
    const now = clock();
    const [errcode, errmsg] = vendor === "dingtalk" ? dingtalkAnswer(url.searchParams, raw, body, now) : wecomAnswer(url.searchParams, body, now);
    const robot = url.searchParams.get(vendor === "dingtalk" ? "access_token" : "key") ?? "";
    receipts.push({ seq: ++seq, at: now, vendor, robot, query: Object.fromEntries(url.searchParams), body, errcode, errmsg });
    // Both vendors answer HTTP 200 with the error in the body.
    send(res, 200, { errcode, errmsg });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const api: FakeRobots = {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    add: (robot) => {
      const id = robot.vendor === "dingtalk" ? robot.accessToken : robot.key;
      if (robot.vendor === "dingtalk") dingtalk.set(id, robot.secret);
      else wecom.add(id);
      if (robot.name) names.set(id, robot.name);
    },
    received: (robot) => receipts.filter((r) => robot === undefined || r.robot === robot),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        receipts = [];
      }),
  };
  return api;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The sandbox's view: each robot's group (by its name, else vendor and key's end) as its members would read it, newest last. */
function groupsPage(receipts: RobotReceipt[], names: Map<string, string>): string {
  const groups = new Map<string, RobotReceipt[]>();
  for (const r of receipts) {
    const name = `${r.vendor} · ${names.get(r.robot) ?? `…${r.robot.slice(-4)}`}`;
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  const shown = (r: RobotReceipt) => {
    const body = r.body as { markdown?: { title?: string; text?: string; content?: string }; text?: { content?: string } };
    const text = body.markdown?.text ?? body.markdown?.content ?? body.text?.content ?? "";
    return `<li class="${r.errcode ? "refused" : ""}"><pre>${escape(text)}</pre>${r.errcode ? `<small>${r.errcode} ${escape(r.errmsg)}</small>` : ""}</li>`;
  };
  const sections = [...groups].map(([name, list]) => `<section><h2>${escape(name)}</h2><ol>${list.map(shown).join("")}</ol></section>`).join("");
  return `<!doctype html><meta charset="utf-8"><title>DingTalk / WeCom groups (fake)</title>
<style>body{font:14px system-ui;margin:2em}pre{white-space:pre-wrap;background:#f4f6f8;padding:.6em;border-radius:6px}.refused pre{opacity:.5}small{color:#b00}</style>
<h1>钉钉 / 企业微信 群 (fake robots)</h1>${sections || "<p>No messages yet.</p>"}`;
}

// A libSQL server of its own behind a loopback proxy that the fault suite breaks on purpose:
// cut the connection before a request reaches sqld, lose the answer after sqld did the work,
// or stop and start sqld itself (same port, same data). Controlled over HTTP, so tests inside
// workerd can arm it with fetch.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { startSqld, type RunningSqld } from "../../scripts/lib/sqld.ts";

export type DbFaultMode = "refuse" | "lose-answer";

interface ArmedFault {
  mode: DbFaultMode;
  /** Requests let through before the fault starts. */
  after: number;
  /** Requests the fault then takes. */
  times: number;
}

export interface FaultDb {
  url: string;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

export async function startFaultDb(dataDir: string): Promise<FaultDb> {
  const sqldPort = await freePort();
  let sqld: RunningSqld | null = await startSqld({ dataDir, port: sqldPort, quiet: true });
  await applyMigrations(sqld.url);
  const upstream = sqld.url;
  let fault: ArmedFault | null = null;
  const stats = { forwarded: 0, refused: 0, lost: 0 };

  async function control(req: IncomingMessage, res: ServerResponse) {
    const action = req.url!.slice("/__control/".length);
    if (action === "fault" && req.method === "POST") {
      const armed = JSON.parse((await body(req)).toString()) as ArmedFault;
      if (!["refuse", "lose-answer"].includes(armed.mode)) return json(res, 400, { error: "mode must be refuse or lose-answer" });
      fault = { mode: armed.mode, after: armed.after ?? 0, times: armed.times ?? 1 };
      return json(res, 200, { ok: true });
    }
    if (action === "clear" && req.method === "POST") {
      fault = null;
      return json(res, 200, { ok: true });
    }
    if (action === "stop" && req.method === "POST") {
      await sqld?.stop();
      sqld = null;
      return json(res, 200, { ok: true });
    }
    if (action === "start" && req.method === "POST") {
      sqld ??= await startSqld({ dataDir, port: sqldPort, quiet: true });
      return json(res, 200, { ok: true });
    }
    if (action === "stats") return json(res, 200, stats);
    return json(res, 404, { error: "unknown control" });
  }

  async function forward(req: IncomingMessage, res: ServerResponse) {
    const payload = await body(req);
    let armed: ArmedFault | null = fault;
    if (armed && armed.after > 0) {
      armed.after -= 1;
      armed = null;
    } else if (armed) {
      armed.times -= 1;
      if (armed.times <= 0) fault = null;
    }
    if (armed?.mode === "refuse") {
      stats.refused += 1;
      return req.socket.destroy();
    }
    let answer: Response;
    try {
      answer = await fetch(`${upstream}${req.url}`, {
        method: req.method!,
        headers: { "content-type": req.headers["content-type"] ?? "application/json", ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) },
        ...(payload.length ? { body: new Uint8Array(payload) } : {}),
      });
    } catch {
      // sqld is down: the client sees what it would see without the proxy, a dead connection.
      return req.socket.destroy();
    }
    const text = Buffer.from(await answer.arrayBuffer());
    if (armed?.mode === "lose-answer") {
      stats.lost += 1;
      return req.socket.destroy();
    }
    stats.forwarded += 1;
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(text);
  }

  const server = createServer((req, res) => {
    const handler = req.url!.startsWith("/__control/") ? control : forward;
    handler(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sqld?.stop();
    },
  };
}

// Public GETs answered from the Cache API (caches.default, one cache per Cloudflare location) for a
// short while, so a flood of the same request reaches the database once per TTL and location, not
// once per request. Concurrent first requests may each miss; after that, every one is a hit.
import type { Context, MiddlewareHandler } from "hono";

/** Statuses worth keeping: the answers that cost a database read (not 400s, which cost none). */
const KEPT = new Set([200, 404, 503]);
/** The route's own status and Cache-Control, kept beside the cache's (it keeps only some statuses, and expires by max-age). */
const STATUS = "x-edge-cache-status";
const CLIENT_CACHE_CONTROL = "x-edge-cache-client-cache-control";

/**
 * Serves the route's answer from the cache when a fresh copy is there; otherwise runs the route and keeps
 * its answer for `ttlSeconds`. `keyOf` names the answer and must cover everything it depends on (hash
 * secrets first); undefined skips the cache (e.g. a malformed token, answered without the database).
 * Set-Cookie is never kept; headers set before this middleware apply to hits too.
 */
export function edgeCache(ttlSeconds: number, keyOf: (c: Context) => string | undefined | Promise<string | undefined>): MiddlewareHandler {
  return async (c, next) => {
    const key = await keyOf(c);
    if (key === undefined) return next();
    const request = new Request(new URL(`/__edge-cache/${key}`, c.req.url));
    const hit = await caches.default.match(request);
    if (hit) return replay(c, hit);
    await next();
    if (!KEPT.has(c.res.status)) return;
    const copy = c.res.clone();
    const headers = new Headers(copy.headers);
    headers.delete("set-cookie");
    headers.set(STATUS, String(copy.status));
    headers.set(CLIENT_CACHE_CONTROL, copy.headers.get("cache-control") ?? "");
    headers.set("cache-control", `public, max-age=${ttlSeconds}`);
    // Awaited (a few ms, on a miss only) rather than left to waitUntil: the answer must not depend on an
    // execution context. A failed put costs only the next request a fresh answer.
    await caches.default.put(request, new Response(copy.body, { headers })).catch(() => undefined);
  };
}

async function replay(c: Context, hit: Response): Promise<Response> {
  const headers = new Headers(hit.headers);
  const status = Number(headers.get(STATUS)) as 200 | 404 | 503;
  const clientCacheControl = headers.get(CLIENT_CACHE_CONTROL);
  // The cache's own headers go; the body's length is the runtime's to set.
  for (const name of [STATUS, CLIENT_CACHE_CONTROL, "cache-control", "cf-cache-status", "content-length"]) headers.delete(name);
  if (clientCacheControl) headers.set("cache-control", clientCacheControl);
  return c.body(await hit.arrayBuffer(), status, Object.fromEntries(headers));
}

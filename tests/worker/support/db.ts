import { createClient, type InArgs } from "@libsql/client/web";
import { env } from "cloudflare:workers";

/** Rows straight from the libSQL server, to assert what the Worker stored. */
export async function rows<T = Record<string, unknown>>(sql: string, args: InArgs = []): Promise<T[]> {
  const client = createClient({ url: env.LIBSQL_URL as string });
  try {
    const result = await client.execute({ sql, args });
    return result.rows as unknown as T[];
  } finally {
    client.close();
  }
}

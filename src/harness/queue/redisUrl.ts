/**
 * The `--queue redis://HOST:PORT[/DB]` argument: parsed and checked once where
 * it enters, into the connection options BullMQ hands to ioredis.
 */
import type { ConnectionOptions } from "bullmq";

/** A Redis server to reach. */
export interface RedisTarget {
  /** The URL as shown to users (any password replaced by `***`). */
  readonly display: string;
  /** Host name or address. */
  readonly host: string;
  /** TCP port; default 6379. */
  readonly port: number;
  /** Database number; default 0. */
  readonly db: number;
  /** ACL user name; null when none. */
  readonly username: string | null;
  /** Password; null when none. */
  readonly password: string | null;
  /** TLS (`rediss://`). */
  readonly tls: boolean;
}

/** A parsed URL, or why it is not one (a message that names the form to use). */
export type RedisUrlOutcome = { readonly ok: true; readonly target: RedisTarget } | { readonly ok: false; readonly message: string };

/** The default Redis port. */
export const DEFAULT_REDIS_PORT = 6379;

/** Parses `redis://[user:password@]HOST[:PORT][/DB]` (or `rediss://` for TLS). */
export function parseRedisUrl(raw: string): RedisUrlOutcome {
  const bad = (why: string): RedisUrlOutcome => ({ ok: false, message: `"${raw}" is not a Redis URL (${why}); use redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379/0` });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad("cannot parse it");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") return bad(`scheme ${url.protocol} instead of redis: or rediss:`);
  if (url.hostname === "") return bad("no host");
  if (url.search !== "" || url.hash !== "") return bad("query or fragment not supported");
  const port = url.port === "" ? DEFAULT_REDIS_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return bad(`port ${url.port}`);
  const dbText = url.pathname.replace(/^\//, "");
  const db = dbText === "" ? 0 : Number(dbText);
  if (!/^\d*$/.test(dbText) || !Number.isInteger(db)) return bad(`database "${dbText}" is not a non-negative integer`);
  const username = url.username === "" ? null : decodeURIComponent(url.username);
  const password = url.password === "" ? null : decodeURIComponent(url.password);
  const auth = username === null && password === null ? "" : `${url.username}${password === null ? "" : ":***"}@`;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1"); // IPv6 literals come bracketed
  return {
    ok: true,
    target: { display: `${url.protocol}//${auth}${url.host}${url.port === "" ? `:${port}` : ""}/${db}`, host, port, db, username, password, tls: url.protocol === "rediss:" },
  };
}

/** BullMQ connection options for `target`; `extra` overrides (e.g. no retries for a reachability probe). */
export function connectionOptions(target: RedisTarget, extra: Record<string, unknown> = {}): ConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username !== null ? { username: target.username } : {}),
    ...(target.password !== null ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
    ...extra,
  };
}

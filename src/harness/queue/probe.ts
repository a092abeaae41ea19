/**
 * Whether a Redis server answers, checked once before a coordinator or worker
 * starts (their own connections retry for ever, which would hang on a wrong
 * URL): one connection without retries, one command, a timeout.
 */
import { Queue } from "bullmq";
import { DEFAULT_CONNECT_TIMEOUT_MS } from "./options.js";
import { connectionOptions, type RedisTarget } from "./redisUrl.js";

/** Reachable, or the reason (the client's error message). */
export type ProbeOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Reaches `target` with one connection attempt of at most `timeoutMs` and one read. */
export async function probeRedis(target: RedisTarget, timeoutMs: number = DEFAULT_CONNECT_TIMEOUT_MS): Promise<ProbeOutcome> {
  const queue = new Queue("geopipe-probe", {
    connection: connectionOptions(target, { retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, enableOfflineQueue: false }),
  });
  queue.on("error", () => undefined); // reported through the outcome
  let outcome: ProbeOutcome;
  try {
    const client = await queue.client; // connects, selects the database and checks the server version
    await client.get(queue.toKey("probe"));
    outcome = { ok: true };
  } catch (e) {
    outcome = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  await queue.close().catch(() => undefined);
  return outcome;
}

/** Settings shared by the queue's coordinator and workers, with their defaults (docs/distributed.md). */

/** BullMQ queue name both sides use unless `--queue-name` says otherwise. */
export const DEFAULT_QUEUE_NAME = "geopipe";

/**
 * How long finished jobs and the documents they refer to stay in Redis, seconds (7 days): long enough for
 * a coordinator restarted later to collect what the workers finished meanwhile; BullMQ drops older ones.
 */
export const DEFAULT_KEEP_SEC = 7 * 24 * 3600;

/** How long a connection attempt may take before Redis counts as unreachable, ms. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/**
 * The documents queued cells refer to (topology, models, workload JSON),
 * stored once per content hash under the queue's key prefix with an expiry,
 * so that a job's data stays small whatever the size of the workload file.
 * Workers fetch each document once and check its hash.
 */
import type { Queue } from "bullmq";
import type { BlobRef } from "./payload.js";
import { sha256Hex } from "./payload.js";
import type { SourceBlob } from "./resolvedInputs.js";

/** What the store needs of a BullMQ Queue or Worker: its key prefix and its client. */
export type QueueClient = Pick<Queue, "toKey" | "client">;

/** The Redis key of a document. */
export function blobKey(queue: QueueClient, sha256: string): string {
  return queue.toKey(`geopipe-blob:${sha256}`);
}

/** Stores `blobs` (each once), refreshing their expiry to `ttlSec`. */
export async function storeBlobs(queue: QueueClient, blobs: readonly SourceBlob[], ttlSec: number): Promise<void> {
  const client = await queue.client;
  const unique = new Map(blobs.map((b) => [b.sha256, b]));
  await Promise.all([...unique.values()].map((b) => client.set(blobKey(queue, b.sha256), b.text, { EX: ttlSec })));
}

/** Documents a worker keeps in memory (the oldest is dropped beyond this). */
export const BLOB_CACHE_ENTRIES = 32;

/**
 * Fetches the documents `refs` name that `cache` lacks, checks their hashes and adds them to `cache`;
 * returns null, or why a document is unusable.
 */
export async function fetchBlobs(queue: QueueClient, refs: readonly BlobRef[], cache: Map<string, string>): Promise<string | null> {
  const client = await queue.client;
  for (const r of refs) {
    if (cache.has(r.sha256)) continue;
    const text = await client.get(blobKey(queue, r.sha256));
    if (text === null) return `the document of ${r.file} (sha256 ${r.sha256.slice(0, 12)}) is not in Redis (expired or deleted); run the coordinator again`;
    if (sha256Hex(text) !== r.sha256) return `the document of ${r.file} in Redis does not match its hash; run the coordinator again`;
    cache.set(r.sha256, text);
    if (cache.size > BLOB_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return null;
}

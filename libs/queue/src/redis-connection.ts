/**
 * Connection options for BullMQ. maxRetriesPerRequest null lets workers ride out a Redis
 * restart instead of throwing; offline commands queue until the connection is back.
 */
export function redisConnectionOptions(url: string): { url: string; maxRetriesPerRequest: null; enableOfflineQueue: true } {
  return { url, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

export interface WaitOptions {
  /** Upper bound; the wait fails with `description` when it passes. */
  timeoutMs?: number;
  intervalMs?: number;
  description: string;
}

/**
 * Polls `probe` until it returns a value other than undefined/false, within a bounded time.
 * Tests wait for conditions this way instead of sleeping for a guessed duration.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out waiting for ${options.description}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

import { ConnectorError } from '@labpulse/connectors';
import type { PollOutcome } from '@labpulse/persistence';

/** What a failed poll means for the source: when to try again and in which state. */
export function outcomeForError(error: ConnectorError, now: Date, intervalSeconds: number): PollOutcome {
  const regular = new Date(now.getTime() + intervalSeconds * 1000);
  switch (error.action) {
    case 'delay_platform': {
      // The whole platform waits (see SourceRepository.pausePlatform): shown as this source's pause.
      const until = laterOf(now, resetAt(error));
      return {
        status: 'paused',
        error: error.message,
        nextPollAt: laterOf(regular, until),
        pausedUntil: until,
        success: false,
      };
    }
    case 'pause_source': {
      const until = resetAt(error) ?? regular;
      return { status: 'paused', error: error.message, nextPollAt: until, pausedUntil: until, success: false };
    }
    case 'auth_failed':
      return { status: 'auth_failed', error: error.message, nextPollAt: regular, pausedUntil: null, success: false };
    case 'retry':
    case 'fail':
      return { status: 'failing', error: error.message, nextPollAt: regular, pausedUntil: null, success: false };
  }
}

function resetAt(error: ConnectorError): Date | null {
  if ('resetAt' in error && error.resetAt instanceof Date) return error.resetAt;
  if ('resumeAt' in error && error.resumeAt instanceof Date) return error.resumeAt;
  return null;
}

function laterOf(a: Date, b: Date | null): Date {
  return b && b > a ? b : a;
}

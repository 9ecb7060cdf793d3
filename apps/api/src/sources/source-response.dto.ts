import { ApiProperty } from '@nestjs/swagger';
import { PLATFORM_SOURCE_KINDS, SOURCE_KINDS, type SourceKind } from '@labpulse/connectors';
import { POLL_QUEUE_BY_KIND, type PollQueueName } from '@labpulse/queue';
import type { SourceStatus } from '@labpulse/persistence';
import { SOURCE_STATUSES } from './source-fields';
import type { SourceHealthView, SourceView } from './source-view';
import type { PollRequestView, ResumeView, SourceListView } from './sources.service';

const NULLABLE_TIME = { type: String, format: 'date-time', nullable: true } as const;

/** OpenAPI shapes of the sources responses. */
export class SourceHealthDto implements SourceHealthView {
  @ApiProperty({
    enum: SOURCE_STATUSES,
    description: 'auth_failed: the platform refused the credential; not polled until the source is edited',
  })
  status!: SourceStatus;
  @ApiProperty(NULLABLE_TIME) lastPollAt!: string | null;
  @ApiProperty(NULLABLE_TIME) lastSuccessAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: 'integer' }) consecutiveFailures!: number;
  @ApiProperty({ type: 'integer', description: 'New posts this source has stored' }) postsCollected!: number;
  @ApiProperty({
    ...NULLABLE_TIME,
    description: 'Earliest next poll (the later of the schedule and any quota pause); null when nothing will poll it',
  })
  nextPollAt!: string | null;
  @ApiProperty({
    ...NULLABLE_TIME,
    description: 'Set while a platform quota pauses this source (its own, or a platform-wide throttle)',
  })
  pausedUntil!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "While paused: the platform's reason (e.g. LinkedIn's daily limit, Facebook code 613, X 429)",
  })
  pauseReason!: string | null;
}

export class SourceDto implements SourceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: SOURCE_KINDS,
    description: `${PLATFORM_SOURCE_KINDS.join(', ')} over the API; import from the CLI`,
  })
  kind!: SourceKind;
  @ApiProperty() name!: string;
  @ApiProperty() target!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) options!: Record<string, unknown>;
  @ApiProperty({ type: 'integer' }) pollIntervalSeconds!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: SourceHealthDto }) health!: SourceHealthDto;
}

export class SourceListDto implements SourceListView {
  @ApiProperty({ type: [SourceDto] }) data!: SourceDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class PollRequestDto implements PollRequestView {
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ enum: [...new Set(Object.values(POLL_QUEUE_BY_KIND))] }) queue!: PollQueueName;
  @ApiProperty({ example: 'poll-6f1c3c1e-8d6f-4a57-9a3e-2f4b1f6f1c3c' }) jobId!: string;
  @ApiProperty({ description: 'A poll of this source was already waiting or running, so nothing was added' })
  alreadyQueued!: boolean;
  @ApiProperty({ example: 'waiting', description: 'BullMQ job state right after the request' }) state!: string;
}

export class ResumeDto implements ResumeView {
  @ApiProperty({ ...NULLABLE_TIME, description: 'When the lifted pause would have ended by itself' })
  liftedPauseUntil!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The platform's reason for the lifted pause" })
  liftedReason!: string | null;
  @ApiProperty({ type: PollRequestDto }) poll!: PollRequestDto;
  @ApiProperty({ type: SourceDto }) source!: SourceDto;
}

import { ApiProperty } from '@nestjs/swagger';
import type { IngestResult } from './ingest.service';

export class IngestRejectionDto {
  @ApiProperty({ description: 'Position of the post in `posts`' }) index!: number;
  @ApiProperty({ example: 'posts[3].created_at' }) parameter!: string;
  @ApiProperty({ example: 'must be an ISO 8601 timestamp with a time zone' }) message!: string;
}

/** OpenAPI shape of the POST /v1/ingest answer. */
export class IngestResultDto implements IngestResult {
  @ApiProperty() received!: number;
  @ApiProperty({ description: 'Stored as new posts and queued for scoring' }) accepted!: number;
  @ApiProperty({ description: 'Valid but already stored, or repeated in the batch: nothing changed' })
  duplicates!: number;
  @ApiProperty({ description: 'Valid but published before the retention horizon (POST_RETENTION_DAYS): not stored' })
  expired!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [IngestRejectionDto] }) rejections!: IngestRejectionDto[];
}

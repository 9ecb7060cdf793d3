import { ApiProperty } from '@nestjs/swagger';
import { POST_SORTS, type PostSort } from '@labpulse/persistence';
import { PLATFORMS } from '@labpulse/connectors';

const NULLABLE_NUMBER = { type: Number, nullable: true } as const;
const NULLABLE_STRING = { type: String, nullable: true } as const;

export class PostAuthorDto {
  @ApiProperty(NULLABLE_STRING) id!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
}

export class PostEngagementDto {
  @ApiProperty() likes!: number;
  @ApiProperty() comments!: number;
  @ApiProperty() shares!: number;
  @ApiProperty(NULLABLE_NUMBER) quotes!: number | null;
  @ApiProperty(NULLABLE_NUMBER) impressions!: number | null;
}

export class PostSentimentDto {
  @ApiProperty({ enum: ['positive', 'neutral', 'negative'] }) label!: string;
  @ApiProperty({ description: 'In [-1, 1]' }) score!: number;
  @ApiProperty({ description: 'In [0, 1]' }) confidence!: number;
}

export class PostStanceDto {
  @ApiProperty({ enum: ['favor', 'against', 'neutral'] }) label!: string;
  @ApiProperty(NULLABLE_NUMBER) score!: number | null;
  @ApiProperty(NULLABLE_NUMBER) confidence!: number | null;
}

export class PostEvidenceDto {
  @ApiProperty({ description: 'The words that matched the lab' }) text!: string;
  @ApiProperty({ description: 'Offset in the text, in UTF-16 code units' }) start!: number;
  @ApiProperty() end!: number;
}

export class PostDto {
  @ApiProperty({ enum: PLATFORMS }) platform!: string;
  @ApiProperty({ description: "The platform's post id" }) externalId!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'Link to the original post' }) url!: string | null;
  @ApiProperty({ description: 'True when the link was built from the platform id rather than given by the platform' })
  urlDerived!: boolean;
  @ApiProperty({ type: PostAuthorDto }) author!: PostAuthorDto;
  @ApiProperty() text!: string;
  @ApiProperty(NULLABLE_STRING) language!: string | null;
  @ApiProperty({ description: 'ISO 8601 UTC' }) postedAt!: string;
  @ApiProperty({ type: PostEngagementDto }) engagement!: PostEngagementDto;
  @ApiProperty({ type: PostSentimentDto, nullable: true, description: 'null when the language cannot be scored' })
  sentiment!: PostSentimentDto | null;
  @ApiProperty({ type: PostStanceDto, nullable: true, description: 'Stance toward this lab' })
  stance!: PostStanceDto | null;
  @ApiProperty({ type: PostEvidenceDto }) evidence!: PostEvidenceDto;
}

export class PostsPageDto {
  @ApiProperty({ example: 'openai' }) lab!: string;
  @ApiProperty({ example: 'OpenAI' }) name!: string;
  @ApiProperty({
    ...NULLABLE_STRING,
    description: 'Scores shown are from this model version (the one behind the newest daily rollup)',
  })
  modelVersion!: string | null;
  @ApiProperty({ enum: POST_SORTS }) sort!: PostSort;
  @ApiProperty({ type: [PostDto] }) data!: PostDto[];
  @ApiProperty({
    ...NULLABLE_STRING,
    description: 'Pass as `cursor` for the next page; null on the last page (also sent as a Link header)',
  })
  next!: string | null;
}

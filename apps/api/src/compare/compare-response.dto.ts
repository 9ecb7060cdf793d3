import { ApiProperty } from '@nestjs/swagger';

const NULLABLE = { type: Number, nullable: true } as const;

export class PeriodMeasuresDto {
  @ApiProperty() volume!: number;
  @ApiProperty() positive!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() negative!: number;
  @ApiProperty() unscored!: number;
  @ApiProperty(NULLABLE) netSentiment!: number | null;
  @ApiProperty(NULLABLE) meanSentiment!: number | null;
  @ApiProperty() favor!: number;
  @ApiProperty() against!: number;
  @ApiProperty() stanceNeutral!: number;
  @ApiProperty(NULLABLE) meanStance!: number | null;
  @ApiProperty({ ...NULLABLE, description: "This lab's volume / all requested labs' volume in the period" })
  shareOfVoice!: number | null;
  @ApiProperty() likes!: number;
  @ApiProperty() comments!: number;
  @ApiProperty() shares!: number;
}

export class PeriodChangeDto {
  @ApiProperty({ description: 'current - previous' }) volume!: number;
  @ApiProperty({ ...NULLABLE, description: '(current - previous) / previous x 100; null when previous is 0' })
  volumePercent!: number | null;
  @ApiProperty({ ...NULLABLE, description: 'current - previous, null when either is null' }) netSentiment!:
    number | null;
  @ApiProperty(NULLABLE) meanSentiment!: number | null;
  @ApiProperty(NULLABLE) meanStance!: number | null;
  @ApiProperty(NULLABLE) shareOfVoice!: number | null;
}

export class CompareLabDto {
  @ApiProperty({ example: 'openai' }) lab!: string;
  @ApiProperty({ example: 'OpenAI' }) name!: string;
  @ApiProperty({ type: PeriodMeasuresDto }) current!: PeriodMeasuresDto;
  @ApiProperty({ type: PeriodMeasuresDto, description: 'The period of the same length just before' })
  previous!: PeriodMeasuresDto;
  @ApiProperty({ type: PeriodChangeDto }) change!: PeriodChangeDto;
}

export class ComparePeriodDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class CompareResponseDto {
  @ApiProperty({ type: ComparePeriodDto }) current!: ComparePeriodDto;
  @ApiProperty({ type: ComparePeriodDto }) previous!: ComparePeriodDto;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
  })
  platforms!: string[] | 'all';
  @ApiProperty({ description: 'The period has closed (ended more than 15 minutes ago)' }) closed!: boolean;
  @ApiProperty({ type: [CompareLabDto] }) labs!: CompareLabDto[];
}

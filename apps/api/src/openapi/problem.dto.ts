import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from '../common/problem-details';

export class ParameterErrorDto {
  @ApiProperty({ example: 'interval' })
  parameter!: string;

  @ApiProperty({ example: 'interval must be one of 5m, hour, day, week' })
  message!: string;
}

/** RFC 9457 problem details, served as application/problem+json. */
export class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: '/problems/invalid-request' })
  type!: string;

  @ApiProperty({ example: 'Invalid request parameters' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'interval: interval must be one of 5m, hour, day, week' })
  detail!: string;

  @ApiPropertyOptional({ example: '/v1/trends' })
  instance?: string;

  @ApiPropertyOptional({
    type: [ParameterErrorDto],
    description: 'For 400s: each offending parameter and the rule it broke',
  })
  errors?: ParameterErrorDto[];
}

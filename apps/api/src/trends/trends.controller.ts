import { Controller, Get, Query } from '@nestjs/common';
import { TrendsQueryDto } from './trends-query.dto';
import { type TrendsResponse, TrendsService } from './trends.service';

@Controller('v1/trends')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  @Get()
  get(@Query() query: TrendsQueryDto): Promise<TrendsResponse> {
    return this.trends.query(query);
  }
}

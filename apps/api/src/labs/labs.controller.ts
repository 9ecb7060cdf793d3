import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { Scopes } from '../auth';
import { LabCreateDto, LabUpdateDto } from './lab-definition.dto';
import { type LabDetail, type LabView, LabsService } from './labs.service';

@Controller('v1/labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  async list(): Promise<{ data: LabView[] }> {
    return { data: await this.labs.list() };
  }

  @Get(':slug')
  get(@Param('slug') slug: string): Promise<LabDetail> {
    return this.labs.get(slug);
  }

  @Scopes('admin')
  @Post()
  create(@Body() body: LabCreateDto): Promise<LabDetail> {
    return this.labs.create(body);
  }

  @Scopes('admin')
  @Patch(':slug')
  update(@Param('slug') slug: string, @Body() body: LabUpdateDto): Promise<LabDetail> {
    return this.labs.update(slug, body);
  }
}

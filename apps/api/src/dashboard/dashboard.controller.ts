import { Controller, Get, Header, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/scopes.decorator';
import { ProblemDto } from '../openapi/problem.dto';
import { type DashboardAsset, DashboardAssets } from './dashboard-assets';

/**
 * The dashboard: one page at `/` and its files under `/dashboard/`. Open (no key, no rate limit):
 * the page holds no data; it asks the user for a read key and calls the keyed REST API with it.
 */
@Public()
@ApiTags('dashboard')
@Controller()
export class DashboardController {
  private readonly assets = new DashboardAssets();

  @Get()
  @Header('X-Frame-Options', 'DENY')
  @ApiOperation({ summary: 'The dashboard page (HTML); it asks for a read API key and uses the REST API below' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page' })
  page(@Req() req: Request, @Res() res: Response): void {
    res.setHeader('Content-Security-Policy', this.assets.pageCsp);
    send(req, res, this.assets.page);
  }

  /** Browsers ask for /favicon.ico whatever the page links to: the same icon as the page's, not a 404 in every log. */
  @Get('favicon.ico')
  @ApiOperation({ summary: "The dashboard's icon (SVG)" })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The icon' })
  favicon(@Req() req: Request, @Res() res: Response): void {
    send(req, res, this.assets.favicon);
  }

  @Get('dashboard/:file')
  @ApiOperation({ summary: "The dashboard's scripts and styles (and the charting library it ships with)" })
  @ApiProduces('text/javascript', 'text/css')
  @ApiOkResponse({ description: 'The file' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such file' })
  file(@Param('file') name: string, @Req() req: Request, @Res() res: Response): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`no dashboard file ${name}`);
    send(req, res, asset);
  }
}

/** Revalidated on every load (a 304 is cheap), so a deploy never leaves a stale module behind. */
function send(req: Request, res: Response, asset: DashboardAsset): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', asset.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(asset.etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(asset.contentType).send(asset.body);
}

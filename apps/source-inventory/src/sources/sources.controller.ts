import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { RawQuery, RequestHeaders } from '@inventory/service-kit';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SourceData } from '@inventory/contracts';
import type { MagentoSearchResult } from '@inventory/msi-api';
import { SourceInput } from '../domain';
import { actorFrom } from '../common/request-context';
import { SaveSourceRequest, SourceDto } from './source.dto';
import { SourcesApp } from './sources.app';
import { SourcesQuery } from './sources.query';

/** MSI puts pickup-location fields in extension_attributes; the domain wants them flat. */
export function toSourceInput(dto: SourceDto): SourceInput {
  const { extension_attributes: ext, ...rest } = dto;
  const pick = (k: string) => (ext && k in ext ? { [k]: ext[k] } : {});
  return {
    ...pick('is_pickup_location_active'),
    ...pick('frontend_name'),
    ...pick('frontend_description'),
    ...rest,
  } as SourceInput;
}

@ApiTags('sources')
@Controller('V1/inventory/sources')
export class SourcesController {
  constructor(
    private readonly app: SourcesApp,
    private readonly query: SourcesQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search sources (MSI searchCriteria)' })
  list(@RawQuery() query: unknown): Promise<MagentoSearchResult<SourceData>> {
    return this.query.search(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create or update a source (MSI save)' })
  save(
    @Body() body: SaveSourceRequest,
    @RequestHeaders() headers: Record<string, string>,
  ): Promise<SourceData> {
    return this.app.save(toSourceInput(body.source), actorFrom(headers));
  }

  @Get(':sourceCode')
  @ApiOperation({ summary: 'Get one source' })
  get(@Param('sourceCode') code: string): Promise<SourceData> {
    return this.app.get(code);
  }

  @Put(':sourceCode')
  @ApiOperation({ summary: 'Update a source (full replacement; the code cannot change)' })
  update(
    @Param('sourceCode') code: string,
    @Body() body: SaveSourceRequest,
    @RequestHeaders() headers: Record<string, string>,
  ): Promise<SourceData> {
    return this.app.update(code, toSourceInput(body.source), actorFrom(headers));
  }
}

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MagentoSearchResult } from '@inventory/msi-api';
import { RawQuery, RequestHeaders } from '@inventory/service-kit';
import type { StockSourceLink } from '../domain';
import { actorFrom, type Headers } from '../common/request-context';
import { DeleteLinksRequest, SaveLinksRequest } from './link.dto';
import { LinksApp, type AssignedSource } from './links.app';

@ApiTags('stock-source links')
@Controller('V1/inventory')
export class LinksController {
  constructor(private readonly app: LinksApp) {}

  @Get('stock-source-links')
  @ApiOperation({ summary: 'Search stock-source links (MSI searchCriteria)' })
  list(@RawQuery() query: unknown): Promise<MagentoSearchResult<StockSourceLink>> {
    return this.app.search(query);
  }

  @Post('stock-source-links')
  @HttpCode(200)
  @ApiOperation({ summary: 'Save links with priorities (upsert; all or none)' })
  async save(@Body() body: SaveLinksRequest, @RequestHeaders() headers: Headers): Promise<boolean> {
    await this.app.save(body.links, actorFrom(headers));
    return true;
  }

  @Post('stock-source-links-delete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete links (unknown ones are ignored)' })
  async delete(
    @Body() body: DeleteLinksRequest,
    @RequestHeaders() headers: Headers,
  ): Promise<boolean> {
    await this.app.delete(body.links, actorFrom(headers));
    return true;
  }

  @Get('get-sources-assigned-to-stock-ordered-by-priority/:stockId')
  @ApiOperation({ summary: "A stock's sources by ascending priority, disabled ones included" })
  ordered(@Param('stockId') stockId: string): Promise<AssignedSource[]> {
    const id = /^\d{1,15}$/.test(stockId) ? Number(stockId) : 0;
    return this.app.sourcesOfStock(id);
  }
}

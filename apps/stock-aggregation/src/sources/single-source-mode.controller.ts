import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isSingleSourceMode } from '../domain';
import { KnownSources } from './known-sources';

/**
 * MSI's IsSingleSourceMode for integrations: with fewer than two enabled sources a merchant
 * works with the default source and stock only, and a platform may hide source selection.
 */
@ApiTags('stocks')
@Controller('V1/inventory/single-source-mode')
export class SingleSourceModeController {
  constructor(private readonly sources: KnownSources) {}

  @Get()
  @ApiOperation({ summary: 'Whether fewer than two sources are enabled (single-source mode)' })
  async mode(): Promise<{ single_source_mode: boolean; enabled_sources: string[] }> {
    const flags = await this.sources.enabledFlags();
    return {
      single_source_mode: isSingleSourceMode(flags),
      enabled_sources: flags.filter((s) => s.enabled).map((s) => s.source_code),
    };
  }
}

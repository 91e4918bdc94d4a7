import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MagentoSearchResult } from '@inventory/msi-api';
import { RawQuery } from '@inventory/service-kit';
import { toUnits, type SalabilityError } from '../domain';
import { stockIdParam } from '../common/request-context';
import { ExportApp, type ExportedQty } from './export.app';
import { SalableApp, requestedQty } from './salable.app';
import { SalableQuantitiesRequest } from './salable.dto';

type Query = Record<string, unknown>;

/**
 * MSI's salability API, answered from Redis only. An unknown stock reads like a stock the SKU
 * is not assigned to. `get-product-salable-quantity` and `is-product-salable` are plain Fastify
 * routes (fast-salable.routes.ts).
 */
@ApiTags('salability')
@Controller('V1/inventory')
export class SalableController {
  constructor(
    private readonly app: SalableApp,
    private readonly exports: ExportApp,
  ) {}

  @Get('are-products-salable')
  @ApiOperation({ summary: 'Salability of several SKUs in a stock (skus[]=..&stockId=..)' })
  async areSalable(
    @RawQuery() query: Query,
  ): Promise<
    Array<{ sku: string; stock_id: number; is_salable: boolean; errors: SalabilityError[] }>
  > {
    const stockId = stockIdParam(String(query.stockId ?? ''));
    const skus = listParam(query, 'skus');
    const results = await this.app.many(
      stockId,
      skus.map((sku) => ({ sku })),
    );
    return skus.map((sku, i) => ({
      sku,
      stock_id: stockId,
      is_salable: results[i].is_salable,
      errors: results[i].errors,
    }));
  }

  @Get('is-product-salable-for-requested-qty/:sku/:stockId/:requestedQty')
  @ApiOperation({ summary: 'Whether a SKU is salable in a stock for a quantity (MSI errors)' })
  async isSalableForQty(
    @Param('sku') sku: string,
    @Param('stockId') stockId: string,
    @Param('requestedQty') qty: string,
  ): Promise<{ salable: boolean; errors: SalabilityError[] }> {
    const id = stockIdParam(stockId);
    const result = await this.app.one(id, sku, requestedQty(qty));
    return { salable: result.is_salable, errors: result.errors };
  }

  @Get('are-product-salable-for-requested-qty')
  @ApiOperation({
    summary: 'Salability of several SKUs for quantities (skuRequests[i][sku], skuRequests[i][qty])',
  })
  async areSalableForQty(
    @RawQuery() query: Query,
  ): Promise<
    Array<{ sku: string; stock_id: number; salable: boolean; errors: SalabilityError[] }>
  > {
    const stockId = stockIdParam(String(query.stockId ?? ''));
    const requests = skuRequests(query).map((r) => ({
      sku: r.sku,
      requested: requestedQty(r.qty),
    }));
    const results = await this.app.many(stockId, requests);
    return requests.map((r, i) => ({
      sku: r.sku,
      stock_id: stockId,
      salable: results[i].is_salable,
      errors: results[i].errors,
    }));
  }

  @Get('export-stock-salable-qty/:salesChannelType/:salesChannelCode')
  @ApiOperation({
    summary:
      'Salable quantity of every SKU of the stock a sales channel belongs to, paged (searchCriteria)',
  })
  exportQty(
    @Param('salesChannelType') type: string,
    @Param('salesChannelCode') code: string,
    @RawQuery() query: Query,
  ): Promise<MagentoSearchResult<ExportedQty>> {
    return this.exports.export(type, code, query);
  }

  @Post('salable-quantities')
  @HttpCode(200)
  @ApiOperation({ summary: 'Salable quantity and salability of up to 5,000 SKUs (one round trip)' })
  async bulk(
    @Body() body: SalableQuantitiesRequest,
  ): Promise<Array<{ sku: string; salable_qty: number; is_salable: boolean }>> {
    const results = await this.app.many(
      body.stock_id,
      body.skus.map((sku) => ({ sku })),
    );
    return body.skus.map((sku, i) => ({
      sku,
      salable_qty: toUnits(results[i].salable_qty),
      is_salable: results[i].is_salable,
    }));
  }
}

/** `skus[]=a&skus[]=b`, `skus[0]=a`, `skus=a` or a parsed array: the values in order. */
export function listParam(query: Query, name: string): string[] {
  const values: string[] = [];
  const push = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(push);
    else if (v !== undefined && v !== null && v !== '') values.push(String(v));
  };
  push(query[name]);
  push(query[`${name}[]`]);
  const indexed = Object.keys(query)
    .map((k) => ({ k, m: new RegExp(`^${name}\\[(\\d+)\\]$`).exec(k) }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
  for (const { k } of indexed) push(query[k]);
  return values;
}

/** `skuRequests[i][sku]` / `skuRequests[i][qty]` (flat keys or a parsed nested object). */
export function skuRequests(query: Query): Array<{ sku: string; qty: unknown }> {
  const byIndex = new Map<number, { sku?: string; qty?: unknown }>();
  const nested = query.skuRequests;
  if (nested && typeof nested === 'object') {
    for (const [i, v] of Object.entries(
      nested as Record<string, { sku?: unknown; qty?: unknown }>,
    )) {
      byIndex.set(Number(i), {
        sku: v?.sku === undefined ? undefined : String(v.sku),
        qty: v?.qty,
      });
    }
  }
  for (const [k, v] of Object.entries(query)) {
    const m = /^skuRequests\[(\d+)\]\[(sku|qty)\]$/.exec(k);
    if (!m) continue;
    const entry = byIndex.get(Number(m[1])) ?? {};
    if (m[2] === 'sku') entry.sku = String(v);
    else entry.qty = v;
    byIndex.set(Number(m[1]), entry);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, r]) => r.sku !== undefined)
    .map(([, r]) => ({ sku: r.sku!, qty: r.qty }));
}

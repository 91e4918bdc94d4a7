import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MsiInputError } from '@inventory/msi-api';
import { parseQuantity, toUnits } from '@inventory/kernel';
import { RawQuery } from '@inventory/service-kit';
import { findPickupLocations, resolveDestination, type LatLng } from '@inventory/source-selection';
import { CatalogStore } from '../catalog/catalog.store';
import { SelectionApp } from './selection.app';
import { ShippingApp } from '../shipping/shipping.app';
import { requestRemainder } from '../domain';

type Query = Record<string, unknown>;
const obj = (v: unknown): Query => (v && typeof v === 'object' ? (v as Query) : {});

/**
 * In-store pickup (MSI's GetPickupLocations, `searchRequest[...]` query): active pickup
 * locations of the sales channel's stock within a radius (km) of a postcode/city
 * (`searchTerm` = `<postcode or city>:<country>`) or of coordinates, holding every SKU asked.
 */
@ApiTags('in-store pickup')
@Controller('V1/inventory')
export class PickupController {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly selection: SelectionApp,
    private readonly shipping: ShippingApp,
  ) {}

  @Get('in-store-pickup/pickup-locations')
  @ApiOperation({ summary: 'Pickup locations near an area that hold the requested SKUs' })
  async pickupLocations(@RawQuery() query: Query) {
    const search = obj(query.searchRequest);
    const area = obj(search.area);
    const radius = Number(area.radius);
    if (!(radius > 0))
      throw new MsiInputError([
        {
          message: '"%fieldName" is required. Enter and try again.',
          parameters: { fieldName: 'searchRequest[area][radius]' },
        },
      ]);
    const scopeCode = String(search.scopeCode ?? 'base');
    const products = Object.values(obj(obj(search.extensionAttributes).productsInfo)).map(obj);
    const center = await this.center(area);
    if (!center) return { items: [], total_count: 0 };
    const stockId = await this.catalog.stockOfChannel(
      String(search.scopeType ?? 'website'),
      scopeCode,
    );
    if (!stockId) return { items: [], total_count: 0 };
    const sources = (await this.catalog.linkedSources(stockId)).filter((s) => s.pickup);
    const required = products.map((p) => ({ sku: String(p.sku), qty: parseQuantity(p.qty ?? 1) }));
    const items = await this.catalog.items(
      sources.map((s) => s.code),
      required.map((r) => r.sku),
    );
    const found = findPickupLocations({
      locations: sources,
      center,
      radiusKm: radius,
      required,
      items,
    });
    const byCode = new Map(sources.map((s) => [s.code, s]));
    return {
      items: found.map((f) => ({
        pickup_location_code: f.source_code,
        latitude: byCode.get(f.source_code)?.latitude,
        longitude: byCode.get(f.source_code)?.longitude,
        extension_attributes: { distance_km: Math.round(f.distance_km * 1000) / 1000 },
      })),
      total_count: found.length,
    };
  }

  @Get('shipments/:orderId')
  @ApiOperation({ summary: "An order's shipping: requests per source, dispatches, outcome" })
  async shipments(@Param('orderId') orderId: string) {
    const s = await this.shipping.state(orderId);
    if (!s.started) throw new NotFoundException(`Order "${orderId}" has no shipping.`);
    return {
      order_id: s.order_id,
      stock_id: s.stock_id,
      algorithm: s.algorithm,
      lines: s.lines,
      unshippable: s.unshippable,
      failed_sources: [...s.failedSources],
      requests: [...s.requests].map(([id, r]) => ({
        shipment_request_id: id,
        source_code: r.source_code,
        items: r.items,
        status: r.status,
        remaining: requestRemainder(r),
        shipped: [...r.shipped].map(([sku, q]) => ({ sku, qty: toUnits(q) })),
      })),
      shipments: [...s.shipments].map(([id, sh]) => ({ shipment_id: id, ...sh })),
    };
  }

  private async center(area: Query): Promise<LatLng | undefined> {
    if (area.latitude !== undefined && area.longitude !== undefined)
      return { latitude: Number(area.latitude), longitude: Number(area.longitude) };
    const term = String(area.searchTerm ?? '');
    const at = term.lastIndexOf(':');
    if (at <= 0) return undefined;
    const [place, country] = [term.slice(0, at).trim(), term.slice(at + 1).trim()];
    return (
      (await resolveDestination({ country, postcode: place }, this.selection.lookup)) ??
      (await resolveDestination({ country, city: place }, this.selection.lookup))
    );
  }
}

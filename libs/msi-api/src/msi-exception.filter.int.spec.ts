import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { RuleViolationError } from '@inventory/decider';
import { createValidationPipe } from '@inventory/service-kit';
import { filterInMemory } from './filter-in-memory';
import { msiNotFound } from './msi-errors';
import { MsiExceptionFilter } from './msi-exception.filter';
import { parseMsiQueryString } from './query-shape';
import { parseSearchCriteria } from './search-criteria';
import { searchResult } from './search-result';
import { sourceItemRows, sourceItemSchema } from './source-items.fixture';

class ReserveDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

@Controller('V1/inventory')
class MagentoController {
  @Get('source-items')
  list(@Query() query: unknown) {
    const criteria = parseSearchCriteria(query, sourceItemSchema);
    const { items, totalCount } = filterInMemory(sourceItemRows(), criteria);
    return searchResult(items, criteria, totalCount);
  }

  @Get('sources/:code')
  source(@Param('code') code: string) {
    throw msiNotFound('Source with %fieldName = %fieldValue does not exist.', {
      fieldName: 'source_code',
      fieldValue: code,
    });
  }

  @Post('reservations')
  reserve(@Body() dto: ReserveDto) {
    throw new RuleViolationError('INSUFFICIENT_STOCK', 'Only %1 of "%2" are available.', {
      parameters: [0, dto.sku],
    });
  }

  @Get('boom')
  boom() {
    throw new Error('secret connection string');
  }
}

@Module({ controllers: [MagentoController] })
class TestModule {}

/** The filter inside a real Nest + Fastify app, so errors raised before any controller count too. */
describe.each([
  ["Fastify's default query parser", {}],
  ['the qs query parser', { querystringParser: parseMsiQueryString }],
])('MsiExceptionFilter in a Nest Fastify app with %s', (_name, adapterOptions) => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const adapter = new FastifyAdapter({ bodyLimit: 1024, ...adapterOptions });
    app = await NestFactory.create<NestFastifyApplication>(TestModule, adapter, { logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new MsiExceptionFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/V1/inventory/reservations',
      headers: { 'content-type': 'application/json' },
      payload,
    });

  it('answers a searchCriteria query with items, search_criteria and total_count', async () => {
    const res = await app.inject({
      method: 'GET',
      url:
        '/V1/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku' +
        '&searchCriteria[filter_groups][0][filters][0][value]=SKU-01%25&searchCriteria[filter_groups][0][filters][0][condition_type]=like' +
        '&searchCriteria[sortOrders][0][field]=quantity&searchCriteria[sortOrders][0][direction]=DESC&searchCriteria[pageSize]=3',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(3);
    expect(body.total_count).toBe(40);
    expect(body.search_criteria.sort_orders).toEqual([{ field: 'quantity', direction: 'DESC' }]);
  });

  it('renders an invalid searchCriteria as 400 with Magento parameters', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/V1/inventory/source-items?searchCriteria[sortOrders][0][field]=foo',
    });
    expect([res.statusCode, res.json()]).toEqual([
      400,
      { message: '"%fieldName" is not a sortable field.', parameters: { fieldName: 'foo' } },
    ]);
  });

  it('renders ValidationPipe errors as Validation Failed with one entry per reason', async () => {
    const res = await post(JSON.stringify({ sku: '', quantity: 0, extra: 1 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      message: 'Validation Failed',
      errors: [
        { message: '"%field" should not exist.', parameters: { field: 'extra' } },
        { message: '"%field" should not be empty.', parameters: { field: 'sku' } },
        { message: '"%field" must not be less than 1.', parameters: { field: 'quantity' } },
      ],
    });
  });

  it('renders a rejected domain error as 400 with positional parameters', async () => {
    const res = await post(JSON.stringify({ sku: 'A', quantity: 2 }));
    expect([res.statusCode, res.json()]).toEqual([
      400,
      { message: 'Only %1 of "%2" are available.', parameters: [0, 'A'] },
    ]);
  });

  it('renders msiNotFound as 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/V1/inventory/sources/eu-9' });
    expect([res.statusCode, res.json()]).toEqual([
      404,
      {
        message: 'Source with %fieldName = %fieldValue does not exist.',
        parameters: { fieldName: 'source_code', fieldValue: 'eu-9' },
      },
    ]);
  });

  it.each([
    ['malformed JSON', '{"sku": ', 400, 'The request body is not valid JSON.'],
    [
      'an empty JSON body',
      '',
      400,
      'The request body is empty but its content type is application/json.',
    ],
    [
      'a body over the limit',
      JSON.stringify({ sku: 'x'.repeat(2000), quantity: 1 }),
      413,
      'The request body is larger than this API accepts.',
    ],
  ])(
    'renders %s, which fails before any controller runs',
    async (_case, payload, status, message) => {
      const res = await post(payload);
      expect([res.statusCode, res.json()]).toEqual([status, { message }]);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    },
  );

  it('hides an unexpected error behind a report id', async () => {
    const res = await app.inject({ method: 'GET', url: '/V1/inventory/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      message: 'Internal Error. Details are available in the service log. Report ID: %1',
      parameters: [expect.stringMatching(/^webapi-[0-9a-f]{12}$/)],
    });
    expect(res.body).not.toContain('secret');
  });

  it('renders an unknown route as 404 with a message', async () => {
    const res = await app.inject({ method: 'GET', url: '/V1/nothing' });
    expect([res.statusCode, res.json()]).toEqual([404, { message: 'Cannot GET /V1/nothing' }]);
  });
});

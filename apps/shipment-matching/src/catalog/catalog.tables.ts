/** shipment-matching's own copies of what other services publish, and its postcode table. */
export const TABLES = {
  sources: 'sm_sources',
  links: 'sm_links',
  channels: 'sm_channels',
  items: 'sm_source_items',
  postcodes: 'sm_postcodes',
} as const;

export const CATALOG_DDL = [
  `CREATE TABLE IF NOT EXISTS ${TABLES.sources} (
     source_code text PRIMARY KEY,
     enabled boolean NOT NULL,
     latitude double precision,
     longitude double precision,
     pickup boolean NOT NULL DEFAULT false,
     data jsonb NOT NULL,
     stream_version bigint NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${TABLES.links} (
     stock_id integer NOT NULL,
     source_code text NOT NULL,
     priority integer,
     stream_version bigint NOT NULL,
     PRIMARY KEY (stock_id, source_code))`,
  `CREATE TABLE IF NOT EXISTS ${TABLES.channels} (
     type text NOT NULL,
     code text NOT NULL,
     stock_id integer,
     stream_version bigint NOT NULL,
     PRIMARY KEY (type, code))`,
  `CREATE TABLE IF NOT EXISTS ${TABLES.items} (
     source_code text NOT NULL,
     sku_key text NOT NULL,
     sku text NOT NULL,
     quantity numeric NOT NULL,
     in_stock boolean NOT NULL,
     unassigned boolean NOT NULL DEFAULT false,
     stream_version bigint NOT NULL,
     PRIMARY KEY (source_code, sku_key))`,
  `CREATE INDEX IF NOT EXISTS ${TABLES.items}_sku ON ${TABLES.items} (sku_key)`,
  `CREATE TABLE IF NOT EXISTS ${TABLES.postcodes} (
     country text NOT NULL,
     postcode text NOT NULL,
     place text NOT NULL,
     region text NOT NULL,
     latitude double precision NOT NULL,
     longitude double precision NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS ${TABLES.postcodes}_postcode ON ${TABLES.postcodes} (country, lower(postcode))`,
  `CREATE INDEX IF NOT EXISTS ${TABLES.postcodes}_place ON ${TABLES.postcodes} (country, lower(place) text_pattern_ops)`,
  `CREATE INDEX IF NOT EXISTS ${TABLES.postcodes}_region ON ${TABLES.postcodes} (country, lower(region))`,
];

import { Injectable } from '@nestjs/common';
import type { SourceData } from '@inventory/contracts';
import { CommandBus } from '@inventory/service-kit';
import { SourceState, notFound, sourceDecider, sourceStream } from '../domain';

/**
 * Sources by code, read from their streams (small: a source changes rarely). Existence is cached
 * for the process lifetime because sources are never deleted; the rest is read fresh.
 */
@Injectable()
export class SourceCatalog {
  private readonly known = new Set<string>();

  constructor(private readonly bus: CommandBus) {}

  async get(code: string): Promise<SourceData | null> {
    const { state } = await this.bus.load<never, never, SourceState>(
      sourceStream(code),
      sourceDecider as never,
    );
    if (state) this.known.add(code);
    return state;
  }

  async require(code: string): Promise<SourceData> {
    const source = await this.get(code);
    if (!source)
      throw notFound('SOURCE_NOT_FOUND', 'Source with code "%value" does not exist.', {
        value: code,
      });
    return source;
  }

  /** Throws the MSI not-found error for the first unknown code. */
  async requireAll(codes: Iterable<string>): Promise<void> {
    for (const code of new Set(codes)) {
      if (!this.known.has(code)) await this.require(code);
    }
  }

  remember(code: string): void {
    this.known.add(code);
  }
}

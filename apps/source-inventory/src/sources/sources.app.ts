import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Actor, SourceData } from '@inventory/contracts';
import { CommandBus } from '@inventory/service-kit';
import { SourceInput, sourceDecider, sourceStream } from '../domain';
import { SYSTEM_ACTOR, now } from '../common/request-context';
import { SourceCatalog } from './source-catalog';

/** Source use cases; MSI's POST is an upsert, its PUT a full update of one existing source. */
@Injectable()
export class SourcesApp implements OnApplicationBootstrap {
  constructor(
    private readonly bus: CommandBus,
    private readonly catalog: SourceCatalog,
  ) {}

  /** The default source exists from the first start (idempotent; replicas may race, one wins). */
  async onApplicationBootstrap(): Promise<void> {
    await this.bus.run(
      sourceStream('default'),
      { type: 'ensure_default_source', actor: SYSTEM_ACTOR, occurred_at: now() },
      sourceDecider,
    );
    this.catalog.remember('default');
  }

  async save(input: SourceInput, actor: Actor): Promise<SourceData> {
    const code = String(input.source_code ?? '');
    const stream = sourceStreamOrValidation(code, input, actor);
    const existing = await this.catalog.get(code);
    const command = existing
      ? {
          type: 'update_source' as const,
          source_code: code,
          source: input,
          actor,
          occurred_at: now(),
        }
      : { type: 'create_source' as const, source: input, actor, occurred_at: now() };
    const result = await this.bus.run(stream, command, sourceDecider);
    this.catalog.remember(code);
    return result.state!;
  }

  async update(code: string, input: SourceInput, actor: Actor): Promise<SourceData> {
    const result = await this.bus.run(
      sourceStream(code),
      { type: 'update_source', source_code: code, source: input, actor, occurred_at: now() },
      sourceDecider,
    );
    return result.state!;
  }

  get(code: string): Promise<SourceData> {
    return this.catalog.require(code);
  }
}

/**
 * An empty or unusable code must fail with the domain's MSI validation message, not a stream
 * naming error: the decider validates first, so run it on an empty state.
 */
function sourceStreamOrValidation(code: string, input: SourceInput, actor: Actor): string {
  if (code.trim() === '' || /\s/.test(code)) {
    sourceDecider.decide({ type: 'create_source', source: input, actor, occurred_at: now() }, null);
  }
  return sourceStream(code);
}

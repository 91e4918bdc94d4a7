import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { HoldsApp } from './holds.app';

const INTERVAL_MS = 500;

/**
 * Releases expired holds, on every replica (claims use SKIP LOCKED, so replicas share the work
 * and a hold is released once). Runs every half second, and again at once while it finds work.
 */
@Injectable()
export class HoldSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HoldSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly holds: HoldsApp) {}

  onApplicationBootstrap(): void {
    this.schedule(INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.holds
        .sweep()
        .then((n) => this.schedule(n > 0 ? 0 : INTERVAL_MS))
        .catch((err: Error) => {
          this.logger.error(`hold sweep failed: ${err.message}`);
          this.schedule(INTERVAL_MS * 4);
        });
    }, delay);
    this.timer.unref();
  }
}

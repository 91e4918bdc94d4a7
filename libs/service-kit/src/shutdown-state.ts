import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Flips to draining when shutdown begins, so readiness fails and the load balancer stops sending
 * traffic while in-flight requests and messages finish.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private draining = false;

  isDraining(): boolean {
    return this.draining;
  }

  beginDrain(): void {
    this.draining = true;
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}

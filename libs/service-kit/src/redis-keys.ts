/** Builds Redis keys under the deployment's prefix so several runs or tenants can share a server. */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  key(...parts: Array<string | number>): string {
    return this.prefix + parts.join(':');
  }
}

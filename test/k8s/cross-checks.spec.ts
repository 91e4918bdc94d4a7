import { ALL_CHECKS, recordMigrateCliVariables } from './lib/checks';
import { EXTERNAL, OVERLAYS, renderOverlay } from './lib/kustomize';

describe('the manifests agree with the code', () => {
  beforeAll(async () => {
    expect(await recordMigrateCliVariables()).toEqual(
      new Set([
        'DATABASE_URL',
        'EVENT_STORE_SCHEMA',
        'EVENT_STORE_TABLE_PREFIX',
        'DATABASE_SSL',
        'DATABASE_SSL_CA_FILE',
      ]),
    );
  });

  for (const overlay of OVERLAYS) {
    describe(overlay, () => {
      const objects = renderOverlay(overlay);
      it.each(Object.keys(ALL_CHECKS))('%s', (check) => {
        expect(ALL_CHECKS[check](objects, EXTERNAL[overlay])).toEqual([]);
      });
    });
  }
});

/**
 * Single-source mode: fewer than two enabled sources. The merchant then works with the
 * default source and stock only, and the UI and APIs may hide source selection.
 */
export function isSingleSourceMode(sources: Iterable<{ enabled: boolean }>): boolean {
  let enabled = 0;
  for (const source of sources) {
    if (source.enabled && ++enabled >= 2) return false;
  }
  return true;
}

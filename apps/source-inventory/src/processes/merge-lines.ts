import { addQuantities, formatQuantity, parseQuantity } from '../domain';

/**
 * Lines of one process for the same SKU become one line: each item applies a process id once, so
 * a second line for the same SKU would otherwise be silently taken as already applied.
 */
export function mergeLines(
  lines: Array<{ sku: string; qty: number | string }>,
): Array<{ sku: string; qty: string }> {
  const merged = new Map<string, ReturnType<typeof parseQuantity>>();
  for (const line of lines) {
    const qty = parseQuantity(line.qty, 'qty');
    const previous = merged.get(line.sku);
    merged.set(line.sku, previous === undefined ? qty : addQuantities(previous, qty));
  }
  return [...merged.entries()].map(([sku, qty]) => ({ sku, qty: formatQuantity(qty) }));
}

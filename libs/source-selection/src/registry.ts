import { selectByDistance } from './distance';
import { NoDestinationAddressError, UnknownSourceSelectionAlgorithmError } from './errors';
import { selectFewestSplits } from './fewest-splits/fewest-splits';
import { resolveDestination, type PostcodeLookup } from './postcode-lookup';
import { selectByPriority } from './priority';
import type {
  InventoryRequest,
  LinkedSource,
  SelectionInput,
  SourceItem,
  SourceSelectionResult,
} from './types';

/** An entry of MSI's `GET /V1/inventory/source-selection-algorithm-list`. */
export interface SourceSelectionAlgorithmInfo {
  code: string;
  title: string;
  description: string;
}

interface Algorithm extends SourceSelectionAlgorithmInfo {
  run(input: SelectionInput, lookup?: PostcodeLookup): Promise<SourceSelectionResult>;
}

const ALGORITHMS: readonly Algorithm[] = [
  {
    code: 'priority',
    title: 'Source Priority',
    description:
      'Algorithm which provides Source Selections based on predefined priority of Source',
    run: async (input) => selectByPriority(input),
  },
  {
    code: 'distance',
    title: 'Distance Priority',
    description:
      'Algorithm which provides Source Selections based on shipping address distance from the source',
    run: async (input, lookup) => {
      const origin = await resolveDestination(input.request.destination, lookup);
      if (!origin) throw new NoDestinationAddressError();
      return selectByDistance(input, origin);
    },
  },
  {
    code: 'fewest_splits',
    title: 'Fewest Splits',
    description:
      'Algorithm which provides Source Selections that ship the order from the fewest sources, ' +
      'ties broken by shipping address distance when known, else by predefined priority of Source',
    // Without a resolvable destination the ties fall to priority order: no error, unlike distance.
    run: async (input, lookup) =>
      selectFewestSplits(input, await resolveDestination(input.request.destination, lookup)),
  },
];

/** The algorithms, as MSI lists them: `[{ code, title, description }]`. */
export function listSourceSelectionAlgorithms(): SourceSelectionAlgorithmInfo[] {
  return ALGORITHMS.map(({ code, title, description }) => ({ code, title, description }));
}

/**
 * MSI's SourceSelectionService: runs the algorithm named `code`. The destination is resolved
 * (through `lookup` unless it carries coordinates) only by the algorithms that use it.
 * Throws UnknownSourceSelectionAlgorithmError for an unknown code, and NoDestinationAddressError
 * from `distance` when the destination is missing or cannot be resolved.
 */
export async function select(
  code: string,
  request: InventoryRequest,
  sources: readonly LinkedSource[],
  items: readonly SourceItem[],
  lookup?: PostcodeLookup,
): Promise<SourceSelectionResult> {
  const algorithm = ALGORITHMS.find((a) => a.code === code);
  if (!algorithm) throw new UnknownSourceSelectionAlgorithmError(code);
  return algorithm.run({ request, sources, items }, lookup);
}

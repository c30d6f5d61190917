/** `filters` of the EC2, Docker and Docker Swarm SDs: sorted by name, as the operator writes them. */
import { compareStrings } from '../../../../core/compare.js';
import type { Gate } from '../../../../version/gate.js';
import type { Doc } from '../../context.js';

interface Filter {
  readonly name: string;
  readonly values?: readonly string[];
}

export function filtersDoc(gate: Gate, out: Doc, filters: readonly Filter[] | undefined): Doc {
  if (!filters || filters.length === 0) return out;
  // A stable sort: filters with the same name keep their order.
  const sorted = [...filters].sort((a, b) => compareStrings(a.name, b.name));
  return gate.put(out, 'filters', sorted.map((f) => ({ name: f.name, values: [...(f.values ?? [])] })));
}

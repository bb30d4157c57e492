/**
 * The villages and grids (网格) an agency serves, named from the town directory: an agency keeps area codes only
 * (`shangba`, `shangba-01`), which the directory's villages name.
 */
import type { DirectoryVillage } from './vocabulary';

/** What one area code is in the town: a village, a grid of a village, or a code the directory does not list. */
export type Area =
  | { kind: 'village'; code: string; village: string }
  | { kind: 'grid'; code: string; village: string }
  | { kind: 'unknown'; code: string };

export function areaOf(code: string, villages: readonly DirectoryVillage[]): Area {
  const village = villages.find((v) => v.code === code);
  if (village) return { kind: 'village', code, village: village.name };
  const gridOf = villages.find((v) => v.grids?.includes(code));
  if (gridOf) return { kind: 'grid', code, village: gridOf.name };
  return { kind: 'unknown', code };
}

export interface AreaOptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

/**
 * The choices of the area field: one group per village (the village itself, then its grids), and the codes the agency
 * holds that the directory no longer lists, so an edit never drops them unseen.
 */
export function areaOptions(
  villages: readonly DirectoryVillage[],
  held: readonly string[],
  labels: { grid: (village: string, grid: string) => string; unlisted: string },
): AreaOptionGroup[] {
  const groups: AreaOptionGroup[] = villages.map((village) => ({
    label: village.name,
    options: [
      { value: village.code, label: village.name },
      ...(village.grids ?? []).map((grid) => ({ value: grid, label: labels.grid(village.name, grid) })),
    ],
  }));
  const unlisted = held.filter((code) => areaOf(code, villages).kind === 'unknown');
  return unlisted.length > 0
    ? [...groups, { label: labels.unlisted, options: unlisted.map((code) => ({ value: code, label: code })) }]
    : groups;
}

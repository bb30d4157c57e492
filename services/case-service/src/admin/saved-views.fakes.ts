import { ConflictError } from '@gongzhi/errors';
import { nameKeyOf, type SavedViewRecord, type SavedViewsRepository } from './saved-views.repository';

/** Saved views in memory, with the Prisma repository's rules: names unique without case, conditional writes. */
export function createInMemorySavedViewsRepository() {
  const rows = new Map<string, SavedViewRecord>();
  const taken = (name: string, except?: string) =>
    [...rows.values()].some((row) => row.id !== except && nameKeyOf(row.name) === nameKeyOf(name));
  const conflict = (name: string) =>
    new ConflictError(`A saved view named "${name}" exists already: choose another name, or replace that view.`);
  const copy = (row: SavedViewRecord): SavedViewRecord => structuredClone(row);
  const repository: SavedViewsRepository & { rows: Map<string, SavedViewRecord> } = {
    rows,
    async visibleTo(viewer, limit) {
      return [...rows.values()]
        .filter(
          (row) =>
            row.ownerStaffId === viewer.staffId ||
            row.shareRoles.some((role) => viewer.roles.includes(role)) ||
            row.shareAgencyIds.includes(viewer.agencyId),
        )
        .sort((a, b) => nameKeyOf(a.name).localeCompare(nameKeyOf(b.name)))
        .slice(0, limit)
        .map(copy);
    },
    async byId(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async byName(name) {
      const row = [...rows.values()].find((candidate) => nameKeyOf(candidate.name) === nameKeyOf(name));
      return row ? copy(row) : null;
    },
    async create(view) {
      if (taken(view.name)) throw conflict(view.name);
      const row: SavedViewRecord = {
        id: view.id,
        name: view.name,
        ownerStaffId: view.ownerStaffId,
        filters: structuredClone(view.filters),
        shareRoles: [...view.shareRoles],
        shareAgencyIds: [...view.shareAgencyIds],
        createdAt: view.at,
        updatedAt: view.at,
        updatedBy: view.ownerStaffId,
        version: 1,
      };
      rows.set(row.id, row);
      return copy(row);
    },
    async replace(id, version, view) {
      const row = rows.get(id);
      if (!row || row.version !== version) return null;
      if (taken(view.name, id)) throw conflict(view.name);
      Object.assign(row, {
        name: view.name,
        filters: structuredClone(view.filters),
        shareRoles: [...view.shareRoles],
        shareAgencyIds: [...view.shareAgencyIds],
        updatedAt: view.at,
        updatedBy: view.by,
        version: row.version + 1,
      });
      return copy(row);
    },
    async remove(id, version) {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.delete(id);
      return true;
    },
  };
  return repository;
}

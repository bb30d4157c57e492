import type { SavedViewRecord, SavedViewScope, Viewer } from './saved-views.model';
import { isSharedWith, nameKeyOf, nameSpaceOf, nameTaken, type SavedViewsRepository } from './saved-views.repository';

/**
 * Saved views of one list in memory, with the Prisma repository's rules: names unique without case within their name
 * space, conditional writes.
 */
export function createInMemorySavedViewsRepository(scope: SavedViewScope = 'stuck') {
  const rows = new Map<string, SavedViewRecord>();
  const taken = (name: string, ownerStaffId: string, except?: string) =>
    [...rows.values()].some(
      (row) =>
        row.id !== except &&
        nameSpaceOf(scope, row.ownerStaffId) === nameSpaceOf(scope, ownerStaffId) &&
        nameKeyOf(row.name) === nameKeyOf(name),
    );
  const sees = (row: SavedViewRecord, viewer: Viewer) =>
    row.ownerStaffId === viewer.staffId || isSharedWith(scope, row, viewer);
  const byName = (a: SavedViewRecord, b: SavedViewRecord) =>
    nameKeyOf(a.name).localeCompare(nameKeyOf(b.name)) || a.id.localeCompare(b.id);
  const copy = (row: SavedViewRecord): SavedViewRecord => structuredClone(row);
  const repository: SavedViewsRepository & { rows: Map<string, SavedViewRecord> } = {
    rows,
    async visibleTo(viewer, limit) {
      return [...rows.values()]
        .filter((row) => sees(row, viewer))
        .sort(byName)
        .slice(0, limit)
        .map(copy);
    },
    async byId(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async named(name, viewer) {
      const matching = [...rows.values()].filter((row) => nameKeyOf(row.name) === nameKeyOf(name) && sees(row, viewer));
      return [
        ...matching.filter((row) => row.ownerStaffId === viewer.staffId),
        ...matching.filter((row) => row.ownerStaffId !== viewer.staffId),
      ].map(copy);
    },
    async create(view) {
      if (taken(view.name, view.ownerStaffId)) throw nameTaken(scope, view.name);
      const row: SavedViewRecord = {
        id: view.id,
        name: view.name,
        ownerStaffId: view.ownerStaffId,
        townCode: view.townCode,
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
      if (taken(view.name, row.ownerStaffId, id)) throw nameTaken(scope, view.name);
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

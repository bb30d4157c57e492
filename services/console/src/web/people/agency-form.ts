/**
 * The agency form's values and what they send: the whole agency on `POST /api/v1/agencies`, only what changed on
 * `PATCH /api/v1/agencies/:id` (a field left as read is not sent, so it cannot undo a colleague's change to it).
 */
import type { FieldName } from '../common/ui/field-name';
import type { Agency, AgencyKind, CreateAgencyRequest, ReceptionWindow, UpdateAgencyRequest } from './vocabulary';

/** One row of the reception-hours list, as the form holds it (a new row starts empty). */
export interface WindowRow {
  weekday?: number;
  from?: string;
  to?: string;
  note?: string;
}

export interface AgencyFormValues {
  kind?: AgencyKind;
  name?: string;
  areaCodes?: string[];
  contactPhone?: string;
  receptionHours?: WindowRow[];
}

export function formValuesOf(agency: Agency): AgencyFormValues {
  return {
    kind: agency.kind,
    name: agency.name,
    areaCodes: [...agency.areaCodes],
    contactPhone: agency.contactPhone ?? '',
    receptionHours: agency.receptionHours.map((window) => ({ ...window })),
  };
}

/** The rows as windows, in the form's order (the service's field errors then point at the right row). */
export function windowsOf(rows: readonly WindowRow[] | undefined): ReceptionWindow[] {
  return (rows ?? []).map((row) => {
    const note = row.note?.trim();
    return { weekday: row.weekday ?? 0, from: row.from ?? '', to: row.to ?? '', ...(note ? { note } : {}) };
  });
}

const phoneOf = (value: string | undefined): string | null => value?.trim() || null;

export function createAgencyBody(values: AgencyFormValues, townCode: string): CreateAgencyRequest {
  return {
    kind: values.kind ?? 'other-department',
    name: (values.name ?? '').trim(),
    townCode,
    areaCodes: [...new Set(values.areaCodes ?? [])],
    contactPhone: phoneOf(values.contactPhone),
    receptionHours: windowsOf(values.receptionHours),
  };
}

/** Order does not change a set of areas or a week of windows: compared sorted, sent as the form has them. */
const sortedAreas = (codes: readonly string[]) => [...new Set(codes)].sort().join('\n');
const sortedWindows = (windows: readonly ReceptionWindow[]) =>
  windows
    .map((w) => `${w.weekday} ${w.from} ${w.to} ${w.note ?? ''}`)
    .sort()
    .join('\n');

/** The fields the person changed, for `PATCH`; empty when nothing did (then there is nothing to send). */
export function agencyPatch(agency: Agency, values: AgencyFormValues): UpdateAgencyRequest {
  const patch: UpdateAgencyRequest = {};
  if (values.kind !== undefined && values.kind !== agency.kind) patch.kind = values.kind;
  const name = values.name?.trim();
  if (name !== undefined && name !== agency.name) patch.name = name;
  const areas = values.areaCodes ?? [];
  if (sortedAreas(areas) !== sortedAreas(agency.areaCodes)) patch.areaCodes = [...new Set(areas)];
  const phone = phoneOf(values.contactPhone);
  if (phone !== agency.contactPhone) patch.contactPhone = phone;
  const windows = windowsOf(values.receptionHours);
  if (sortedWindows(windows) !== sortedWindows(agency.receptionHours)) patch.receptionHours = windows;
  return patch;
}

const TOP_FIELDS = new Set(['kind', 'name', 'contactPhone']);

/**
 * The form field a service field error belongs to: `receptionHours.2.to` is the third row's closing time, and any
 * complaint about one area code is shown on the area field as a whole.
 */
export function agencyFieldOf(path: string): FieldName | undefined {
  if (TOP_FIELDS.has(path)) return path;
  if (path === 'areaCodes' || path.startsWith('areaCodes.')) return 'areaCodes';
  const window = /^receptionHours\.(\d+)\.(weekday|from|to|note)$/.exec(path);
  if (window?.[1] !== undefined && window[2] !== undefined) return ['receptionHours', Number(window[1]), window[2]];
  return undefined;
}

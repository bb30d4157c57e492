/**
 * Every name an audit record's `action` may have, by the service that writes it: a closed set, so a search of the
 * trail (who revealed an ID number, who changed a policy) can list what to look for, and a new name is a change here.
 * `<object>.read` and the like say what a request did to an object; `<object>.refused` is a 403 or 404 answered to a
 * signed-in caller (the object type from the route's path).
 */
import { GENERATED_DOCUMENT_KINDS } from './case/document-generation-api';
import { REPAIR_KINDS } from './case/admin-repair-api';
import { PARTIES_SHARED_REASONS } from './events/case-events';
import { REVEALABLE_FIELDS, RISK_CATEGORIES } from './party/party-api';

function each<P extends string, W extends string>(prefix: P, words: readonly W[]): `${P}.${W}`[] {
  return words.map((word) => `${prefix}.${word}` as `${P}.${W}`);
}

/** Why a task went back to its queue without its holder asking (case-service's staff-changes consumer). */
export const TASK_RELEASE_REASONS = ['assignee-deactivated', 'assignee-role-removed'] as const;

/**
 * What a refused request was about: the noun of the route's path, singular (`/api/v1/cases/:id` → `case`); `request`
 * when no route matched.
 */
export const AUDIT_OBJECT_TYPES = [
  'request',
  'case',
  'task',
  'task-view',
  'report',
  'duplicate-suggestion',
  'inbox',
  'overdue-transfer',
  'watching',
  'stuck',
  'view',
  'repair-batch',
  'party',
  'agency',
  'staff',
  'village',
  'town',
  'calendar',
  'directory',
  'auth',
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

/** A generated document shows a party's ID number or phone in full, or masked. */
const IDENTITY_DISCLOSURES = ['id-number-revealed', 'id-number-masked', 'phone-revealed', 'phone-masked'] as const;

export const AUDIT_ACTIONS = {
  case: [
    'report.file',
    'report.link',
    'case.open',
    'case.read',
    'case.list',
    'case.update',
    'case.act',
    'case.merge',
    'case.absorb',
    'case.split',
    'case.progress',
    'case.timeline.read',
    'case.timeline.record',
    'case.tasks.read',
    'case.reports.read',
    'case.inbox.read',
    'case.overdue-transfers.read',
    'town.stuck.scan',
    'case.town.stuck',
    'admin.stuck.scan',
    'case.admin.stuck',
    'case.admin.describe',
    'case.admin.repairs.read',
    ...each('case.admin.repair', REPAIR_KINDS),
    ...each('admin.repair-batch', REPAIR_KINDS),
    'admin.view.create',
    'admin.view.update',
    'admin.view.delete',
    'case.documents.read',
    'case.document.read',
    'case.document.create',
    'case.document.upload',
    'case.document.generate',
    ...each('case.document.generate', GENERATED_DOCUMENT_KINDS),
    ...each('case.document.generate', IDENTITY_DISCLOSURES),
    'duplicate-suggestion.list',
    'duplicate.confirm',
    'duplicate.dismiss',
    'task.read',
    'task.list',
    'task.open',
    'task.claim',
    'task.unclaim',
    ...each('task.unclaim', TASK_RELEASE_REASONS),
    'task.assign',
    'task.reassign',
    'task.complete',
    'task.cancel',
    'task.remind',
    'task.note.add',
    'task.notes.read',
    'task.view.create',
    'task.view.update',
    'task.view.delete',
  ],
  agency: [
    'auth.login',
    'auth.login-failed',
    'auth.logout',
    'auth.refresh',
    'auth.refresh-reused',
    'agency.create',
    'agency.read',
    'agency.list',
    'agency.update',
    'staff.create',
    'staff.read',
    'staff.list',
    'staff.rename',
    'staff.change-roles',
    'staff.deactivate',
    'staff.reactivate',
    'village.create',
    'village.read',
    'village.update',
    'policy.read',
    'policy.update',
    'directory.read',
  ],
  party: [
    'party.created',
    'party.created.possible-duplicate',
    'party.read',
    'party.listed',
    'party.updated',
    'party.linked',
    'party.found-by-id-number',
    'party.access-granted',
    'party.agency-added',
    ...each('party.agency-added', PARTIES_SHARED_REASONS),
    'party.duplicate-granted',
    'party.duplicate-dismissed',
    'party.duplicate-listed',
    ...each('party.revealed', REVEALABLE_FIELDS),
    'party.risk-flags-read',
    ...each('party.risk-flag-set', RISK_CATEGORIES),
    ...each('party.risk-flag-cleared', RISK_CATEGORIES),
  ],
} as const;

/** The audit services: each writes its own trail, in its own database. */
export type AuditService = keyof typeof AUDIT_ACTIONS;
/** A name `service`'s trail may record: its own actions, or a refusal. */
export type AuditActionOf<S extends AuditService> = (typeof AUDIT_ACTIONS)[S][number] | `${AuditObjectType}.refused`;
/** Any audit action of any service. */
export type AuditAction = AuditActionOf<AuditService>;

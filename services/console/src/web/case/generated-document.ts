/**
 * The form behind 生成调解协议书 / 生成司法确认申请书, and the request it makes. What the case's record does not hold
 * comes from the form: the agreed terms, how and by when they are performed, and, for the application, the court.
 * The limits are case-service's (document-generation-api.ts), checked here first so the person sees them as they type.
 */
import type { CaseSchemas } from '../common/api/client';
import type { GeneratedDocumentKind } from '../common/api/vocabulary';

export type GenerateDocumentRequest = CaseSchemas['GenerateDocumentRequest'];

export const LIMITS = {
  terms: { min: 1, max: 20 },
  term: { min: 2, max: 1000 },
  manner: { min: 2, max: 500 },
  deadline: { min: 2, max: 200 },
  court: { min: 4, max: 100 },
  reason: { min: 5, max: 2000 },
} as const;

export interface GenerateForm {
  terms: (string | undefined)[];
  manner: string;
  deadline: string;
  court?: string;
  reason?: string;
}

export const EMPTY_GENERATE_FORM: GenerateForm = { terms: [''], manner: '', deadline: '' };

/** The request for the chosen document, trimmed as the service trims it; an empty optional reason is left out. */
export function generateRequestOf(kind: GeneratedDocumentKind, values: GenerateForm): GenerateDocumentRequest {
  const terms = values.terms.map((term) => (term ?? '').trim());
  const performance = { manner: values.manner.trim(), deadline: values.deadline.trim() };
  if (kind === 'mediation-agreement') return { kind, terms, performance };
  const reason = values.reason?.trim();
  return { kind, terms, performance, court: (values.court ?? '').trim(), ...(reason ? { reason } : {}) };
}

/** The service's field paths (`terms.2`, `performance.manner`) as the form's fields. */
export function generatedFieldOf(path: string): string | [string, number] | undefined {
  const term = /^terms\.(\d+)$/.exec(path);
  if (term) return ['terms', Number(term[1])];
  switch (path) {
    case 'performance.manner':
      return 'manner';
    case 'performance.deadline':
      return 'deadline';
    case 'court':
    case 'reason':
      return path;
    default:
      return undefined;
  }
}

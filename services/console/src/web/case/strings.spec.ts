import { WORKFLOW_TIMELINE_EVENTS } from '@gongzhi/contracts';
import { caseStrings } from './strings';

/** The entries case-service writes itself (its own names, with a dot). */
const CASE_SERVICE_EVENTS = [
  'case.opened',
  'case.updated',
  'case.merged-into',
  'case.absorbed',
  'case.split-off',
  'document.added',
  'report.linked',
  'report.village-unchecked',
  'duplicate.suggested',
  'duplicate.confirmed',
  'duplicate.dismissed',
];

/** The string at a dotted path, as i18next reads `events.case.opened`. */
function at(bundle: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      bundle,
    );
}

describe("the case page's words", () => {
  it.each(['zh-CN', 'en'] as const)(
    'label every timeline entry the workflow and case-service write (%s)',
    (language) => {
      const events = caseStrings[language].events;
      const missing = [...WORKFLOW_TIMELINE_EVENTS, ...CASE_SERVICE_EVENTS].filter(
        (type) => typeof at(events, type) !== 'string',
      );
      expect(missing).toEqual([]);
    },
  );

  it('say what a raised risk did, for every consequence the workflow records', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      expect(Object.keys(caseStrings[language].riskConsequence).sort()).toEqual([
        'moves',
        'stays',
        'stays-not-back-to-sender',
      ]);
    }
  });
});

import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas, CaseView, Level } from '../common/api/client';
import { AgencyName } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';
import { usePolicy } from './queries';

type TimelineEvent = CaseSchemas['TimelineEvent'];

/** The default policy's ladder; a town's own policy may differ, and is read where it matters. */
export const LEVEL_AGENCY_KIND: Record<Level, string> = {
  L1: 'mediation-committee',
  L2: 'police-station',
  L3: 'judicial-office',
  L4: 'court',
};
const DEFAULT_LADDER = (Object.keys(LEVEL_AGENCY_KIND) as Level[]).map((level) => ({
  level,
  agencyKind: LEVEL_AGENCY_KIND[level],
}));

/**
 * The escalation ladder (village committee → police → judicial office → tribunal) from the town's policy: where the
 * case is, who held each level and since when (from the timeline's transfer events).
 */
export function Ladder({ caseView, timeline }: { caseView: CaseView; timeline: TimelineEvent[] }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const policy = usePolicy(caseView.townCode);
  const ladder = policy.data?.ladder ?? DEFAULT_LADDER;
  const current = caseView.progress.level;
  const currentIndex = ladder.findIndex((step) => step.level === current);
  const lastOf = (type: string, level: string) =>
    [...timeline].reverse().find((event) => event.type === type && event.details['level'] === level);
  return (
    <Steps
      className="gz-ladder"
      // Vertical: each level has room for its agency, who holds it and since when, even in a narrow column.
      direction="vertical"
      size="small"
      current={currentIndex < 0 ? 0 : currentIndex}
      status={caseView.status === 'closed' ? 'finish' : 'process'}
      items={ladder.map((step, index) => {
        const accepted = lastOf('transfer-accepted', step.level);
        const requested = lastOf('transfer-requested', step.level);
        const responsible = accepted?.details['responsibleStaffId'];
        const agencyId = requested?.details['toAgencyId'];
        const agency = typeof agencyId === 'string' ? <AgencyName id={agencyId} /> : null;
        const description = accepted ? (
          <>
            {agency}
            {agency ? ' · ' : ''}
            <StaffName id={typeof responsible === 'string' ? responsible : accepted.actor} /> ·{' '}
            {t('ladderSince', { date: formatDateTime(accepted.at, i18n.language) })}
          </>
        ) : requested ? (
          <>
            {agency}
            {agency ? ' · ' : ''}
            {t('ladderWaiting', { date: formatDateTime(requested.at, i18n.language) })}
          </>
        ) : undefined;
        return {
          title: `${t(`common:levels.${step.level}`)} · ${t(`common:agencyKinds.${step.agencyKind}`)}`,
          description,
          status: index < currentIndex ? 'finish' : index === currentIndex ? 'process' : 'wait',
        };
      })}
    />
  );
}

import { Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas } from '../common/api/client';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';
import { riskRaisedOf } from './risks';

type TimelineEvent = CaseSchemas['TimelineEvent'];

/** What an entry adds to its label, for the types whose details say more than the label does. */
function EventDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation(['case', 'common']);
  if (event.type !== 'risk-raised') return null;
  const raised = riskRaisedOf(event.details);
  if (raised.flags.length === 0 && !raised.consequence) return null;
  const flags = raised.flags.map((flag) => t(`common:risks.${flag}`)).join(t('common:listSeparator'));
  const consequence = raised.consequence
    ? t(`case:riskConsequence.${raised.consequence}`, {
        level: raised.toLevel ? t(`common:levels.${raised.toLevel}`) : '',
      })
    : '';
  return (
    <div>
      {consequence ? t('case:riskDetail', { flags, consequence }) : flags}
      {raised.source === 'party' ? t('case:riskFromParty') : ''}
    </div>
  );
}

/** The case's history, newest first, with people's names where the caller may read them (never raw ids). */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const label = (event: TimelineEvent) => {
    const level = typeof event.details['level'] === 'string' ? t(`common:levels.${event.details['level']}`) : '';
    const key = `case:events.${event.type}`;
    return i18n.exists(key)
      ? t(key, { level, n: String(event.details['n'] ?? '') })
      : t('case:events.other', { type: event.type });
  };
  return (
    <Timeline
      items={[...events].reverse().map((event, index) => ({
        key: `${event.at}-${index}`,
        children: (
          <>
            <strong>{label(event)}</strong>
            <EventDetails event={event} />
            <div className="gz-muted">
              {formatDateTime(event.at, i18n.language)} · <StaffName id={event.actor} />
            </div>
          </>
        ),
      }))}
    />
  );
}

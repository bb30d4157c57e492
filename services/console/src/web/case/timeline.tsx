import { Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas } from '../common/api/client';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';

type TimelineEvent = CaseSchemas['TimelineEvent'];

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
            <div className="gz-muted">
              {formatDateTime(event.at, i18n.language)} · <StaffName id={event.actor} />
            </div>
          </>
        ),
      }))}
    />
  );
}

import { useTranslation } from 'react-i18next';
import { scheduleRuns, weeklySchedule } from './reception';
import type { ReceptionWindow } from './vocabulary';

function useWindowText() {
  const { t } = useTranslation('people');
  return (window: ReceptionWindow) =>
    window.note
      ? t('schedule.windowWithNote', { from: window.from, to: window.to, note: window.note })
      : t('schedule.window', { from: window.from, to: window.to });
}

/** The week in a few lines, for a list: 周一至周五 09:00–17:00, then 周六 09:00–12:00 on a line of its own. */
export function ReceptionSummary({ windows }: { windows: readonly ReceptionWindow[] }) {
  const { t } = useTranslation(['people', 'common']);
  const windowText = useWindowText();
  const runs = scheduleRuns(windows);
  if (runs.length === 0) return <span className="gz-muted">{t('schedule.none')}</span>;
  const day = (weekday: number) => t(`weekdays.${weekday}`);
  return (
    <>
      {runs.map((run) => (
        <div key={run.firstDay}>
          {t('schedule.run', {
            days:
              run.days === 1
                ? day(run.firstDay)
                : run.days === 2
                  ? [day(run.firstDay), day(run.lastDay)].join(t('common:listSeparator'))
                  : t('schedule.range', { first: day(run.firstDay), last: day(run.lastDay) }),
            windows: run.windows.map(windowText).join(t('common:listSeparator')),
          })}
        </div>
      ))}
    </>
  );
}

/** The week day by day, Monday to Sunday, the days without reception said as such. */
export function WeeklySchedule({ windows }: { windows: readonly ReceptionWindow[] }) {
  const { t } = useTranslation(['people', 'common']);
  const windowText = useWindowText();
  if (windows.length === 0) return <span className="gz-muted">{t('schedule.none')}</span>;
  return (
    <dl className="gz-people-week">
      {weeklySchedule(windows).map((day) => (
        <div key={day.weekday} className="gz-people-day">
          <dt>{t(`weekdays.${day.weekday}`)}</dt>
          <dd className={day.windows.length === 0 ? 'gz-muted' : undefined}>
            {day.windows.length === 0
              ? t('schedule.closed')
              : day.windows.map(windowText).join(t('common:listSeparator'))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

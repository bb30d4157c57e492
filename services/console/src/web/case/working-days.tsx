import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencyApi, unwrap } from '../common/api/client';

/**
 * "剩 3 个工作日": working days from today to a deadline on the official calendar (holidays and make-up working
 * weekends), as agency-service counts them. Counted from the start of the current hour, so every page shown within
 * the hour asks once.
 */
export function WorkingDaysLeft({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation('case');
  const hour = new Date();
  hour.setMinutes(0, 0, 0);
  const from = hour.toISOString();
  const count = useQuery({
    queryKey: ['working-days', from, dueAt],
    staleTime: 60 * 60_000,
    queryFn: () =>
      unwrap(agencyApi.GET('/api/v1/calendar/working-days-between', { params: { query: { from, to: dueAt } } })),
  });
  if (!count.data) return null;
  const days = count.data.workingDays;
  const text =
    days > 0
      ? t('workingDaysLeft', { count: days })
      : days === 0
        ? t('dueToday')
        : t('workingDaysOver', { count: -days });
  return (
    <strong className="gz-working-days">
      {text}
      {count.data.basis === 'provisional' ? <span className="gz-muted"> {t('provisionalCalendar')}</span> : null}
    </strong>
  );
}

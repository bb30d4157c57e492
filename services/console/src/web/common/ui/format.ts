import type { TFunction } from 'i18next';

/** Every date the console shows is the town's time, whatever the computer's clock is set to. */
export const TOWN_TIME_ZONE = 'Asia/Shanghai';

/**
 * "2026/12/07 04:37" in Chinese; in English year first too ("2026-12-07 04:37"), since the town's readers of English
 * would take the American "12/07/2026" for the 12th of July.
 */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const fields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
  if (language !== 'en') {
    return new Intl.DateTimeFormat(language, { timeZone: TOWN_TIME_ZONE, ...fields, hour12: false }).format(
      new Date(iso),
    );
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TOWN_TIME_ZONE,
    ...fields,
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** "14:05": the town's clock time of an instant (a time to come back, within the hour). */
export function formatClockTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    timeZone: TOWN_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** "3 天 4 小时": the largest two units of a duration. */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  if (days > 0 && hours > 0) return t('common:due.daysHours', { days, hours });
  if (days > 0) return t('common:due.days', { count: days });
  if (hours > 0) return t('common:due.hours', { count: hours });
  return t('common:due.minutes', { count: minutes % 60 });
}

/** Yuan with thousands separators, from the services' decimal string (never through a float for arithmetic). */
export function formatYuan(amount: string | null | undefined, language: string): string {
  if (!amount) return '';
  const [whole = '0', cents] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return language === 'en' ? `¥${grouped}${cents ? `.${cents}` : ''}` : `${grouped}${cents ? `.${cents}` : ''} 元`;
}

import { useTranslation } from 'react-i18next';
import type { RiskFlag, Task } from '../api/client';
import { formatDateTime, formatDuration } from './format';

/** Tag colours chosen for contrast (Ant Design's orange preset fails it). */
const TONES = {
  danger: { color: '#8c1d18', background: '#fdecea', border: '#f1b0ab' },
  warning: { color: '#6b3d00', background: '#fff4d6', border: '#f0cf80' },
  ok: { color: '#1d4f12', background: '#eef8e8', border: '#b7deaa' },
  neutral: { color: '#333333', background: '#f2f2f2', border: '#d0d0d0' },
} as const;

export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  const { color, background, border } = TONES[tone];
  return (
    <span className="gz-tag" style={{ color, background, borderColor: border }}>
      {children}
    </span>
  );
}

/** Due within this long counts as 即将到期 (the API's `dueSoon`). */
export const DUE_SOON_MS = 48 * 3600 * 1000;

export type DueGroup = 'overdue' | 'soon' | 'later';

export function dueGroupOf(clock: Task['clock']): DueGroup {
  if (clock.overdue) return 'overdue';
  if (clock.remainingMs !== null && clock.remainingMs <= DUE_SOON_MS) return 'soon';
  return 'later';
}

/** The legal clock of a task as a countdown, with its due date for the tooltip-less (screen reader) reading. */
export function DueTag({ clock }: { clock: Task['clock'] }) {
  const { t, i18n } = useTranslation();
  if (clock.remainingMs === null) return <ToneTag tone="neutral">{t('due.none')}</ToneTag>;
  const group = dueGroupOf(clock);
  const time = formatDuration(clock.remainingMs, t);
  return (
    <ToneTag tone={group === 'overdue' ? 'danger' : group === 'soon' ? 'warning' : 'ok'}>
      {group === 'overdue' ? t('due.overdue', { time }) : t('due.remaining', { time })}
      <span className="gz-muted"> · {t('due.dueAt', { date: formatDateTime(clock.dueAt, i18n.language) })}</span>
    </ToneTag>
  );
}

export function RiskTags({ risks }: { risks: readonly RiskFlag[] }) {
  const { t } = useTranslation();
  return (
    <>
      {risks.map((risk) => (
        <ToneTag key={risk} tone="danger">
          {t(`risks.${risk}`)}
        </ToneTag>
      ))}
    </>
  );
}

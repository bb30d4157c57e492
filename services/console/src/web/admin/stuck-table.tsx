import './i18n';
import './admin.css';
import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../common/ui/format';
import { ToneTag, type Tone } from '../common/ui/tags';
import { useNamesAcross } from './directory';
import { shortId, stuckForText } from './format';
import { levelLabel, taskKindLabel } from './labels';
import type { StuckItem, StuckKind } from './stuck-filters';

/** What waits on people reads as a warning; what is broken in the machinery as danger. */
const KIND_TONES: Record<StuckKind, Tone> = {
  'overdue-acceptance': 'warning',
  'undecided-level': 'warning',
  'overdue-task': 'warning',
  'workflow-task-failing': 'danger',
  blocked: 'danger',
  'failing-activity': 'danger',
  reconciliation: 'neutral',
};

export interface StuckTableProps {
  /** The report's items, longest stuck first (as the scan answers them; this list does not reorder). */
  items: readonly StuckItem[];
  loading: boolean;
  /** Where a row's case links to (the diagnosis page, the case page); undefined leaves the case unlinked. */
  caseLink: (item: StuckItem) => string | undefined;
  /** The table's accessible name; the stuck list's by default. */
  label?: string;
  /** What a case link says to a screen reader; "its diagnosis" by default (the administrators' link). */
  caseLinkLabel?: (caseId: string) => string;
  /**
   * Whether the service's own line (English, with activity names and failure messages) shows under the person's
   * language's: for administrators, who match it with logs; not for coordinators.
   */
  showServiceWords?: boolean;
}

const rowKey = (item: StuckItem) =>
  [item.kind, item.caseId ?? item.workflowId, item.taskId ?? '', item.subject].join('|');

/**
 * The stuck scan's items as a table: kind, case, agency, level, how long, on what, and the one-line diagnosis. Only
 * shows what it is given (no request of its own but the town directories for the agencies' names), so the
 * coordinators' read-only page can use it with links of its own.
 */
export function StuckTable({
  items,
  loading,
  caseLink,
  label,
  caseLinkLabel,
  showServiceWords = true,
}: StuckTableProps) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const exists = (key: string) => i18n.exists(key);
  const towns = useMemo(() => [...new Set(items.map((item) => item.townCode))], [items]);
  const names = useNamesAcross(towns);
  const columns: TableColumnsType<StuckItem> = [
    {
      key: 'kind',
      title: t('table.kind'),
      render: (_, item) => <ToneTag tone={KIND_TONES[item.kind]}>{t(`kinds.${item.kind}`)}</ToneTag>,
    },
    {
      key: 'case',
      title: t('table.case'),
      render: (_, item) => {
        if (!item.caseId) {
          return (
            <>
              <div>{t('table.noCase')}</div>
              <code className="gz-admin-id">{t('table.workflow', { id: item.workflowId })}</code>
            </>
          );
        }
        const to = caseLink(item);
        const text = t('table.caseLabel', { id: shortId(item.caseId) });
        return to ? (
          <Link to={to} aria-label={caseLinkLabel?.(item.caseId) ?? t('table.caseLinkLabel', { id: item.caseId })}>
            {text}
          </Link>
        ) : (
          <span title={item.caseId}>{text}</span>
        );
      },
    },
    {
      key: 'agency',
      title: t('table.agency'),
      render: (_, item) => names.agency(item.agencyId) || '—',
    },
    {
      key: 'level',
      title: t('table.level'),
      render: (_, item) => levelLabel(t, exists, item.level) || '—',
    },
    {
      key: 'stuckFor',
      title: t('table.stuckFor'),
      render: (_, item) => {
        const { key, values } = stuckForText(item.stuckForMs);
        return (
          <>
            <div className="gz-admin-strong">{t(key, values)}</div>
            <div className="gz-muted">{formatDateTime(item.since, i18n.language)}</div>
          </>
        );
      },
    },
    {
      key: 'subject',
      title: t('table.subject'),
      render: (_, item) => (
        <>
          <div>{taskKindLabel(t, exists, item.subject)}</div>
          {item.attempt !== null && item.attempt > 1 ? (
            <div className="gz-muted">{t('table.attempt', { attempt: item.attempt })}</div>
          ) : null}
        </>
      ),
    },
    {
      key: 'diagnosis',
      title: t('table.diagnosis'),
      render: (_, item) => (
        <>
          <div>
            {t(`sentences.${item.kind}`, {
              agency: names.agency(item.agencyId) || t('sentences.someAgency'),
              task: taskKindLabel(t, exists, item.subject),
              level: levelLabel(t, exists, item.level) || t('sentences.thisLevel'),
            })}
          </div>
          {showServiceWords ? (
            <div className="gz-muted gz-admin-diagnosis" lang="en" title={t('sentences.serviceWords')}>
              {item.diagnosis}
            </div>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <Table<StuckItem>
      aria-label={label ?? t('table.caption')}
      size="small"
      columns={columns}
      dataSource={[...items]}
      rowKey={rowKey}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('stuck.empty') }}
    />
  );
}

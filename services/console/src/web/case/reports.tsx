import { useQuery } from '@tanstack/react-query';
import { List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseApi, unwrap } from '../shared/api/client';
import { StaffName } from '../shared/queries/staff';
import { formatDateTime } from '../shared/ui/format';
import { ProblemAlert } from '../shared/ui/problem';

/** Every report of the dispute (一人多报, 一地多报): the one that opened the case, and those linked to it, and why. */
export function CaseReports({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const reports = useQuery({
    queryKey: ['case', caseId, 'reports'],
    queryFn: () => unwrap(caseApi.GET('/api/v1/cases/{id}/reports', { params: { path: { id: caseId } } })),
  });
  return (
    <>
      {reports.isError ? <ProblemAlert error={reports.error} /> : null}
      <List
        size="small"
        loading={reports.isPending}
        dataSource={reports.data?.items ?? []}
        rowKey="id"
        locale={{ emptyText: t('noReports') }}
        renderItem={(report) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span className="gz-task-meta">
                  <span>{t(`common:sources.${report.source}`)}</span>
                  <Tag>{report.matchedBy ? t(`reportMatched.${report.matchedBy}`) : t('reportOpened')}</Tag>
                </span>
              }
              description={
                <>
                  <div>{report.summary}</div>
                  <div className="gz-muted">
                    {formatDateTime(report.receivedAt, i18n.language)} · <StaffName id={report.reportedBy} />
                    {report.eventRef ? ` · ${report.eventRef}` : ''}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseApi, unwrap } from '../common/api/client';
import { StaffName } from '../common/queries/staff';
import { formatDateTime, formatYuan } from '../common/ui/format';
import { ProblemAlert } from '../common/ui/problem';
import { RiskTags } from '../common/ui/tags';
import { PartyLine } from './parties';

const fetchReports = (caseId: string) =>
  unwrap(caseApi.GET('/api/v1/cases/{id}/reports', { params: { path: { id: caseId } } }));
type Report = Awaited<ReturnType<typeof fetchReports>>['items'][number];

/**
 * What a linked report brought that the case may not have: its parties, amount and risk signs. case-service keeps
 * them on the report and leaves the case as it is; the mediator decides what to take over.
 */
function ReportedFacts({ report }: { report: Report }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const risks = report.riskAssessment
    ? ([
        ...(report.riskAssessment.violenceRisk ? ['violence-risk'] : []),
        ...(report.riskAssessment.groupDispute ? ['group-dispute'] : []),
        ...(report.riskAssessment.keyPerson ? ['key-person'] : []),
      ] as const as readonly ('violence-risk' | 'group-dispute' | 'key-person')[])
    : [];
  if (report.otherParties.length === 0 && !report.amountInDispute && risks.length === 0) return null;
  return (
    <div className="gz-muted">
      {report.amountInDispute ? (
        <div>
          {t('common:labelled', { label: t('amount'), value: formatYuan(report.amountInDispute, i18n.language) })}
        </div>
      ) : null}
      {risks.length > 0 ? <RiskTags risks={risks} /> : null}
      {report.otherParties.map((party) => (
        <PartyLine key={party.partyId} partyId={party.partyId} role={party.role} />
      ))}
    </div>
  );
}

/** Every report of the dispute (一人多报, 一地多报): the one that opened the case, and those linked to it, and why. */
export function CaseReports({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const reports = useQuery({
    queryKey: ['case', caseId, 'reports'],
    queryFn: () => fetchReports(caseId),
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
                  {report.matchedBy ? <ReportedFacts report={report} /> : null}
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

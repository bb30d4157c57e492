import './i18n';
import './report.css';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Result, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  caseApi,
  type CaseSchemas,
  type DisputeType,
  newIdempotencyKey,
  type SourceChannel,
  unwrap,
} from '../common/api/client';
import { ProblemError } from '../common/api/problem';
import { useSession } from '../common/session/session';
import { useVillages } from '../common/queries/directory';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { PartyDialog, type PickedParty } from './party-dialog';
import { DISPUTE_TYPES, SOURCES } from '../common/api/vocabulary';

type PartyRole = 'applicant' | 'respondent' | 'other';
type RiskSign = 'violenceRisk' | 'groupDispute' | 'keyPerson';
const RISK_SIGNS: readonly RiskSign[] = ['violenceRisk', 'groupDispute', 'keyPerson'];

interface ReportForm {
  disputeType: DisputeType;
  source: SourceChannel;
  villageCode: string;
  gridCode?: string;
  eventRef?: string;
  summary: string;
  amountInDispute?: string | null;
  risks?: RiskSign[];
  riskNotes?: string;
}

/** The service's field paths as this form's fields (party paths are shown on their party instead). */
const FIELDS: Record<string, keyof ReportForm> = {
  disputeType: 'disputeType',
  source: 'source',
  villageCode: 'villageCode',
  gridCode: 'gridCode',
  eventRef: 'eventRef',
  summary: 'summary',
  amountInDispute: 'amountInDispute',
  'riskAssessment.notes': 'riskNotes',
};

interface ListedParty {
  party: PickedParty;
  role: PartyRole;
}

/** The body of the report: the applicant is its reporter, every other party goes along with its role. */
function reportBody(values: ReportForm, parties: readonly ListedParty[], townCode: string) {
  const reporter = parties.find((p) => p.role === 'applicant');
  const others = parties.flatMap((p) =>
    p.role === 'applicant' ? [] : [{ partyId: p.party.id, role: p.role as 'respondent' | 'other' }],
  );
  const risks = new Set(values.risks ?? []);
  const notes = values.riskNotes?.trim();
  const body: CaseSchemas['FileReportRequest'] = {
    disputeType: values.disputeType,
    source: values.source,
    summary: values.summary.trim(),
    townCode,
    villageCode: values.villageCode,
    ...(values.gridCode?.trim() ? { gridCode: values.gridCode.trim() } : {}),
    ...(values.eventRef?.trim() ? { eventRef: values.eventRef.trim() } : {}),
    ...(reporter ? { reporterPartyId: reporter.party.id } : {}),
    ...(others.length > 0 ? { otherParties: others } : {}),
    ...(values.amountInDispute ? { amountInDispute: values.amountInDispute } : {}),
    ...(risks.size > 0 || notes
      ? {
          riskAssessment: {
            violenceRisk: risks.has('violenceRisk'),
            groupDispute: risks.has('groupDispute'),
            keyPerson: risks.has('keyPerson'),
            ...(notes ? { notes } : {}),
          },
        }
      : {}),
  };
  return { body, sent: { reporter: reporter?.party.id, others: others.map((o) => o.partyId) } };
}

interface SentParties {
  reporter: string | undefined;
  others: string[];
}

/** The party ids the service named in its field errors (`reporterPartyId`, `otherParties.1.partyId`). */
function refusedParties(error: unknown, sent: SentParties): Set<string> {
  const refused = new Set<string>();
  if (!(error instanceof ProblemError)) return refused;
  for (const issue of error.problem.errors ?? []) {
    const other = /^otherParties\.(\d+)\.partyId$/.exec(issue.path);
    const id = issue.path === 'reporterPartyId' ? sent.reporter : other ? sent.others[Number(other[1])] : undefined;
    if (id) refused.add(id);
  }
  return refused;
}

/** A grid worker's report from the field: one column on a phone, the answer says whether it opened or joined a case. */
export function ReportPage() {
  const { t } = useTranslation(['report', 'common']);
  const { data: session } = useSession();
  const [form] = Form.useForm<ReportForm>();
  const navigate = useNavigate();
  const villageCode = Form.useWatch('villageCode', form);
  const villages = useVillages();
  const grids = villages.data?.find((village) => village.code === villageCode)?.grids ?? [];
  const key = useRef(newIdempotencyKey());
  const [parties, setParties] = useState<ListedParty[]>([]);
  const [picking, setPicking] = useState(false);
  const [refused, setRefused] = useState<Set<string>>(new Set());
  const [partiesProblem, setPartiesProblem] = useState<string>();
  const townCode = session?.staff.townCode ?? '';

  const file = useMutation({
    mutationFn: ({ body }: { body: CaseSchemas['FileReportRequest']; sent: SentParties }) =>
      unwrap(caseApi.POST('/api/v1/reports', { params: { header: { 'idempotency-key': key.current } }, body })),
    onSuccess: () => {
      key.current = newIdempotencyKey();
    },
    onError: (error, { sent }) => {
      // An answered refusal: the corrected report is a new request.
      if (error instanceof ProblemError) key.current = newIdempotencyKey();
      showFieldErrors(form, error, (path) => FIELDS[path]);
      setRefused(refusedParties(error, sent));
    },
  });

  const submit = (values: ReportForm) => {
    if (parties.filter((p) => p.role === 'applicant').length > 1) {
      setPartiesProblem(t('oneApplicant'));
      return;
    }
    setPartiesProblem(undefined);
    setRefused(new Set());
    file.mutate(reportBody(values, parties, townCode));
  };

  if (file.data) {
    const { outcome, report, case: filed } = file.data;
    return (
      <div className="gz-report">
        <Result
          status="success"
          title={outcome === 'opened' ? t('opened') : t('linked')}
          subTitle={
            outcome === 'opened'
              ? t('openedDetail')
              : t('linkedDetail', { rule: t(`rules.${report.matchedBy ?? 'same-event'}`) })
          }
          extra={
            <div className="gz-report-answer">
              {/* A link (it opens a page) that looks like the answer's main button; navigated within the app. */}
              <Button
                type="primary"
                size="large"
                href={`/cases/${filed.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(`/cases/${filed.id}`);
                }}
              >
                {t('openCase', { type: t(`common:disputeTypes.${filed.disputeType}`) })}
              </Button>
              <Button
                size="large"
                onClick={() => {
                  form.resetFields();
                  setParties([]);
                  setRefused(new Set());
                  file.reset();
                }}
              >
                {t('another')}
              </Button>
            </div>
          }
        />
      </div>
    );
  }

  return (
    <div className="gz-report">
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {file.isError && refused.size > 0 ? (
        // A party the caller may not see (or that does not exist): named on the party itself below.
        <Alert
          type="error"
          role="alert"
          showIcon
          message={t('partyRefusedTitle')}
          description={t('partyRefusedDetail')}
        />
      ) : file.isError ? (
        <ProblemAlert error={file.error} />
      ) : null}
      <Form<ReportForm>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ source: 'grid-report', risks: [] }}
        onFinish={submit}
        scrollToFirstError
      >
        <Form.Item
          label={t('disputeType')}
          name="disputeType"
          rules={[{ required: true, message: t('disputeTypeRequired') }]}
        >
          <FormSelect
            options={DISPUTE_TYPES.map((type) => ({ value: type, label: t(`common:disputeTypes.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('source')} name="source" rules={[{ required: true }]}>
          <FormSelect options={SOURCES.map((source) => ({ value: source, label: t(`common:sources.${source}`) }))} />
        </Form.Item>
        <Form.Item label={t('village')} name="villageCode" rules={[{ required: true, message: t('villageRequired') }]}>
          <FormSelect
            loading={villages.isPending}
            options={(villages.data ?? []).map((village) => ({ value: village.code, label: village.name }))}
            onChange={() => form.setFieldValue('gridCode', undefined)}
          />
        </Form.Item>
        <Form.Item label={t('grid')} name="gridCode">
          <FormSelect allowClear options={grids.map((grid) => ({ value: grid, label: grid }))} />
        </Form.Item>
        <Form.Item label={t('eventRef')} name="eventRef">
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          label={t('summary')}
          name="summary"
          rules={[{ required: true, whitespace: true, min: 5, message: t('summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>

        <section className="gz-report-section" aria-labelledby="report-parties">
          <Typography.Title level={2} id="report-parties">
            {t('parties')}
          </Typography.Title>
          <Typography.Paragraph className="gz-muted">{t('partiesHint')}</Typography.Paragraph>
          <ul className="gz-report-parties">
            {parties.map(({ party, role }, index) => (
              <li key={party.id} className="gz-report-party" aria-label={party.name}>
                <div className="gz-report-party-who">
                  <strong>{party.name}</strong>
                  <span className="gz-muted">
                    {party.kind === 'person'
                      ? t('personFacts', { idNumber: party.idNumber ?? '—' })
                      : t('organisationFacts', { creditCode: party.creditCode ?? '—' })}
                    {party.phone ? ` · ${party.phone}` : ''}
                  </span>
                </div>
                <div className="gz-report-party-role">
                  <Select<PartyRole>
                    aria-label={t('roleOf', { name: party.name })}
                    value={role}
                    onChange={(next) =>
                      setParties((list) => list.map((p, i) => (i === index ? { ...p, role: next } : p)))
                    }
                    options={(['applicant', 'respondent', 'other'] as const).map((r) => ({
                      value: r,
                      label: t(`roles.${r}`),
                    }))}
                  />
                  <Button
                    onClick={() => setParties((list) => list.filter((_, i) => i !== index))}
                    aria-label={t('removeParty', { name: party.name })}
                  >
                    {t('remove')}
                  </Button>
                </div>
                {refused.has(party.id) ? (
                  <Typography.Text type="danger" role="alert">
                    {t('partyRefused')}
                  </Typography.Text>
                ) : null}
              </li>
            ))}
          </ul>
          {partiesProblem ? (
            <Typography.Paragraph type="danger" role="alert">
              {partiesProblem}
            </Typography.Paragraph>
          ) : null}
          <Button block onClick={() => setPicking(true)} disabled={parties.length >= 21}>
            {t('addParty')}
          </Button>
        </section>

        <section className="gz-report-section" aria-labelledby="report-facts">
          <Typography.Title level={2} id="report-facts">
            {t('facts')}
          </Typography.Title>
          <Form.Item label={t('amount')} name="amountInDispute">
            <InputNumber<string>
              stringMode
              min="0"
              max="999999999999.99"
              precision={2}
              step="100"
              inputMode="decimal"
              addonAfter={t('yuan')}
              className="gz-report-amount"
            />
          </Form.Item>
          <Form.Item label={t('risks')} name="risks">
            <Checkbox.Group className="gz-report-risks">
              {RISK_SIGNS.map((sign) => (
                <Checkbox key={sign} value={sign}>
                  {t(`riskSigns.${sign}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Alert type="warning" showIcon message={t('riskHint')} className="gz-report-risk-hint" />
          <Form.Item label={t('riskNotes')} name="riskNotes">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </section>

        <Button type="primary" htmlType="submit" loading={file.isPending} block>
          {t('submit')}
        </Button>
      </Form>
      {picking ? (
        <PartyDialog
          townCode={townCode}
          villageCode={villageCode}
          onClose={() => setPicking(false)}
          onPicked={(party) => {
            setPicking(false);
            setParties((list) =>
              list.some((p) => p.party.id === party.id)
                ? list
                : [...list, { party, role: list.some((p) => p.role === 'applicant') ? 'respondent' : 'applicant' }],
            );
          }}
        />
      ) : null}
    </div>
  );
}

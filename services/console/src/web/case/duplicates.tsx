import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseApi, type CaseView, newIdempotencyKey, unwrap } from '../common/api/client';
import { isProblem, ProblemError } from '../common/api/problem';
import { AgencyName, useVillageName } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { TASK_COUNTS_KEY } from '../common/queries/task-counts';
import { useSession } from '../common/session/session';
import { formatDateTime, formatDuration } from '../common/ui/format';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { ToneTag } from '../common/ui/tags';
import {
  confirmationMergesThisCase,
  decisionProblem,
  type DuplicateDecision,
  type DuplicateSuggestion,
  otherCaseOf,
  partitionSuggestions,
  REASON_MAX,
  REASON_MIN,
  shortCaseId,
} from './duplicate-suggestions';
import { canDecideDuplicates } from './permissions';

/** The other case as a link, named by the start of its id (no party, no summary: nothing personal). */
export function CaseLink({ id }: { id: string }) {
  const { t } = useTranslation('case');
  return <Link to={`/cases/${id}`}>{t('caseRef', { id: shortCaseId(id) })}</Link>;
}

/** What made the suggestion: the place (grid cell or village), the type, how far apart the reports came. */
function Evidence({ suggestion }: { suggestion: DuplicateSuggestion }) {
  const { t } = useTranslation(['case', 'common']);
  const { evidence } = suggestion;
  const village = useVillageName(evidence.place === 'village' ? evidence.placeCode : undefined);
  const place = evidence.place === 'grid' ? t('duplicateGrid', { code: evidence.placeCode }) : village;
  return (
    <div className="gz-muted">
      {t('duplicateEvidence', {
        place,
        type: t(`common:disputeTypes.${evidence.disputeType}`),
        apart: formatDuration(evidence.minutesApart * 60_000, t),
        days: evidence.windowDays,
      })}
      {evidence.sharedPartyIds.length > 0
        ? ` · ${t('duplicateSharedParties', { count: evidence.sharedPartyIds.length })}`
        : ''}
    </div>
  );
}

/** One open suggestion: its evidence, which case a confirmation merges, and the two decisions with their reason. */
function OpenSuggestion({
  suggestion,
  caseId,
  mayDecide,
  onStale,
}: {
  suggestion: DuplicateSuggestion;
  caseId: string;
  mayDecide: boolean;
  onStale: () => void;
}) {
  const { t } = useTranslation(['case', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const key = useRef(newIdempotencyKey());
  const other = otherCaseOf(suggestion, caseId);
  const decide = useMutation({
    mutationFn: ({ decision, reason }: { decision: DuplicateDecision; reason: string }) => {
      const options = {
        params: { path: { id: suggestion.id }, header: { 'idempotency-key': key.current } },
        body: { reason },
      };
      return unwrap(
        decision === 'confirm'
          ? caseApi.POST('/api/v1/duplicate-suggestions/{id}/confirm', options)
          : caseApi.POST('/api/v1/duplicate-suggestions/{id}/dismiss', options),
      );
    },
    onSuccess: (decided) => {
      key.current = newIdempotencyKey();
      void message.success(decided.status === 'confirmed' ? t('duplicateConfirmed') : t('duplicateDismissed'));
    },
    onError: (error) => {
      // An answered refusal: a corrected decision is a new request.
      if (error instanceof ProblemError) key.current = newIdempotencyKey();
      showFieldErrors(form, error, (path) => (path === 'reason' ? 'reason' : undefined));
    },
    onSettled: () => {
      // Both cases changed (their timelines; a merge, their status and tasks).
      for (const queryKey of [['case', caseId], ['case', other], ['tasks'], TASK_COUNTS_KEY]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  const submit = async (decision: DuplicateDecision) => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    decide.mutate({ decision, reason });
  };
  const otherLink = t('caseRef', { id: shortCaseId(other) });
  return (
    <section className="gz-duplicate" aria-label={t('duplicateOf', { case: otherLink })}>
      <div className="gz-task-meta">
        <strong>
          <CaseLink id={other} />
        </strong>
        <ToneTag tone="warning">{t(`duplicateRules.${suggestion.rule}`)}</ToneTag>
      </div>
      <Evidence suggestion={suggestion} />
      <Typography.Paragraph>
        {confirmationMergesThisCase(suggestion, caseId)
          ? t('duplicateMergesThis', { case: otherLink })
          : t('duplicateMergesOther', { case: otherLink })}
      </Typography.Paragraph>
      {decide.isError ? (
        <ProblemAlert
          error={decisionProblem(decide.error)}
          onReload={isProblem(decide.error, 409) ? onStale : undefined}
        />
      ) : null}
      {mayDecide ? (
        // Named per suggestion: two open suggestions are two forms, and their fields' ids must differ.
        <Form form={form} name={`duplicate-${suggestion.id}`} layout="vertical">
          <Form.Item
            label={t('duplicateReason')}
            name="reason"
            extra={t('duplicateReasonHint')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: REASON_MIN,
                transform: (value?: string) => value?.trim(),
                message: t('duplicateReasonRequired'),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={REASON_MAX} />
          </Form.Item>
          <Space wrap>
            <Button danger loading={decide.isPending} onClick={() => void submit('confirm')}>
              {t('confirmDuplicate')}
            </Button>
            <Button loading={decide.isPending} onClick={() => void submit('dismiss')}>
              {t('dismissDuplicate')}
            </Button>
          </Space>
        </Form>
      ) : (
        <Typography.Paragraph className="gz-muted">{t('duplicateDecidedBy')}</Typography.Paragraph>
      )}
    </section>
  );
}

/**
 * 可能重复: the case's open possible duplicates, each to confirm (a merge) or dismiss with a reason, and the decided
 * ones as history (who, when, which way, why). Nothing shows for a case without any.
 */
export function DuplicateSuggestions({ caseView, onStale }: { caseView: CaseView; onStale: () => void }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const { data: session } = useSession();
  const { open, decided } = partitionSuggestions(caseView.duplicateSuggestions);
  // A case no longer worked can neither merge nor be merged: its open suggestions wait on nothing.
  const working = caseView.status === 'open' || caseView.status === 'opening';
  const shown = working ? open : [];
  if (shown.length === 0 && decided.length === 0) return null;
  return (
    <Card className="gz-group-title" title={<Typography.Title level={2}>{t('duplicates')}</Typography.Title>}>
      {shown.length > 0 ? (
        <Typography.Paragraph className="gz-muted">{t('duplicatesHint')}</Typography.Paragraph>
      ) : null}
      {shown.map((suggestion) => (
        <OpenSuggestion
          key={suggestion.id}
          suggestion={suggestion}
          caseId={caseView.id}
          mayDecide={canDecideDuplicates(session)}
          onStale={onStale}
        />
      ))}
      {decided.length > 0 ? (
        <>
          <Typography.Title level={3}>{t('duplicateHistory')}</Typography.Title>
          <List
            size="small"
            dataSource={decided}
            rowKey="id"
            renderItem={(suggestion) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <span className="gz-task-meta">
                      <CaseLink id={otherCaseOf(suggestion, caseView.id)} />
                      <ToneTag tone={suggestion.status === 'confirmed' ? 'ok' : 'neutral'}>
                        {t(`duplicateOutcome.${suggestion.status as 'confirmed' | 'dismissed'}`)}
                      </ToneTag>
                    </span>
                  }
                  description={
                    <>
                      <Evidence suggestion={suggestion} />
                      {suggestion.reason ? <div>{suggestion.reason}</div> : null}
                      <div className="gz-muted">
                        {formatDateTime(suggestion.decidedAt, i18n.language)} · <StaffName id={suggestion.decidedBy} />
                        {suggestion.decidedByAgencyId ? (
                          <>
                            {' · '}
                            <AgencyName id={suggestion.decidedByAgencyId} />
                          </>
                        ) : null}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}

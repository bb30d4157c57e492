import '../coordination/i18n';
import { App, Button, Card, Descriptions, Form, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas, CaseView, Task } from '../common/api/client';
import { isProblem } from '../common/api/problem';
import { AgencyName, useDirectory } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { useSession } from '../common/session/session';
import { formatDateTime } from '../common/ui/format';
import { FormSelect } from '../common/ui/form-controls';
import { ProblemAlert, showFieldErrors } from '../common/ui/problem';
import { DueTag, ToneTag, type Tone } from '../common/ui/tags';
import {
  addableAgencies,
  canAddJointAgencies,
  jointAgencyIds,
  jointSlotsLeft,
  MAX_JOINT_AGENCIES,
  type SignOff,
  type SignOffStatus,
  signOffsOf,
} from '../coordination/joint';
import { useAddJointAgencies } from '../coordination/queries';

type TimelineEvent = CaseSchemas['TimelineEvent'];

const STATUS_TONES: Record<SignOffStatus, Tone> = {
  signed: 'ok',
  declined: 'danger',
  awaited: 'warning',
  cancelled: 'neutral',
};

/** A coordinator asks agencies of the town to mediate the level with its own; each is confirmed before it is sent. */
function AddAgencies({
  caseId,
  levelAgencyId,
  joined,
  onStale,
}: {
  caseId: string;
  levelAgencyId: string | null;
  joined: string[];
  onStale: () => void;
}) {
  const { t } = useTranslation(['coordination', 'common']);
  const { message, modal } = App.useApp();
  const directory = useDirectory();
  const add = useAddJointAgencies(caseId);
  const [form] = Form.useForm<{ agencyIds: string[] }>();
  const left = jointSlotsLeft(joined);
  const candidates = directory.data ? addableAgencies(directory.data, levelAgencyId, joined) : [];
  const names = (ids: readonly string[]) =>
    ids
      .map((id) => candidates.find((agency) => agency.id === id)?.name ?? t('common:people.otherAgency'))
      .join(t('common:listSeparator'));
  if (left === 0) return <Typography.Paragraph>{t('joint.full', { max: MAX_JOINT_AGENCIES })}</Typography.Paragraph>;
  if (directory.data && candidates.length === 0) {
    return <Typography.Paragraph className="gz-muted">{t('joint.noCandidates')}</Typography.Paragraph>;
  }
  const submit = async ({ agencyIds }: { agencyIds: string[] }) => {
    const confirmed = await modal.confirm({
      title: t('confirm.title'),
      content: t('joint.confirm', { agencies: names(agencyIds) }),
      okText: t('confirm.ok'),
      cancelText: t('common:actions.cancel'),
    });
    if (!confirmed) return;
    try {
      await add.mutateAsync(agencyIds);
      void message.success(t('joint.added', { agencies: names(agencyIds) }));
      form.resetFields();
    } catch (error) {
      showFieldErrors(form, error, (path) => (path.startsWith('action.agencyIds') ? 'agencyIds' : undefined));
      if (isProblem(error, 409) || isProblem(error, 412)) onStale();
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
      {add.isError ? <ProblemAlert error={add.error} onReload={onStale} /> : null}
      <Form.Item
        label={t('joint.addLabel')}
        name="agencyIds"
        extra={t('joint.addHint', { max: MAX_JOINT_AGENCIES, left })}
        rules={[
          { required: true, type: 'array', min: 1, message: t('joint.addRequired') },
          { type: 'array', max: left, message: t('joint.addTooMany', { left }) },
        ]}
      >
        <FormSelect<string[]>
          mode="multiple"
          showSearch
          optionFilterProp="label"
          loading={directory.isPending}
          options={candidates.map((agency) => ({
            value: agency.id,
            label: `${agency.name}（${t(`common:agencyKinds.${agency.kind}`)}）`,
          }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('joint.submit')}
      </Button>
    </Form>
  );
}

function SignOffLine({ item }: { item: SignOff }) {
  const { t, i18n } = useTranslation(['coordination', 'case', 'common']);
  const date = formatDateTime(item.at, i18n.language);
  return (
    <List.Item>
      <div className="gz-task-meta">
        <strong>
          <AgencyName id={item.agencyId} />
        </strong>
        <ToneTag tone={STATUS_TONES[item.status]}>{t(`joint.status.${item.status}`)}</ToneTag>
        {item.status === 'signed' ? (
          <span>
            <StaffName id={item.by} /> · {date}
          </span>
        ) : null}
        {item.status === 'declined' ? (
          <span>
            {t('joint.declinedWhy', {
              reason: item.reason ? t(`case:declineReasons.${item.reason}`) : t('coordination:reasons.unknown'),
              date,
            })}
          </span>
        ) : null}
        {item.status === 'awaited' && item.clock ? <DueTag clock={item.clock} /> : null}
      </div>
    </List.Item>
  );
}

/**
 * 联合调处 on the case page: the level's own agency and those mediating with it, a coordinator's way to ask more to
 * join while the level is mediated, and — once an agreement is recorded — who has signed it off, who declined (and
 * why) and who is still awaited. Shown only where there is something to show or do.
 */
export function JointMediation({
  caseView,
  timeline,
  tasks,
  onStale,
}: {
  caseView: CaseView;
  timeline: TimelineEvent[];
  tasks: Task[];
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation(['coordination', 'common']);
  const { data: session } = useSession();
  const joined = jointAgencyIds(timeline, tasks);
  const signOffs = signOffsOf(timeline, tasks, joined);
  const mayAdd = canAddJointAgencies(session?.staff.roles, caseView);
  if (joined.length === 0 && !mayAdd && !signOffs?.items.length) return null;
  const awaited = signOffs?.items.filter((item) => item.status === 'awaited').length ?? 0;
  return (
    <Card className="gz-group-title" title={<Typography.Title level={2}>{t('joint.title')}</Typography.Title>}>
      <Typography.Paragraph className="gz-muted">{t('joint.hint')}</Typography.Paragraph>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('joint.lead')}>
          {caseView.progress.agencyId ? <AgencyName id={caseView.progress.agencyId} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('joint.agencies')}>
          {joined.length === 0 ? (
            t('joint.none')
          ) : (
            <span>
              {joined.map((id, index) => (
                <span key={id}>
                  {index > 0 ? t('common:listSeparator') : ''}
                  <AgencyName id={id} />
                </span>
              ))}
            </span>
          )}
        </Descriptions.Item>
      </Descriptions>
      {signOffs && signOffs.items.length > 0 ? (
        <section aria-labelledby="joint-sign-offs">
          <Typography.Title level={3} id="joint-sign-offs" className="gz-group-title">
            {t('joint.signOffs')}
          </Typography.Title>
          <Typography.Paragraph>
            {t('joint.agreementAt', { date: formatDateTime(signOffs.recordedAt, i18n.language) })}
            {signOffs.final ? ` · ${t('joint.final')}` : ''}
            {!signOffs.final && !signOffs.returned && awaited > 0
              ? ` · ${t('joint.awaitedCount', { count: awaited })}`
              : ''}
          </Typography.Paragraph>
          {signOffs.returned ? <Typography.Paragraph>{t('joint.returned')}</Typography.Paragraph> : null}
          <List
            size="small"
            dataSource={signOffs.items}
            rowKey="agencyId"
            renderItem={(item) => <SignOffLine item={item} />}
          />
        </section>
      ) : null}
      {mayAdd ? (
        <section aria-labelledby="joint-add">
          <Typography.Title level={3} id="joint-add" className="gz-group-title">
            {t('joint.add')}
          </Typography.Title>
          <AddAgencies
            caseId={caseView.id}
            levelAgencyId={caseView.progress.agencyId}
            joined={joined}
            onStale={onStale}
          />
        </section>
      ) : null}
    </Card>
  );
}

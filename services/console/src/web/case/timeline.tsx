import { Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseSchemas } from '../common/api/client';
import { AgencyName, useAgencyName } from '../common/queries/directory';
import { StaffName } from '../common/queries/staff';
import { formatDateTime } from '../common/ui/format';
import { riskRaisedOf } from './risks';
import { confirmationDecidedOf, jointAgenciesOf, signOffDeclinedOf } from './timeline-details';

type TimelineEvent = CaseSchemas['TimelineEvent'];

/** A `risk-raised` entry: which risks, and what the town's policy did with the case. */
function RiskRaisedDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation(['case', 'common']);
  const raised = riskRaisedOf(event.details);
  if (raised.flags.length === 0 && !raised.consequence) return null;
  const flags = raised.flags.map((flag) => t(`common:risks.${flag}`)).join(t('common:listSeparator'));
  const consequence = raised.consequence
    ? t(`case:riskConsequence.${raised.consequence}`, {
        level: raised.toLevel ? t(`common:levels.${raised.toLevel}`) : '',
      })
    : '';
  return (
    <div>
      {consequence ? t('case:riskDetail', { flags, consequence }) : flags}
      {raised.source === 'party' ? t('case:riskFromParty') : ''}
    </div>
  );
}

/** An `agreement-sign-off-declined` entry: which agency would not sign, why, and what became of the agreement. */
function SignOffDeclinedDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation('case');
  const declined = signOffDeclinedOf(event.details);
  const agency = useAgencyName(declined.agencyId);
  return (
    <>
      {declined.reason ? (
        <div>
          {declined.agencyId
            ? t('signOffDeclinedBy', { agency, reason: t(`declineReasons.${declined.reason}`) })
            : t(`declineReasons.${declined.reason}`)}
        </div>
      ) : null}
      {declined.consequence ? <div>{t(`jointDeclineConsequence.${declined.consequence}`)}</div> : null}
    </>
  );
}

/** A `joint-agencies-added` entry: the agencies that now mediate with the level's own. */
function JointAgenciesDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const ids = jointAgenciesOf(event.details);
  if (ids.length === 0) return null;
  return (
    <div>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 ? t('listSeparator') : ''}
          <AgencyName id={id} />
        </span>
      ))}
    </div>
  );
}

/** A `confirmation-decided` entry: the court's ruling. */
function ConfirmationDecidedDetails({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation('case');
  const confirmed = confirmationDecidedOf(event.details);
  if (confirmed === null) return null;
  return <div>{confirmed ? t('confirmed') : t('notConfirmed')}</div>;
}

/** What an entry adds to its label, for the types whose details say more than the label does. */
function EventDetails({ event }: { event: TimelineEvent }) {
  switch (event.type) {
    case 'risk-raised':
      return <RiskRaisedDetails event={event} />;
    case 'agreement-sign-off-declined':
      return <SignOffDeclinedDetails event={event} />;
    case 'joint-agencies-added':
      return <JointAgenciesDetails event={event} />;
    case 'confirmation-decided':
      return <ConfirmationDecidedDetails event={event} />;
    default:
      return null;
  }
}

/** The case's history, newest first, with people's names where the caller may read them (never raw ids). */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const label = (event: TimelineEvent) => {
    const level = typeof event.details['level'] === 'string' ? t(`common:levels.${event.details['level']}`) : '';
    const key = `case:events.${event.type}`;
    return i18n.exists(key)
      ? t(key, { level, n: String(event.details['n'] ?? '') })
      : t('case:events.other', { type: event.type });
  };
  return (
    <Timeline
      items={[...events].reverse().map((event, index) => ({
        key: `${event.at}-${index}`,
        children: (
          <>
            <strong>{label(event)}</strong>
            <EventDetails event={event} />
            <div className="gz-muted">
              {formatDateTime(event.at, i18n.language)} · <StaffName id={event.actor} />
            </div>
          </>
        ),
      }))}
    />
  );
}

import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParty } from './queries';

/** A party as party-service shows it to the caller: name and masked numbers, or "not visible to you". */
export function PartyLine({ partyId, role }: { partyId: string; role: string }) {
  const { t } = useTranslation('case');
  const party = useParty(partyId);
  const roleLabel = role === 'applicant' ? t('applicant') : role === 'respondent' ? t('respondent') : '';
  if (party.isPending) return <Skeleton.Input active size="small" />;
  if (!party.data) return <div>{`${roleLabel} · ${t('partyHidden')}`}</div>;
  // party-service answers masked ID numbers and phones unless the caller revealed them (an audited act).
  const masked = [party.data.idNumber, party.data.phone].filter(Boolean).join(' · ');
  return <div>{[roleLabel, party.data.name, masked].filter(Boolean).join(' · ')}</div>;
}

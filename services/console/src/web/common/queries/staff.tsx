import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { useDirectory } from './directory';

/**
 * A person's name from the town directory (every staff member of the town may read it). "Someone else" is left only
 * for a person outside the directory: another town's staff, or an account it no longer lists.
 */
export function useStaffName(id: string | null | undefined): string {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const directory = useDirectory();
  const isUuid = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
  if (!id) return '';
  if (id === session?.staff.id) return t('people.me');
  if (!isUuid) return t('people.system');
  return directory.data?.staff.find((staff) => staff.id === id)?.displayName ?? t('people.someone');
}

/** The name behind a staff id, outside React (a message after a lost claim race). */
export function staffNameIn(directory: { staff: { id: string; displayName: string }[] } | undefined, id: string) {
  return directory?.staff.find((staff) => staff.id === id)?.displayName;
}

export function StaffName({ id }: { id: string | null | undefined }) {
  return <>{useStaffName(id)}</>;
}

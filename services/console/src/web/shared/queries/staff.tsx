import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencyApi, unwrap } from '../api/client';
import { useSession } from '../session/session';

/**
 * A person's name where the caller may read it (agency-service shows staff of one's own agency; coordinators the
 * town's). Others stay "someone else" until the services publish a directory of names (issue 13, service side).
 */
export async function staffName(id: string): Promise<string | undefined> {
  try {
    const staff = await unwrap(agencyApi.GET('/api/v1/staff/{id}', { params: { path: { id } } }));
    // Staff always get the named view; the nameless one is the dispute worker's, never a console user's.
    return 'displayName' in staff ? staff.displayName : undefined;
  } catch {
    return undefined;
  }
}

export function useStaffName(id: string | null | undefined): string {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const isUuid = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
  const name = useQuery({
    queryKey: ['staff-name', id],
    queryFn: async () => (await staffName(id ?? '')) ?? null,
    enabled: isUuid && id !== session?.staff.id,
    staleTime: Infinity,
  });
  if (!id) return '';
  if (id === session?.staff.id) return t('people.me');
  if (!isUuid) return t('people.system');
  return name.data ?? t('people.someone');
}

export function StaffName({ id }: { id: string | null | undefined }) {
  return <>{useStaffName(id)}</>;
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencyApi, type AgencySchemas, unwrap } from '../api/client';
import { useSession } from '../session/session';

export type TownDirectory = AgencySchemas['TownDirectory'];
export type DirectoryStaff = AgencySchemas['DirectoryStaff'];

export const DIRECTORY_KEY = ['directory'] as const;

/**
 * The caller's town as agency-service's directory names it: its villages, agencies and staff (names and roles only).
 * Read once per sign-in and kept for ten minutes: one request gives every name on every page.
 */
export function useDirectory() {
  const { data: session } = useSession();
  return useQuery({
    queryKey: [...DIRECTORY_KEY, session?.staff.townCode],
    enabled: Boolean(session),
    staleTime: 10 * 60_000,
    // Named always: administrators must name a town (their own is the one their pages start from), and for anyone
    // else their own town is what the service answers anyway.
    queryFn: () =>
      unwrap(agencyApi.GET('/api/v1/directory', { params: { query: { townCode: session?.staff.townCode ?? '' } } })),
  });
}

export function useVillages() {
  const directory = useDirectory();
  return { ...directory, data: directory.data?.villages };
}

/** A village's name, or its code while the directory loads (or for a village it does not list). */
export function useVillageName(code: string | null | undefined): string {
  const directory = useDirectory();
  if (!code) return '';
  return directory.data?.villages.find((village) => village.code === code)?.name ?? code;
}

/** An agency's name; "another agency" for one outside the directory (another town's, or one since removed). */
export function useAgencyName(id: string | null | undefined): string {
  const { t } = useTranslation();
  const directory = useDirectory();
  if (!id) return '';
  return directory.data?.agencies.find((agency) => agency.id === id)?.name ?? t('people.otherAgency');
}

export function AgencyName({ id }: { id: string | null | undefined }) {
  return <>{useAgencyName(id)}</>;
}

/** The active staff of an agency who hold one of the roles: who a task can be given to. */
export function useEligibleStaff(agencyId: string, roles: readonly string[]): DirectoryStaff[] | undefined {
  const directory = useDirectory();
  return directory.data?.staff.filter(
    (staff) => staff.active && staff.agencyId === agencyId && staff.roles.some((role) => roles.includes(role)),
  );
}

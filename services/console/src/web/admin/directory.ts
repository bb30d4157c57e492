/**
 * Names of agencies and staff for the administrators' pages. agency-service's directory answers administrators only
 * for a town they name (they see every town), so `useDirectory` (which names none) cannot serve them: these hooks
 * name the town, and read each town once per ten minutes, like it.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencyApi, type AgencySchemas, unwrap } from '../common/api/client';
import { useSession } from '../common/session/session';

export type TownDirectory = AgencySchemas['TownDirectory'];

const TEN_MINUTES = 10 * 60_000;

function directoryQuery(townCode: string) {
  return {
    queryKey: ['directory', 'town', townCode],
    staleTime: TEN_MINUTES,
    queryFn: () => unwrap(agencyApi.GET('/api/v1/directory', { params: { query: { townCode } } })),
  };
}

/** One town's directory: the one named, else the signed-in person's own. */
export function useTownDirectory(townCode?: string | null) {
  const { data: session } = useSession();
  const town = townCode || session?.staff.townCode;
  return useQuery({ ...directoryQuery(town ?? ''), enabled: Boolean(town) });
}

/** Looks up names in the directories read so far; what none lists is said so, never shown as an id. */
export interface Names {
  agency(id: string | null | undefined): string;
  staff(id: string | null | undefined): string;
}

function namesIn(directories: readonly (TownDirectory | undefined)[], own: string | undefined, words: Words): Names {
  return {
    agency(id) {
      if (!id) return '';
      for (const directory of directories) {
        const found = directory?.agencies.find((agency) => agency.id === id)?.name;
        if (found) return found;
      }
      return words.otherAgency;
    },
    staff(id) {
      if (!id) return '';
      if (id === own) return words.me;
      // Actors that are not people: the workflow, a service.
      if (!/^[0-9a-f-]{36}$/i.test(id)) return words.system;
      for (const directory of directories) {
        const found = directory?.staff.find((staff) => staff.id === id)?.displayName;
        if (found) return found;
      }
      return words.someone;
    },
  };
}

interface Words {
  me: string;
  system: string;
  someone: string;
  otherAgency: string;
}

function useWords(): Words {
  const { t } = useTranslation();
  return {
    me: t('people.me'),
    system: t('people.system'),
    someone: t('people.someone'),
    otherAgency: t('people.otherAgency'),
  };
}

/**
 * Names across the towns a list spans (the stuck scan may cover every town), plus the person's own town: one
 * directory per town, each read once.
 */
export function useNamesAcross(townCodes: readonly (string | null | undefined)[]): Names {
  const { data: session } = useSession();
  const words = useWords();
  const own = session?.staff.townCode;
  const towns = [...new Set([own, ...townCodes].filter((town): town is string => Boolean(town)))].sort();
  const directories = useQueries({ queries: towns.map((town) => directoryQuery(town)) });
  return namesIn(
    directories.map((directory) => directory.data),
    session?.staff.id,
    words,
  );
}

/** Names in one town's directory. */
export function useNamesIn(directory: TownDirectory | undefined): Names {
  const { data: session } = useSession();
  return namesIn([directory], session?.staff.id, useWords());
}

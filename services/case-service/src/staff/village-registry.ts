/**
 * Whether a case's village is in its town's registry (agency-service's), asked as the caller at every route that sets
 * one: filing a report, opening a case, correcting a case. An unknown village is refused before anything is stored.
 * agency-service not answering does not stop the work (intake never depended on it; only the workflow does, and it
 * retries): the village goes in unchecked, and the caller is told so, since an unknown village costs only the routing's
 * precision (the workflow then asks the coordinators, or takes the committee that took the report).
 */
import { AppError, DependencyUnavailableError } from '@gongzhi/errors';
import type { Logger } from 'pino';
import type { StaffDirectory, StaffLookup } from './staff-directory';

/** A village its town's registry (agency-service) does not have. */
export class UnknownVillageError extends AppError {
  constructor(townCode: string, villageCode: string) {
    super(422, 'unknown-village', 'Unknown village', {
      detail:
        `Town ${townCode} has no village ${villageCode} in its registry: choose one of the town's villages ` +
        '(GET /api/v1/directory on agency-service lists them), or ask the town’s coordinator to add it. ' +
        'Nothing was stored.',
      errors: [{ path: 'villageCode', message: `town ${townCode} has no village with this code` }],
    });
  }
}

/** `checked`: the registry has it; `unchecked`: agency-service did not answer. Throws UnknownVillageError. */
export async function requireKnownVillage(
  villages: Pick<StaffDirectory, 'findVillage'>,
  logger: Pick<Logger, 'warn'>,
  place: { townCode: string; villageCode: string },
  lookup: StaffLookup,
): Promise<'checked' | 'unchecked'> {
  try {
    const village = await villages.findVillage(place.townCode, place.villageCode, lookup);
    if (!village) throw new UnknownVillageError(place.townCode, place.villageCode);
    return 'checked';
  } catch (error) {
    if (!(error instanceof DependencyUnavailableError)) throw error;
    logger.warn(
      { townCode: place.townCode, villageCode: place.villageCode, err: error },
      'agency-service did not answer: the village goes in unchecked',
    );
    return 'unchecked';
  }
}

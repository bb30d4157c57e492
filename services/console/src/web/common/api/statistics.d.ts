// Generated from statistics-service's /openapi.json by services/console/scripts/generate-api-types.ts.
// Do not edit: change the contracts, then run `npx nx run console:api-types` against a running stack.

export interface paths {
  '/api/v1/statistics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The figures of a date range (Asia/Shanghai days): resolution rate, share resolved within the town, on-time acceptance, days per level, missed deadlines, per agency, dispute type and period (coordinators, administrators) */
    get: operations['getStatistics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/statistics/daily-index': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Each day's index (0–100) and colour band over the 30 days ending that day (docs/reference/statistics.md) */
    get: operations['getDailyIndex'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      instance?: string;
      requestId?: string;
      errors?: {
        path: string;
        message: string;
        /** @enum {string} */
        code?:
          | 'required'
          | 'too-short'
          | 'too-long'
          | 'too-small'
          | 'too-big'
          | 'too-few'
          | 'too-many'
          | 'invalid-format'
          | 'invalid-choice'
          | 'invalid-type'
          | 'unknown-field';
        limit?: number;
      }[];
    };
    Statistics: {
      from: string;
      to: string;
      town: string | null;
      agencyId: string | null;
      totals: {
        opened: number;
        closed: number;
        merged: number;
        resolved: number;
        resolvedWithinTown: number;
        transfersAccepted: number;
        transfersAcceptedOnTime: number;
        transfersRejected: number;
        missedDeadlines: number;
        casesWithMissedDeadlines: number;
        overdueNow: number;
      };
      /** @description null when the denominator is 0 */
      resolutionRate: number | null;
      /** @description null when the denominator is 0 */
      resolvedWithinTownShare: number | null;
      /** @description null when the denominator is 0 */
      onTimeAcceptanceRate: number | null;
      levels: components['schemas']['LevelDurations'][];
      agencies: components['schemas']['AgencyFigures'][];
      disputeTypes: components['schemas']['DisputeTypeFigures'][];
      villages: components['schemas']['VillageFigures'][];
      series: {
        /** @enum {string} */
        granularity: 'day' | 'month';
        periods: components['schemas']['PeriodFigures'][];
      };
      eventsApplied: number;
    };
    LevelDurations: {
      /** @enum {string} */
      level: 'L1' | 'L2' | 'L3' | 'L4';
      stays: number;
      meanDays: number | null;
      p90Days: number | null;
    };
    AgencyFigures: {
      agencyId: string;
      /** @enum {string|null} */
      kind:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department'
        | null;
      transfersReceived: number;
      accepted: number;
      acceptedOnTime: number;
      rejected: number;
      resolved: number;
    };
    DisputeTypeFigures: {
      /** @enum {string} */
      disputeType:
        | 'land-forest'
        | 'neighbour'
        | 'marriage-family'
        | 'wages-labour'
        | 'housing-property'
        | 'traffic'
        | 'contract-debt'
        | 'medical'
        | 'other';
      opened: number;
      closed: number;
      resolved: number;
      /** @description null when the denominator is 0 */
      resolutionRate: number | null;
    };
    VillageFigures: {
      townCode: string;
      villageCode: string | null;
      opened: number;
      closed: number;
      resolved: number;
      /** @description null when the denominator is 0 */
      resolutionRate: number | null;
      overdueNow: number;
    };
    PeriodFigures: {
      period: string;
      opened: number;
      closed: number;
      resolved: number;
    };
    DailyIndex: {
      town: string | null;
      agencyId: string | null;
      days: components['schemas']['DailyIndexEntry'][];
    };
    DailyIndexEntry: {
      date: string;
      score: number;
      /** @enum {string} */
      band: 'blue' | 'yellow' | 'orange' | 'red';
      resolutionRate: number;
      onTimeAcceptanceRate: number;
      missedDeadlineShare: number;
      activeCases: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getStatistics: {
    parameters: {
      query: {
        from: string;
        to: string;
        town?: string;
        agencyId?: string;
        granularity?: 'day' | 'month';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The figures */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Statistics'];
        };
      };
      /** @description The request is malformed or fails validation */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDailyIndex: {
    parameters: {
      query: {
        from: string;
        to: string;
        town?: string;
        agencyId?: string;
        granularity?: 'day' | 'month';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One entry per day */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DailyIndex'];
        };
      };
      /** @description The request is malformed or fails validation */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}

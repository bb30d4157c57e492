// Generated from agency-service's /openapi.json by services/console/scripts/generate-api-types.ts.
// Do not edit: change the contracts, then run `npx nx run console:api-types` against a running stack.

export interface paths {
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in with username and password. Repeated failures for a username, or from an address, make the next attempt wait (429 `login-throttled` with Retry-After): 1 s, doubling, at most 5 min per username */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Trade a refresh token (single use) for a new access token and a new refresh token */
    post: operations['refreshToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the session a refresh token belongs to */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/public-key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Ed25519 public key (SPKI PEM) that verifies access tokens */
    get: operations['getPublicKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agencies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the agencies visible to the caller, by town and kind */
    get: operations['listAgencies'];
    put?: never;
    /** Create an agency (coordinators in their own town, administrators anywhere) */
    post: operations['createAgency'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/agencies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an agency; the ETag is what an update sends back in If-Match */
    get: operations['getAgency'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an agency; needs If-Match with the ETag last read */
    patch: operations['updateAgency'];
    trace?: never;
  };
  '/api/v1/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List staff accounts (coordinators: their town; administrators: all, or the town named), by agency, role, active flag and part of a name or username */
    get: operations['listStaff'];
    put?: never;
    /** Create a staff account in an agency (coordinators: of their town) */
    post: operations['createStaff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/staff/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a staff account of your agency (coordinators: of your town); the ETag is what a change sends back in If-Match. The dispute worker (workflow-engine) gets StaffForWorkflowEngine: ids, town, roles and the active flag, never a name or username */
    get: operations['getStaff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a staff account's roles, active flag or name; needs If-Match with the ETag last read. Coordinators: their town's accounts, never an administrator's or the administrator role. Nobody deactivates themselves or removes their own administrator role (403 own-account-change); the last active administrator stays (409 last-administrator). Deactivating ends the sessions at once; `gongzhi.agency.staff-changed` announces it */
    patch: operations['updateStaff'];
    trace?: never;
  };
  '/api/v1/towns/{town}/policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The town's current escalation policy (version 0 = the built-in default) */
    get: operations['getCurrentPolicy'];
    /** Store a new version of the town's policy (a coordinator of the town; If-Match the current ETag) */
    put: operations['replacePolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/towns/{town}/policy/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One immutable version of the policy, e.g. the one a running case started with */
    get: operations['getPolicyVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/calendar/add-working-days': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deadline N working days after an instant: same Asia/Shanghai time of day on the Nth working day after its date (`basis: provisional` when a year not yet published by the State Council is involved) */
    get: operations['addWorkingDays'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/calendar/add-calendar-days': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deadline N calendar days after an instant (same Asia/Shanghai time of day) */
    get: operations['addCalendarDays'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/calendar/period-end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where a legal period of `amount` days from an instant ends: at 24:00 (Asia/Shanghai) of its last day, the starting day not counted; calendar days end on the `amount`th day after the start, moved to the next working day when that is a holiday or rest day (make-up working days work); working days on the `amount`th working day, at the office's closing time `closesAt` when given. `basis: provisional` when a year not yet published is involved */
    get: operations['periodEnd'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/calendar/working-days-between': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whole working days from `from` to `to`: the working days strictly after the Asia/Shanghai date of `from`, up to and including the date of `to` (times of day never count; 0 on the same date; negative, the same count backwards, when `to` is on an earlier date). Counting to a deadline N working days after `from` gives N. `basis: provisional` when a year not yet published by the State Council is involved; 422 outside the years the calendar covers */
    get: operations['countWorkingDays'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/calendar/is-working-day': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether a date is a working day on the official calendar (holidays and make-up working weekends), or on the provisional one (statutory holidays and weekends) for years not yet published */
    get: operations['isWorkingDay'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/villages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a village of your town (administrators: any); the ETag is what a rename sends back in If-Match */
    get: operations['getVillage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a village or change its grids (its code never changes); needs If-Match with the ETag last read */
    patch: operations['updateVillage'];
    trace?: never;
  };
  '/api/v1/towns/{town}/villages/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a village of your town by its code (administrators: any town), as reports and cases carry it; another town's village or an unknown code is a 404 */
    get: operations['getTownVillage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/villages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a village and its grids to a town (coordinators in their own town, administrators anywhere); a code the town already has is a 409 */
    post: operations['createVillage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/directory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's town by name, for every staff member of it: villages (with grids), agencies and staff (display name, agency, roles, active; never usernames or phones). Administrators must name the town with `townCode` (400 without); others may name only their own, another town's answers empty, as `GET /agencies` does. Each list is capped (villages 200, agencies 200, staff 2000) and `truncated` says which one was cut. Not for the workflow engine (403) */
    get: operations['getTownDirectory'];
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
    TokenResponse: {
      accessToken: string;
      /** @enum {string} */
      tokenType: 'Bearer';
      /** Format: date-time */
      expiresAt: string;
      refreshToken: string;
      /** Format: date-time */
      refreshExpiresAt: string;
      staff: components['schemas']['Staff'];
    };
    Staff: {
      /** Format: uuid */
      id: string;
      username: string;
      displayName: string;
      /** Format: uuid */
      agencyId: string;
      townCode: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      active: boolean;
      version: number;
      /** Format: date-time */
      createdAt: string;
    };
    LoginRequest: {
      username: string;
      password: string;
    };
    RefreshRequest: {
      refreshToken: string;
    };
    PublicKeyResponse: {
      /** @enum {string} */
      algorithm: 'EdDSA';
      publicKeyPem: string;
    };
    Agency: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department';
      name: string;
      townCode: string;
      areaCodes: string[];
      contactPhone: string | null;
      receptionHours: components['schemas']['ReceptionWindow'][];
      signers: number;
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    ReceptionWindow: {
      weekday: number;
      from: string;
      to: string;
      note?: string;
    };
    CreateAgencyRequest: {
      /**
       * @example mediation-committee
       * @enum {string}
       */
      kind:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department';
      /** @example 上坝村人民调解委员会 */
      name: string;
      areaCodes: string[];
      contactPhone: string | null;
      receptionHours: components['schemas']['ReceptionWindow'][];
      /** @example qingshui */
      townCode: string;
    };
    UpdateAgencyRequest: {
      /**
       * @example mediation-committee
       * @enum {string}
       */
      kind?:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department';
      /** @example 上坝村人民调解委员会 */
      name?: string;
      areaCodes?: string[];
      contactPhone?: string | null;
      receptionHours?: components['schemas']['ReceptionWindow'][];
    };
    StaffForWorkflowEngine: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      agencyId: string;
      townCode: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      active: boolean;
    };
    CreateStaffRequest: {
      username: string;
      displayName: string;
      /** Format: uuid */
      agencyId: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      password: string;
    };
    UpdateStaffRequest: {
      displayName?: string;
      roles?: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      active?: boolean;
    };
    Policy: {
      ladder: components['schemas']['PolicyLevel'][];
      acceptance: components['schemas']['AcceptancePolicy'];
      routing: components['schemas']['RoutingRule'][];
      followUp?: components['schemas']['FollowUpPolicy'];
      urgentRisk?: components['schemas']['UrgentRiskPolicy'];
      officeClosing?: components['schemas']['OfficeClosingPolicy'];
      townCode: string;
      version: number;
      /** Format: date-time */
      createdAt: string | null;
      createdBy: string | null;
    };
    PolicyLevel: {
      /** @enum {string} */
      level: 'L1' | 'L2' | 'L3' | 'L4';
      /** @enum {string} */
      agencyKind:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department';
      mediationClock: components['schemas']['Clock'];
      extension: components['schemas']['Clock'] | null;
      firstSessionWithin: components['schemas']['Clock'] | null;
      rule: string;
      /** @enum {string} */
      onJointDecline?: 'proceed-without' | 'return-to-mediation';
    };
    Clock: {
      amount: number;
      /** @enum {string} */
      unit: 'working-days' | 'calendar-days';
    };
    AcceptancePolicy: {
      clock: components['schemas']['Clock'];
      remindAtFraction: number;
      rule: string;
    };
    RoutingRule: {
      id: string;
      match: {
        disputeTypes?: (
          | 'land-forest'
          | 'neighbour'
          | 'marriage-family'
          | 'wages-labour'
          | 'housing-property'
          | 'traffic'
          | 'contract-debt'
          | 'medical'
          | 'other'
        )[];
        anyRisk?: ('violence-risk' | 'group-dispute' | 'key-person')[];
      };
      /** @enum {string} */
      startAt?: 'L1' | 'L2' | 'L3' | 'L4';
      skip?: ('L1' | 'L2' | 'L3' | 'L4')[];
      rule: string;
    };
    FollowUpPolicy: {
      visitAfter: components['schemas']['Clock'];
      confirmationWarningDays: number;
      rule: string;
    };
    UrgentRiskPolicy: {
      escalateAtOnce: boolean;
      rule: string;
    };
    OfficeClosingPolicy: {
      closesAt?: string;
      agencies?: {
        /** Format: uuid */
        agencyId: string;
        closesAt: string;
      }[];
    };
    PolicyDocument: {
      ladder: components['schemas']['PolicyLevel'][];
      acceptance: components['schemas']['AcceptancePolicy'];
      routing: components['schemas']['RoutingRule'][];
      followUp?: components['schemas']['FollowUpPolicy'];
      urgentRisk?: components['schemas']['UrgentRiskPolicy'];
      officeClosing?: components['schemas']['OfficeClosingPolicy'];
    };
    AddDaysResponse: {
      /** Format: date-time */
      from: string;
      days: number;
      /** @enum {string} */
      unit: 'working-days' | 'calendar-days';
      /** Format: date-time */
      result: string;
      resultLocal: string;
      /** @enum {string} */
      timeZone: 'Asia/Shanghai';
      /** @enum {string} */
      basis?: 'official' | 'provisional';
      basisNote?: string;
    };
    PeriodEnd: {
      /** Format: date-time */
      from: string;
      amount: number;
      /** @enum {string} */
      unit: 'working-days' | 'calendar-days';
      /** Format: date-time */
      result: string;
      resultLocal: string;
      lastDay: string;
      countedLastDay: string;
      /** @enum {string} */
      timeZone: 'Asia/Shanghai';
      /** @enum {string} */
      basis: 'official' | 'provisional';
      basisNote?: string;
    };
    WorkingDaysBetween: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      /** @example 2026-09-30 */
      fromDate: string;
      /** @example 2026-10-12 */
      toDate: string;
      /** @example 4 */
      workingDays: number;
      /** @enum {string} */
      timeZone: 'Asia/Shanghai';
      /** @enum {string} */
      basis: 'official' | 'provisional';
      basisNote?: string;
    };
    WorkingDay: {
      date: string;
      workingDay: boolean;
      /** @enum {string} */
      kind: 'workday' | 'weekend' | 'holiday' | 'make-up-workday';
      holiday: string | null;
      /** @enum {string} */
      basis: 'official' | 'provisional';
      basisNote?: string;
    };
    Village: {
      /** Format: uuid */
      id: string;
      townCode: string;
      code: string;
      name: string;
      gridCodes: string[];
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    CreateVillageRequest: {
      /** @example qingshui */
      townCode: string;
      /** @example shangba */
      code: string;
      /** @example 上坝村 */
      name: string;
      /**
       * @example [
       *       "shangba-01",
       *       "shangba-02"
       *     ]
       */
      gridCodes?: string[];
    };
    UpdateVillageRequest: {
      /** @example 上坝村 */
      name?: string;
      /**
       * @example [
       *       "shangba-01",
       *       "shangba-02"
       *     ]
       */
      gridCodes?: string[];
    };
    TownDirectory: {
      /** @example qingshui */
      townCode: string;
      /** @example 清水镇 */
      townName?: string;
      villages: components['schemas']['DirectoryVillage'][];
      agencies: components['schemas']['DirectoryAgency'][];
      staff: components['schemas']['DirectoryStaff'][];
      truncated: components['schemas']['DirectoryTruncation'];
    };
    DirectoryVillage: {
      /** Format: uuid */
      id: string;
      /** @example shangba */
      code: string;
      /** @example 上坝村 */
      name: string;
      grids?: string[];
    };
    DirectoryAgency: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind:
        | 'mediation-committee'
        | 'police-station'
        | 'judicial-office'
        | 'court'
        | 'governance-centre'
        | 'other-department';
      /** @example 上坝村人民调解委员会 */
      name: string;
      areaCodes: string[];
    };
    DirectoryStaff: {
      /** Format: uuid */
      id: string;
      /** @example 调解员 上坝 */
      displayName: string;
      /** Format: uuid */
      agencyId: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      active: boolean;
    };
    DirectoryTruncation: {
      villages: boolean;
      agencies: boolean;
      staff: boolean;
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
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description A new session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponse'];
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
  refreshToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description The renewed session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponse'];
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
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description Revoked (also for unknown tokens) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            revoked: true;
          };
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
  getPublicKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The public key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicKeyResponse'];
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
  listAgencies: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        townCode?: string;
        kind?:
          | 'mediation-committee'
          | 'police-station'
          | 'judicial-office'
          | 'court'
          | 'governance-centre'
          | 'other-department';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of agencies */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Agency'][];
            nextCursor: string | null;
          };
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
  createAgency: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAgencyRequest'];
      };
    };
    responses: {
      /** @description The new agency */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agency'];
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
      /** @description Request body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency key reused with a different request */
      422: {
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
  getAgency: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The agency */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agency'];
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
  updateAgency: {
    parameters: {
      query?: never;
      header: {
        'if-match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAgencyRequest'];
      };
    };
    responses: {
      /** @description The agency after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agency'];
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
      /** @description The resource changed since it was read */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      428: {
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
  listStaff: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        agencyId?: string;
        townCode?: string;
        role?: 'grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator';
        active?: 'true' | 'false';
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of staff accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Staff'][];
            nextCursor: string | null;
          };
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
  createStaff: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateStaffRequest'];
      };
    };
    responses: {
      /** @description The new account */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Staff'];
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
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency key reused with a different request */
      422: {
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
  getStaff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The staff account (StaffForWorkflowEngine for the workflow engine) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Staff'] | components['schemas']['StaffForWorkflowEngine'];
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
  updateStaff: {
    parameters: {
      query?: never;
      header: {
        'if-match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateStaffRequest'];
      };
    };
    responses: {
      /** @description The account after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Staff'];
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
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The resource changed since it was read */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      428: {
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
  getCurrentPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        town: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The current policy */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Policy'];
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
  replacePolicy: {
    parameters: {
      query?: never;
      header: {
        'if-match': string;
      };
      path: {
        town: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PolicyDocument'];
      };
    };
    responses: {
      /** @description The new current version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Policy'];
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
      /** @description The resource changed since it was read */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      428: {
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
  getPolicyVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        town: string;
        version: number | null;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description That version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Policy'];
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
  addWorkingDays: {
    parameters: {
      query: {
        from: string;
        days?: number | null;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The deadline */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AddDaysResponse'];
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
      /** @description Idempotency key reused with a different request */
      422: {
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
  addCalendarDays: {
    parameters: {
      query: {
        from: string;
        days?: number | null;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The deadline */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AddDaysResponse'];
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
  periodEnd: {
    parameters: {
      query: {
        from: string;
        amount?: number | null;
        unit: 'working-days' | 'calendar-days';
        closesAt?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The period's end */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PeriodEnd'];
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
      /** @description Idempotency key reused with a different request */
      422: {
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
  countWorkingDays: {
    parameters: {
      query: {
        from: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The count */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkingDaysBetween'];
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
      /** @description Idempotency key reused with a different request */
      422: {
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
  isWorkingDay: {
    parameters: {
      query: {
        date: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The day */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkingDay'];
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
      /** @description Idempotency key reused with a different request */
      422: {
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
  getVillage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The village */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Village'];
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
  updateVillage: {
    parameters: {
      query?: never;
      header: {
        'if-match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateVillageRequest'];
      };
    };
    responses: {
      /** @description The village after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Village'];
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
      /** @description The resource changed since it was read */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      428: {
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
  getTownVillage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        town: string;
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The village */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Village'];
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
  createVillage: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateVillageRequest'];
      };
    };
    responses: {
      /** @description The new village */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Village'];
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
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body is not JSON */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Idempotency key reused with a different request */
      422: {
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
  getTownDirectory: {
    parameters: {
      query?: {
        /** @description Required for administrators; others may leave it out (their own town) */
        townCode?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The town directory */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TownDirectory'];
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

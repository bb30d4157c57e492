// Generated from case-service's /openapi.json by services/console/scripts/generate-api-types.ts.
// Do not edit: change the contracts, then run `npx nx run console:api-types` against a running stack.

export interface paths {
  '/api/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the cases visible to you, newest first; filters (status, level, village, dispute type, party, event reference, opening period, agency, summary text) only narrow that list */
    get: operations['listCases'];
    put?: never;
    /** Open a dispute case and start its workflow */
    post: operations['openCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a case and where its workflow stands, as recorded by case-service (with its ETag); `live=true` (administrators) asks Temporal instead */
    get: operations['getCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Correct a case: summary, village, amount, risk assessment or parties (If-Match required) */
    patch: operations['updateCase'];
    trace?: never;
  };
  '/api/v1/cases/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The case’s business events, oldest first: who did what, when, from which agency */
    get: operations['getCaseTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Merge this case into another (coordinator): its reports, parties and agencies move; it closes */
    post: operations['mergeCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/split': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Split reports that are another dispute off into a new case (coordinator) */
    post: operations['splitCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/duplicate-suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Possible duplicates (the same place and type within 7 days, no shared party), newest first: open ones whose two cases are still being worked by default, or `status=confirmed|dismissed` (coordinators: the town’s) */
    get: operations['listDuplicateSuggestions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/duplicate-suggestions/{id}/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm a possible duplicate: its case is merged into the earlier case, as a merge does (whoever may correct both cases) */
    post: operations['confirmDuplicateSuggestion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/duplicate-suggestions/{id}/dismiss': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Dismiss a possible duplicate: the two cases stay apart (whoever may correct both cases) */
    post: operations['dismissDuplicateSuggestion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** File an intake report: it joins the open case it matches, or opens a new case */
    post: operations['fileReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every report filed for a case, oldest first, with the rule that linked each */
    get: operations['listCaseReports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The documents of a case, oldest first (metadata only) */
    get: operations['listCaseDocuments'];
    put?: never;
    /** Register a document of the case (title, kind, type, size, SHA-256); upload its bytes next */
    post: operations['createCaseDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/documents/{documentId}/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a document’s bytes (as an attachment) */
    get: operations['getDocumentContent'];
    /** Upload a document’s bytes as the raw body (Content-Type as registered, at most 20 MiB); they must match the registered SHA-256 and size */
    put: operations['uploadDocumentContent'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/documents/generated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Write the case’s 人民调解协议书 (mediation-agreement) or 司法确认申请书 (confirmation-application) as a PDF from its record, parties and recorded agreement, and store it as a document of the case */
    post: operations['generateCaseDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A view of the task queue (view=available|mine|team|all|watching; without one: your agency’s tasks and those you hold, coordinators the town’s), filtered, sorted (due|priority|created) and paged; `savedView` applies a saved view you see (other parameters override it), within what your role may see (a view your role lacks: 403) */
    get: operations['listTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many open tasks each view holds for you, and how many are overdue (badges) */
    get: operations['countTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a task */
    get: operations['getTask'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Take an open task nobody holds (your agency, one of its roles); if someone got there first: 409 naming them */
    post: operations['claimTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/unclaim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Give a claimed or assigned task back to its agency’s pool (its holder, or a supervisor) */
    post: operations['unclaimTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A supervisor (the agency’s liaison, a coordinator) gives an open task nobody holds to a colleague with one of its roles in its agency (checked with agency-service); an optional reason becomes the supervisor’s note on the task */
    post: operations['assignTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/reassign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A supervisor hands a held task to another colleague (a sick mediator’s case); when the workflow names the holder (the mediate task) it changes first, through its reassign Update (Idempotency-Key required); an optional reason becomes the supervisor’s note on the task, never sent to the workflow */
    post: operations['reassignTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The working notes on a task, oldest first */
    get: operations['listTaskNotes'];
    put?: never;
    /** Add a working note to a task (anyone who sees it, but administrators) */
    post: operations['addTaskNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Do the task’s action (accept a transfer, record a session or an agreement, decide…): the case’s workflow checks and applies it (Idempotency-Key required) */
    post: operations['completeTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tasks of a case: open ones first, soonest due first; then the closed ones */
    get: operations['listCaseTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/actions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send the case’s workflow an action (withdraw, add joint agencies, record an application for judicial confirmation…); a task’s action names the task by its actionId and is held to the rules of completing it (Idempotency-Key required) */
    post: operations['actOnCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/inbox': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Transfers waiting for your agency’s acceptance (coordinators: the town’s): the case, where it comes from and why, and the acceptance deadline */
    get: operations['listInbox'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/watching': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The cases you watch (you mediated them at a level), most recent first, with where they stand now */
    get: operations['listWatchedCases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-views': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The saved views of the task queue you see: your own, and those shared with you (your role and/or agency, in your town), by name */
    get: operations['listTaskViews'];
    put?: never;
    /** Save the task queue’s filters under a name (unique among your views), shared with roles and/or agencies of your town if you like */
    post: operations['createTaskView'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-views/{view}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One saved view of the task queue, by id or name (yours first; a name several views shared with you have: 409), if you see it */
    get: operations['getTaskView'];
    /** Its owner (or an administrator it is shared with): replace a task view’s name, filters and sharing (If-Match, when sent, must be its current ETag) */
    put: operations['replaceTaskView'];
    post?: never;
    /** Its owner (or an administrator it is shared with): delete a task view (If-Match, when sent, must be its current ETag) */
    delete: operations['deleteTaskView'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/tasks/{actionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Open the task for a workflow action (201), or return the one already open for it (200) */
    put: operations['openWorkflowTask'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/tasks/{actionId}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close a task (completed or cancelled); closing a closed or unknown task changes nothing */
    post: operations['closeWorkflowTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/tasks/{actionId}/remind': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an open task reminded (once) */
    post: operations['remindWorkflowTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/timeline/{eventKey}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Append a workflow event to the case timeline (201), once per event key (200 when already there) */
    put: operations['recordWorkflowTimelineEvent'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Record where the case stands (level, phase, agency, outcome); a report older than the stored one is ignored */
    put: operations['updateWorkflowCaseProgress'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/internal/v1/cases/{caseId}/transitions/{transitionKey}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Apply every write of one workflow transition (timeline, tasks, progress) in one database transaction, in order */
    put: operations['commitWorkflowTransition'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/stuck': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Administrators: the cases that do not move (awaited actions past their threshold in working days, workflow tasks or activities failing, blocked workflows, record and workflow or tasks and workflow disagreeing), longest stuck first, with counts per kind; `view` applies a saved view, other parameters override it */
    get: operations['listStuckCases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/cases/{id}/describe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Administrators: one case’s workflow state, pending activities, failing workflow task, open tasks (and whether the workflow still awaits them), last timeline events and a one-line diagnosis */
    get: operations['describeCaseWorkflow'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/views': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The saved views of the stuck scan the caller sees: their own, and those shared with their role or agency */
    get: operations['listSavedViews'];
    put?: never;
    /** Administrators: save the stuck scan’s filters under a name, shared with roles or agencies */
    post: operations['createSavedView'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/views/{view}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One saved view, by id or name, if the caller sees it */
    get: operations['getSavedView'];
    /** Administrators who see a view: replace its name, filters and sharing (If-Match, when sent, must be its current ETag) */
    put: operations['replaceSavedView'];
    post?: never;
    /** Administrators who see a view: delete it (If-Match, when sent, must be its current ETag) */
    delete: operations['deleteSavedView'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/cases/{id}/repairs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Administrators: the repair log of one case, newest first (who, what, why, what came of it) */
    get: operations['listCaseRepairs'];
    put?: never;
    /** Administrators: repair one case (retry a failing activity, reassign, re-open, urge again, extend a deadline, terminate, reset); needs an Idempotency-Key, and is logged with its reason */
    post: operations['repairCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/repair-batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Administrators: apply one repair to every stuck item the filters find — a dry run lists them; otherwise the batch runs in the background (needs an Idempotency-Key) */
    post: operations['startRepairBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/repair-batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Administrators: a repair batch’s progress, and its report once done */
    get: operations['getRepairBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/overdue-transfers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Coordinators (their town) and administrators (every town, or `town`): the transfers still waiting for acceptance past their acceptance deadline, most late first, with how often and when the agency was urged (督办) and the open urge-acceptance task to act on */
    get: operations['listOverdueTransfers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stuck': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Coordinators: their own town’s cases that do not move, as the administrators’ stuck scan finds them (same kinds, thresholds and report), read-only; `town` may only name their own (403 otherwise). Administrators: the town named, or their own */
    get: operations['listTownStuckCases'];
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
    Case: {
      /** Format: uuid */
      id: string;
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
      /** @enum {string} */
      source: 'grid-report' | 'walk-in' | 'police-transfer' | 'hotline-12345' | 'petition' | 'court-referral';
      summary: string;
      townCode: string;
      villageCode: string | null;
      status: components['schemas']['CaseStatus'];
      /** Format: date-time */
      openedAt: string;
      /** @example 235000.00 */
      amountInDispute: string | null;
      riskAssessment: components['schemas']['RiskAssessment'];
      parties: components['schemas']['CaseParty'][];
      /** Format: uuid */
      mergedIntoId: string | null;
      progress: components['schemas']['CaseProgress'];
      workflow: components['schemas']['CaseWorkflowView'];
      duplicateSuggestions: components['schemas']['DuplicateSuggestion'][];
    };
    /** @enum {string} */
    CaseStatus: 'opening' | 'open' | 'merged' | 'closed';
    RiskAssessment: {
      violenceRisk: boolean;
      groupDispute: boolean;
      keyPerson: boolean;
      notes?: string;
    };
    CaseParty: {
      /** Format: uuid */
      partyId: string;
      role: components['schemas']['CasePartyRole'];
    };
    /** @enum {string} */
    CasePartyRole: 'applicant' | 'respondent' | 'other';
    CaseProgress: {
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      agencyId: string | null;
      /** @enum {string|null} */
      phase:
        | 'planning'
        | 'transfer'
        | 'transfer-rejected'
        | 'mediation'
        | 'awaiting-decision'
        | 'agreement-sign-off'
        | 'follow-up'
        | 'closed'
        | null;
      /** @enum {string|null} */
      outcome:
        'resolved' | 'referred-to-litigation' | 'closed-unresolved' | 'withdrawn' | 'merged' | 'terminated' | null;
      /** @enum {string|null} */
      awaitedAction:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation'
        | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      nextDeadline: string | null;
    };
    CaseWorkflowView: {
      workflowId: string;
      source: components['schemas']['WorkflowViewSource'];
      /**
       * @description live: the execution status Temporal reports. recorded: from the case status — opening: NOT_STARTED; open: RUNNING; merged or closed: COMPLETED once the workflow reported its outcome (TERMINATED when an administrator ended it), RUNNING while a merged case’s workflow has not closed yet
       * @enum {string}
       */
      status:
        | 'RUNNING'
        | 'COMPLETED'
        | 'FAILED'
        | 'CANCELLED'
        | 'TERMINATED'
        | 'CONTINUED_AS_NEW'
        | 'TIMED_OUT'
        | 'PAUSED'
        | 'UNKNOWN'
        | 'NOT_STARTED';
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      /** @enum {string|null} */
      phase:
        | 'planning'
        | 'transfer'
        | 'transfer-rejected'
        | 'mediation'
        | 'awaiting-decision'
        | 'agreement-sign-off'
        | 'follow-up'
        | 'closed'
        | null;
      agencyId: string | null;
      /** @description The mediator responsible at this level. recorded: whoever holds the level’s latest mediate task (the workflow names them on acceptance and on reassignment); null before the level’s transfer is accepted */
      responsibleStaffId: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      nextDeadline: string | null;
      /** @description recorded: the case’s open tasks, with whoever holds each one now (a claim included); live: the workflow’s open actions, with the assignee the workflow named */
      openActions: components['schemas']['OpenActionSummary'][];
    };
    /**
     * @description recorded: from the case row and its open tasks, as the workflow last reported them (no Temporal call); live: from Temporal (describe and the workflow’s state query) at the moment of the read
     * @enum {string}
     */
    WorkflowViewSource: 'recorded' | 'live';
    OpenActionSummary: {
      actionId: string;
      /** @enum {string} */
      kind:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation';
      agencyId: string;
      assigneeStaffId: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      dueAt: string | null;
    };
    DuplicateSuggestion: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** Format: uuid */
      candidateCaseId: string;
      /** Format: uuid */
      reportId: string;
      /** @enum {string} */
      rule: 'same-place';
      evidence: components['schemas']['DuplicateEvidence'];
      status: components['schemas']['DuplicateSuggestionStatus'];
      /** Format: date-time */
      suggestedAt: string;
      /** Format: date-time */
      decidedAt: string | null;
      decidedBy: string | null;
      decidedByAgencyId: string | null;
      reason: string | null;
    };
    DuplicateEvidence: {
      /** @enum {string} */
      place: 'grid' | 'village';
      /** @example shangba-02 */
      placeCode: string;
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
      /** Format: uuid */
      candidateReportId: string;
      minutesApart: number;
      windowDays: number;
      sharedPartyIds: string[];
    };
    /** @enum {string} */
    DuplicateSuggestionStatus: 'open' | 'confirmed' | 'dismissed';
    OpenCaseRequest: {
      /**
       * @example land-forest
       * @enum {string}
       */
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
      /**
       * @example grid-report
       * @enum {string}
       */
      source: 'grid-report' | 'walk-in' | 'police-transfer' | 'hotline-12345' | 'petition' | 'court-referral';
      summary: string;
      /** @example qingshui */
      townCode: string;
      /** @example shangba */
      villageCode?: string;
      /** @example 235000.00 */
      amountInDispute?: string;
      parties?: components['schemas']['CaseParty'][];
      riskAssessment?: components['schemas']['RiskAssessment'];
    };
    CaseSummary: {
      /** Format: uuid */
      id: string;
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
      /** @enum {string} */
      source: 'grid-report' | 'walk-in' | 'police-transfer' | 'hotline-12345' | 'petition' | 'court-referral';
      summary: string;
      townCode: string;
      villageCode: string | null;
      status: components['schemas']['CaseStatus'];
      /** Format: date-time */
      openedAt: string;
      /** @example 235000.00 */
      amountInDispute: string | null;
      riskAssessment: components['schemas']['RiskAssessment'];
      parties: components['schemas']['CaseParty'][];
      /** Format: uuid */
      mergedIntoId: string | null;
      progress: components['schemas']['CaseProgress'];
    };
    UpdateCaseRequest: {
      summary?: string;
      villageCode?: string | null;
      /** @example 235000.00 */
      amountInDispute?: string | null;
      riskAssessment?: components['schemas']['RiskAssessment'];
      parties?: components['schemas']['CaseParty'][];
    };
    TimelineEvent: {
      type: string;
      actor: string;
      agencyId: string | null;
      /** Format: date-time */
      at: string;
      details: {
        [key: string]: string | number | boolean | null | string[];
      };
    };
    MergeCaseRequest: {
      /** Format: uuid */
      intoCaseId: string;
      reason: string;
    };
    SplitCaseRequest: {
      reportIds: string[];
      reason: string;
    };
    DecideDuplicateRequest: {
      reason: string;
    };
    FileReportResponse: {
      /** @enum {string} */
      outcome: 'opened' | 'linked';
      report: components['schemas']['Report'];
      case: components['schemas']['CaseSummary'];
    };
    Report: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
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
      /** @enum {string} */
      source: 'grid-report' | 'walk-in' | 'police-transfer' | 'hotline-12345' | 'petition' | 'court-referral';
      summary: string;
      townCode: string;
      villageCode: string | null;
      gridCode: string | null;
      reporterPartyId: string | null;
      eventRef: string | null;
      otherParties: components['schemas']['ReportedParty'][];
      /** @example 235000.00 */
      amountInDispute: string | null;
      riskAssessment: components['schemas']['RiskAssessment'] | null;
      /** @enum {string|null} */
      matchedBy: 'same-event' | 'same-reporter' | 'same-place' | null;
      reportedBy: string;
      agencyId: string;
      /** Format: date-time */
      receivedAt: string;
    };
    ReportedParty: {
      /** Format: uuid */
      partyId: string;
      /** @enum {string} */
      role: 'respondent' | 'other';
    };
    FileReportRequest: {
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
      /** @enum {string} */
      source: 'grid-report' | 'walk-in' | 'police-transfer' | 'hotline-12345' | 'petition' | 'court-referral';
      summary: string;
      townCode: string;
      villageCode?: string;
      gridCode?: string;
      /** Format: uuid */
      reporterPartyId?: string;
      eventRef?: string;
      otherParties?: components['schemas']['ReportedParty'][];
      /** @example 235000.00 */
      amountInDispute?: string;
      riskAssessment?: components['schemas']['RiskAssessment'];
    };
    CaseDocument: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      title: string;
      kind: components['schemas']['DocumentKind'];
      contentType: string;
      sizeBytes: number;
      sha256: string;
      uploadedBy: string;
      agencyId: string;
      /** Format: date-time */
      uploadedAt: string;
      status: components['schemas']['DocumentStatus'];
    };
    /** @enum {string} */
    DocumentKind:
      | 'mediation-agreement'
      | 'session-record'
      | 'evidence'
      | 'judicial-confirmation'
      | 'confirmation-application'
      | 'court-filing'
      | 'other';
    /** @enum {string} */
    DocumentStatus: 'pending' | 'stored';
    CreateDocumentRequest: {
      title: string;
      kind: components['schemas']['DocumentKind'];
      /** @example application/pdf */
      contentType: string;
      sizeBytes: number;
      sha256: string;
    };
    GenerateDocumentRequest:
      | components['schemas']['GenerateMediationAgreementRequest']
      | components['schemas']['GenerateConfirmationApplicationRequest'];
    GenerateMediationAgreementRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'mediation-agreement';
      /**
       * @example [
       *       "乙方于2026年3月31日前拆除越界搭建的雨棚。",
       *       "甲方放弃其他赔偿请求。"
       *     ]
       */
      terms: string[];
      performance: components['schemas']['AgreementPerformance'];
    };
    AgreementPerformance: {
      manner: string;
      deadline: string;
    };
    GenerateConfirmationApplicationRequest: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'confirmation-application';
      /**
       * @example [
       *       "乙方于2026年3月31日前拆除越界搭建的雨棚。",
       *       "甲方放弃其他赔偿请求。"
       *     ]
       */
      terms: string[];
      performance: components['schemas']['AgreementPerformance'];
      /** @example 清水县人民法院 */
      court: string;
      reason?: string;
    };
    Task: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      actionId: string;
      /** @enum {string} */
      kind:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation';
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      agencyId: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      assigneeStaffId: string | null;
      status: components['schemas']['TaskStatus'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      openedAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      dueAt: string | null;
      rule: string | null;
      reason: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      remindedAt: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      closedAt: string | null;
      closedBy: string | null;
      queueStatus: components['schemas']['TaskQueueStatus'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      assignedAt: string | null;
      assignedBy: string | null;
      workflowAssigned: boolean;
      villageCode: string | null;
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
      risks: ('violence-risk' | 'group-dispute' | 'key-person')[];
      priority: components['schemas']['TaskPriority'];
      clock: components['schemas']['TaskClock'];
    };
    /** @enum {string} */
    TaskStatus: 'open' | 'completed' | 'cancelled';
    /** @enum {string} */
    TaskQueueStatus: 'open' | 'assigned' | 'completed' | 'cancelled';
    /** @enum {string} */
    TaskPriority: 'urgent' | 'high' | 'normal' | 'low';
    TaskClock: {
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      dueAt: string | null;
      remainingMs: number | null;
      overdue: boolean;
      rule: string | null;
    };
    /** @enum {string} */
    TaskViewName: 'available' | 'mine' | 'team' | 'all' | 'watching';
    TaskCounts: {
      available: components['schemas']['TaskViewCount'];
      mine: components['schemas']['TaskViewCount'];
      team: components['schemas']['TaskViewCount'] | null;
      all: components['schemas']['TaskViewCount'] | null;
      watching: components['schemas']['TaskViewCount'];
      inbox: components['schemas']['TaskViewCount'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      asOf: string;
    };
    TaskViewCount: {
      total: number;
      overdue: number;
    };
    AssignTaskRequest: {
      staffId: string;
      reason?: string;
    };
    TaskNote: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      taskId: string;
      /** Format: uuid */
      caseId: string;
      authorStaffId: string;
      authorAgencyId: string;
      text: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      createdAt: string;
      assignment: {
        fromStaffId: string | null;
        toStaffId: string;
      } | null;
    };
    AddTaskNoteRequest: {
      text: string;
    };
    CompleteTaskResponse: {
      task: components['schemas']['Task'];
      state: components['schemas']['DisputeStateSummary'];
      /** @description The case’s tasks after the action; absent when the action took the case out of the caller’s sight */
      caseTasks?: components['schemas']['Task'][];
    };
    DisputeStateSummary: {
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      /** @enum {string} */
      phase:
        | 'planning'
        | 'transfer'
        | 'transfer-rejected'
        | 'mediation'
        | 'awaiting-decision'
        | 'agreement-sign-off'
        | 'follow-up'
        | 'closed';
      agencyId: string | null;
      responsibleStaffId: string | null;
      openActions: components['schemas']['OpenActionSummary'][];
    };
    CompleteTaskRequest: {
      action: components['schemas']['DisputeAction'];
    };
    DisputeAction:
      | {
          /** @enum {string} */
          kind: 'accept-transfer';
          /** Format: uuid */
          responsibleStaffId: string;
        }
      | {
          /** @enum {string} */
          kind: 'reject-transfer';
          /** @enum {string} */
          reason:
            | 'not-our-jurisdiction'
            | 'wrong-agency-kind'
            | 'insufficient-information'
            | 'already-handled-elsewhere'
            | 'other';
        }
      | {
          /** @enum {string} */
          kind: 'reroute';
          /** @enum {string} */
          toLevel: 'L1' | 'L2' | 'L3' | 'L4';
          /** Format: uuid */
          agencyId?: string;
        }
      | {
          /** @enum {string} */
          kind: 'close-case';
          /** @enum {string} */
          reason: 'party-refused-mediation' | 'no-dispute-remaining' | 'out-of-scope' | 'other';
        }
      | {
          /** @enum {string} */
          kind: 'record-urging';
        }
      | {
          /** @enum {string} */
          kind: 'record-session';
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          heldAt: string;
        }
      | {
          /** @enum {string} */
          kind: 'request-extension';
        }
      | {
          /** @enum {string} */
          kind: 'request-escalation';
        }
      | {
          /** @enum {string} */
          kind: 'record-refusal';
          /** @enum {string} */
          party: 'applicant' | 'respondent';
        }
      | {
          /** @enum {string} */
          kind: 'record-agreement';
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          effectiveAt?: string;
          /** Format: uuid */
          documentId?: string;
        }
      | {
          /** @enum {string} */
          kind: 'record-failure';
          courtFilingRef?: string;
        }
      | {
          /** @enum {string} */
          kind: 'decide-extension';
          approve: boolean;
        }
      | {
          /** @enum {string} */
          kind: 'decide';
          /** @enum {string} */
          decision: 'escalate' | 'extend' | 'close';
          /** @enum {string} */
          closeReason?: 'party-refused-mediation' | 'no-dispute-remaining' | 'out-of-scope' | 'other';
          extendDays?: number;
        }
      | {
          /** @enum {string} */
          kind: 'add-joint-agencies';
          agencyIds: string[];
        }
      | {
          /** @enum {string} */
          kind: 'sign-off';
        }
      | {
          /** @enum {string} */
          kind: 'decline-sign-off';
          /** @enum {string} */
          reason: 'terms-unlawful' | 'outside-remit' | 'facts-unverified' | 'party-objects' | 'other';
        }
      | {
          /** @enum {string} */
          kind: 'record-follow-up-visit';
          /** @enum {string} */
          performance: 'performing' | 'performed' | 'not-performed';
        }
      | {
          /** @enum {string} */
          kind: 'record-confirmation-application';
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          appliedAt: string;
        }
      | {
          /** @enum {string} */
          kind: 'record-confirmation-acceptance';
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          acceptedAt: string;
        }
      | {
          /** @enum {string} */
          kind: 'record-confirmation-decision';
          confirmed: boolean;
        }
      | {
          /** @enum {string} */
          kind: 'withdraw';
        }
      | {
          /** @enum {string} */
          kind: 'raise-risk';
          flags: ('violence-risk' | 'group-dispute' | 'key-person')[];
        };
    CaseActionResponse: {
      state: components['schemas']['DisputeStateSummary'];
    };
    CaseActionRequest: {
      action: components['schemas']['DisputeAction'];
      actionId?: string;
    };
    InboxItem: {
      task: components['schemas']['Task'];
      case: components['schemas']['InboxCase'];
      transfer: components['schemas']['TransferOrigin'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      acceptBy: string | null;
    };
    InboxCase: {
      /** Format: uuid */
      id: string;
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
      summary: string;
      villageCode: string | null;
      /** @example 235000.00 */
      amountInDispute: string | null;
      risks: ('violence-risk' | 'group-dispute' | 'key-person')[];
      status: components['schemas']['CaseStatus'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      openedAt: string;
    };
    TransferOrigin: {
      fromAgencyId: string | null;
      reason: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      requestedAt: string | null;
      penaltyTrack: boolean;
      earlierRejections: components['schemas']['EarlierRejection'][];
    };
    EarlierRejection: {
      agencyId: string;
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      /** @enum {string} */
      reason:
        | 'not-our-jurisdiction'
        | 'wrong-agency-kind'
        | 'insufficient-information'
        | 'already-handled-elsewhere'
        | 'other';
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      rejectedAt: string;
    };
    WatchedCase: {
      case: components['schemas']['CaseSummary'];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      since: string;
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
    };
    SavedTaskViewList: {
      items: components['schemas']['SavedTaskView'][];
    };
    SavedTaskView: {
      id: string;
      name: string;
      filters: components['schemas']['SavedTaskViewFilters'];
      shareRoles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      shareAgencyIds: string[];
      ownerStaffId: string;
      editable: boolean;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      updatedAt: string;
      updatedBy: string;
    };
    SavedTaskViewFilters: {
      view?: components['schemas']['TaskViewName'];
      status?: components['schemas']['TaskQueueStatus'];
      /** @enum {string} */
      kind?:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation';
      agencyId?: string;
      /** @enum {string} */
      level?: 'L1' | 'L2' | 'L3' | 'L4';
      villageCode?: string;
      /** @enum {string} */
      disputeType?:
        | 'land-forest'
        | 'neighbour'
        | 'marriage-family'
        | 'wages-labour'
        | 'housing-property'
        | 'traffic'
        | 'contract-debt'
        | 'medical'
        | 'other';
      priority?: components['schemas']['TaskPriority'];
      overdue?: boolean;
      dueSoon?: boolean;
      /** @enum {string} */
      sort?: 'due' | 'priority' | 'created';
    };
    SavedTaskViewRequest: {
      /** @example 小坝 派出所超期 */
      name: string;
      filters: components['schemas']['SavedTaskViewFilters'];
      /** @default [] */
      shareRoles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      /** @default [] */
      shareAgencyIds: string[];
    };
    OpenTaskRequest: {
      workflowId: string;
      action: components['schemas']['OpenAction'];
    };
    OpenAction: {
      actionId: string;
      /** @enum {string} */
      kind:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation';
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      agencyId: string;
      roles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      assigneeStaffId: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      openedAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      dueAt: string | null;
      rule: string | null;
      reason: string | null;
    };
    CloseTaskResponse: {
      closed: boolean;
      changed: boolean;
      task: components['schemas']['Task'] | null;
    };
    CloseTaskRequest: {
      /** @enum {string} */
      outcome: 'completed' | 'cancelled';
      closedBy: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      closedAt: string;
    };
    RemindTaskResponse: {
      reminded: boolean;
      changed: boolean;
      task: components['schemas']['Task'] | null;
    };
    RemindTaskRequest: {
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      remindedAt: string;
    };
    RecordTimelineResponse: {
      eventKey: string;
      created: boolean;
    };
    RecordTimelineRequest:
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'route-planned';
          details: {
            policyVersion: number;
            route: ('L1' | 'L2' | 'L3' | 'L4')[];
            routingRules: string[];
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-requested';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            toAgencyId: string;
            fromAgencyId: string | null;
            reason: string;
            /** Format: date-time */
            acceptBy: string | null;
            penaltyTrack: boolean;
            /** @enum {string|null} */
            previousLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            policyVersion: number | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'routing-needed';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            agencyKind:
              | 'mediation-committee'
              | 'police-station'
              | 'judicial-office'
              | 'court'
              | 'governance-centre'
              | 'other-department';
            /** @enum {string} */
            reason: 'village-without-committee' | 'no-village-given';
            villageCode: string | null;
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-reminder';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            acceptBy: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-overdue';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            acceptBy: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-urged';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            agencyId: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-accepted';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            responsibleStaffId: string;
            /** Format: date-time */
            mediateBy: string;
            /** Format: date-time */
            firstSessionBy: string | null;
            onTime: boolean;
            /** Format: date-time */
            acceptBy: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'task-reassigned';
          details: {
            actionId: string;
            /** @enum {string} */
            kind:
              | 'accept-transfer'
              | 'handle-rejection'
              | 'urge-acceptance'
              | 'mediate'
              | 'approve-extension'
              | 'decide-escalation'
              | 'joint-sign-off'
              | 'follow-up-visit'
              | 'judicial-confirmation';
            fromStaffId: string | null;
            toStaffId: string;
            /** @enum {string} */
            repair?: 'retry-now' | 'reassign-task' | 'reopen-task' | 'resend-urging' | 'extend-deadline';
            repairId?: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'transfer-rejected';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            reason:
              | 'not-our-jurisdiction'
              | 'wrong-agency-kind'
              | 'insufficient-information'
              | 'already-handled-elsewhere'
              | 'other';
            backToAgencyId: string;
            /** Format: date-time */
            acceptBy: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'rerouted';
          details: {
            /** @enum {string|null} */
            fromLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            toLevel: 'L1' | 'L2' | 'L3' | 'L4';
            toAgencyId: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'session-recorded';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            heldAt: string;
            n: number;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'first-session-overdue';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            dueAt: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'extension-requested';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'extension-decided';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            approved: boolean;
            /** Format: date-time */
            mediateBy: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'escalation-requested';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'mediation-refused';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            party: 'applicant' | 'respondent';
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'mediation-failed';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            courtFilingRef: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'mediation-clock-expired';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            dueAt: string;
            escalatesAtOnce: boolean;
            rule?: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'decision-made';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            decision: 'escalate' | 'extend' | 'close';
            reason: string | null;
            closeReason: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'escalated';
          details: {
            /** @enum {string|null} */
            fromLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string|null} */
            toLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            reason: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'joint-agencies-added';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            agencyIds: string[];
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'risk-raised';
          details: {
            flags: ('violence-risk' | 'group-dispute' | 'key-person')[];
            /** @enum {string} */
            source: 'case' | 'party';
            byAgencyId: string;
            partyId?: string;
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string} */
            consequence: 'moves' | 'stays' | 'stays-not-back-to-sender';
            /** @enum {string|null} */
            toLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            routingRules: string[];
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'agreement-recorded';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            effectiveAt: string;
            documentId: string | null;
            pendingSignOffs: string[];
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'agreement-signed-off';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            signedFor: string;
            remaining: number;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'agreement-sign-off-declined';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            declinedFor: string;
            /** @enum {string} */
            reason: 'terms-unlawful' | 'outside-remit' | 'facts-unverified' | 'party-objects' | 'other';
            /** @enum {string} */
            consequence: 'proceed-without' | 'return-to-mediation';
            remaining: number;
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'agreement-final';
          details: {
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** Format: date-time */
            effectiveAt: string;
            /** Format: date-time */
            followUpVisitDueAt: string | null;
            /** Format: date-time */
            confirmationWindowClosesAt: string | null;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'follow-up-visit-recorded';
          details: {
            /** @enum {string} */
            performance: 'performing' | 'performed' | 'not-performed';
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'confirmation-window-closing';
          details: {
            /** Format: date-time */
            closesAt: string | null;
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'confirmation-applied';
          details: {
            /** Format: date-time */
            appliedAt: string;
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'confirmation-accepted';
          details: {
            /** Format: date-time */
            appliedAt: string | null;
            /** Format: date-time */
            acceptedAt: string;
            rule: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'confirmation-decided';
          details: {
            confirmed: boolean;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'confirmation-window-closed';
          details: {
            applied: boolean;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'agreement-not-performed';
          details: {
            /** @enum {string|null} */
            agreementLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
            /** @enum {string|null} */
            reopenAt: 'L1' | 'L2' | 'L3' | 'L4' | null;
            penaltyTrack: boolean;
            rule?: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'case-merged-in';
          details: {
            mergedCaseId: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'case-closed';
          details: {
            /** @enum {string} */
            outcome:
              'resolved' | 'referred-to-litigation' | 'closed-unresolved' | 'withdrawn' | 'merged' | 'terminated';
            detail: string | null;
            /** @enum {string|null} */
            level: 'L1' | 'L2' | 'L3' | 'L4' | null;
            rule?: string;
          };
        }
      | {
          actor: string;
          agencyId: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          at: string;
          /** @enum {string} */
          type: 'repaired';
          details: {
            /** @enum {string} */
            repair: 'retry-now' | 'reassign-task' | 'reopen-task' | 'resend-urging' | 'extend-deadline';
            repairId: string;
            actionId?: string;
            newActionId: string;
            /** @enum {string} */
            kind?:
              | 'accept-transfer'
              | 'handle-rejection'
              | 'urge-acceptance'
              | 'mediate'
              | 'approve-extension'
              | 'decide-escalation'
              | 'joint-sign-off'
              | 'follow-up-visit'
              | 'judicial-confirmation';
            /** Format: date-time */
            dueAt?: string;
          };
        };
    CaseProgressResponse: {
      applied: boolean;
      progressSeq: number;
    };
    CaseProgressRequest: {
      progressSeq: number;
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      /** @enum {string} */
      phase:
        | 'planning'
        | 'transfer'
        | 'transfer-rejected'
        | 'mediation'
        | 'awaiting-decision'
        | 'agreement-sign-off'
        | 'follow-up'
        | 'closed';
      agencyId: string | null;
      involvedAgencyIds: string[];
      /** @enum {string|null} */
      outcome:
        'resolved' | 'referred-to-litigation' | 'closed-unresolved' | 'withdrawn' | 'merged' | 'terminated' | null;
      /** @enum {string|null} */
      awaitedAction:
        | 'accept-transfer'
        | 'handle-rejection'
        | 'urge-acceptance'
        | 'mediate'
        | 'approve-extension'
        | 'decide-escalation'
        | 'joint-sign-off'
        | 'follow-up-visit'
        | 'judicial-confirmation'
        | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      nextDeadline: string | null;
    };
    CommitTransitionResponse: {
      transitionKey: string;
      changed: boolean[];
    };
    CommitTransitionRequest: {
      workflowId: string;
      writes: components['schemas']['TransitionWrite'][];
    };
    TransitionWrite:
      | (
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'route-planned';
              details: {
                policyVersion: number;
                route: ('L1' | 'L2' | 'L3' | 'L4')[];
                routingRules: string[];
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-requested';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                toAgencyId: string;
                fromAgencyId: string | null;
                reason: string;
                /** Format: date-time */
                acceptBy: string | null;
                penaltyTrack: boolean;
                /** @enum {string|null} */
                previousLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                policyVersion: number | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'routing-needed';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                agencyKind:
                  | 'mediation-committee'
                  | 'police-station'
                  | 'judicial-office'
                  | 'court'
                  | 'governance-centre'
                  | 'other-department';
                /** @enum {string} */
                reason: 'village-without-committee' | 'no-village-given';
                villageCode: string | null;
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-reminder';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                acceptBy: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-overdue';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                acceptBy: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-urged';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                agencyId: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-accepted';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                responsibleStaffId: string;
                /** Format: date-time */
                mediateBy: string;
                /** Format: date-time */
                firstSessionBy: string | null;
                onTime: boolean;
                /** Format: date-time */
                acceptBy: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'task-reassigned';
              details: {
                actionId: string;
                /** @enum {string} */
                kind:
                  | 'accept-transfer'
                  | 'handle-rejection'
                  | 'urge-acceptance'
                  | 'mediate'
                  | 'approve-extension'
                  | 'decide-escalation'
                  | 'joint-sign-off'
                  | 'follow-up-visit'
                  | 'judicial-confirmation';
                fromStaffId: string | null;
                toStaffId: string;
                /** @enum {string} */
                repair?: 'retry-now' | 'reassign-task' | 'reopen-task' | 'resend-urging' | 'extend-deadline';
                repairId?: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'transfer-rejected';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                reason:
                  | 'not-our-jurisdiction'
                  | 'wrong-agency-kind'
                  | 'insufficient-information'
                  | 'already-handled-elsewhere'
                  | 'other';
                backToAgencyId: string;
                /** Format: date-time */
                acceptBy: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'rerouted';
              details: {
                /** @enum {string|null} */
                fromLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                toLevel: 'L1' | 'L2' | 'L3' | 'L4';
                toAgencyId: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'session-recorded';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                heldAt: string;
                n: number;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'first-session-overdue';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                dueAt: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'extension-requested';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'extension-decided';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                approved: boolean;
                /** Format: date-time */
                mediateBy: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'escalation-requested';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'mediation-refused';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                party: 'applicant' | 'respondent';
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'mediation-failed';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                courtFilingRef: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'mediation-clock-expired';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                dueAt: string;
                escalatesAtOnce: boolean;
                rule?: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'decision-made';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                decision: 'escalate' | 'extend' | 'close';
                reason: string | null;
                closeReason: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'escalated';
              details: {
                /** @enum {string|null} */
                fromLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string|null} */
                toLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                reason: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'joint-agencies-added';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                agencyIds: string[];
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'risk-raised';
              details: {
                flags: ('violence-risk' | 'group-dispute' | 'key-person')[];
                /** @enum {string} */
                source: 'case' | 'party';
                byAgencyId: string;
                partyId?: string;
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string} */
                consequence: 'moves' | 'stays' | 'stays-not-back-to-sender';
                /** @enum {string|null} */
                toLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                routingRules: string[];
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'agreement-recorded';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                effectiveAt: string;
                documentId: string | null;
                pendingSignOffs: string[];
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'agreement-signed-off';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                signedFor: string;
                remaining: number;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'agreement-sign-off-declined';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                declinedFor: string;
                /** @enum {string} */
                reason: 'terms-unlawful' | 'outside-remit' | 'facts-unverified' | 'party-objects' | 'other';
                /** @enum {string} */
                consequence: 'proceed-without' | 'return-to-mediation';
                remaining: number;
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'agreement-final';
              details: {
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** Format: date-time */
                effectiveAt: string;
                /** Format: date-time */
                followUpVisitDueAt: string | null;
                /** Format: date-time */
                confirmationWindowClosesAt: string | null;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'follow-up-visit-recorded';
              details: {
                /** @enum {string} */
                performance: 'performing' | 'performed' | 'not-performed';
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'confirmation-window-closing';
              details: {
                /** Format: date-time */
                closesAt: string | null;
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'confirmation-applied';
              details: {
                /** Format: date-time */
                appliedAt: string;
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'confirmation-accepted';
              details: {
                /** Format: date-time */
                appliedAt: string | null;
                /** Format: date-time */
                acceptedAt: string;
                rule: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'confirmation-decided';
              details: {
                confirmed: boolean;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'confirmation-window-closed';
              details: {
                applied: boolean;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'agreement-not-performed';
              details: {
                /** @enum {string|null} */
                agreementLevel: 'L1' | 'L2' | 'L3' | 'L4' | null;
                /** @enum {string|null} */
                reopenAt: 'L1' | 'L2' | 'L3' | 'L4' | null;
                penaltyTrack: boolean;
                rule?: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'case-merged-in';
              details: {
                mergedCaseId: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'case-closed';
              details: {
                /** @enum {string} */
                outcome:
                  'resolved' | 'referred-to-litigation' | 'closed-unresolved' | 'withdrawn' | 'merged' | 'terminated';
                detail: string | null;
                /** @enum {string|null} */
                level: 'L1' | 'L2' | 'L3' | 'L4' | null;
                rule?: string;
              };
            }
          | {
              /** @enum {string} */
              kind: 'timeline';
              eventKey: string;
              actor: string;
              agencyId: string | null;
              /**
               * Format: date-time
               * @example 2026-03-22T02:00:00.000Z
               */
              at: string;
              /** @enum {string} */
              type: 'repaired';
              details: {
                /** @enum {string} */
                repair: 'retry-now' | 'reassign-task' | 'reopen-task' | 'resend-urging' | 'extend-deadline';
                repairId: string;
                actionId?: string;
                newActionId: string;
                /** @enum {string} */
                kind?:
                  | 'accept-transfer'
                  | 'handle-rejection'
                  | 'urge-acceptance'
                  | 'mediate'
                  | 'approve-extension'
                  | 'decide-escalation'
                  | 'joint-sign-off'
                  | 'follow-up-visit'
                  | 'judicial-confirmation';
                /** Format: date-time */
                dueAt?: string;
              };
            }
        )
      | {
          /** @enum {string} */
          kind: 'open-task';
          action: components['schemas']['OpenAction'];
        }
      | {
          /** @enum {string} */
          kind: 'close-task';
          actionId: string;
          /** @enum {string} */
          outcome: 'completed' | 'cancelled';
          closedBy: string | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          closedAt: string;
        }
      | {
          /** @enum {string} */
          kind: 'remind-task';
          actionId: string;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          remindedAt: string;
        }
      | {
          /** @enum {string} */
          kind: 'progress';
          progressSeq: number;
          /** @enum {string|null} */
          level: 'L1' | 'L2' | 'L3' | 'L4' | null;
          /** @enum {string} */
          phase:
            | 'planning'
            | 'transfer'
            | 'transfer-rejected'
            | 'mediation'
            | 'awaiting-decision'
            | 'agreement-sign-off'
            | 'follow-up'
            | 'closed';
          agencyId: string | null;
          involvedAgencyIds: string[];
          /** @enum {string|null} */
          outcome:
            'resolved' | 'referred-to-litigation' | 'closed-unresolved' | 'withdrawn' | 'merged' | 'terminated' | null;
          /** @enum {string|null} */
          awaitedAction:
            | 'accept-transfer'
            | 'handle-rejection'
            | 'urge-acceptance'
            | 'mediate'
            | 'approve-extension'
            | 'decide-escalation'
            | 'joint-sign-off'
            | 'follow-up-visit'
            | 'judicial-confirmation'
            | null;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          nextDeadline: string | null;
        };
    StuckReport: {
      items: components['schemas']['StuckItem'][];
      counts: components['schemas']['StuckCounts'];
      complete: boolean;
      nextCursor: string | null;
      truncated: boolean;
      view: {
        id: string;
        name: string;
      } | null;
      warnings: string[];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      scannedAt: string;
    };
    StuckItem: {
      kind: components['schemas']['StuckKind'];
      caseId: string | null;
      workflowId: string;
      townCode: string | null;
      agencyId: string | null;
      level: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      since: string;
      stuckForMs: number;
      subject: string;
      taskId: string | null;
      assigneeStaffId: string | null;
      attempt: number | null;
      message: string | null;
      diagnosis: string;
    };
    /** @enum {string} */
    StuckKind:
      | 'overdue-acceptance'
      | 'undecided-level'
      | 'overdue-task'
      | 'workflow-task-failing'
      | 'blocked'
      | 'failing-activity'
      | 'reconciliation';
    StuckCounts: {
      'overdue-acceptance': number;
      'undecided-level': number;
      'overdue-task': number;
      'workflow-task-failing': number;
      blocked: number;
      'failing-activity': number;
      reconciliation: number;
    };
    CaseDiagnosis: {
      caseId: string;
      workflowId: string;
      caseStatus: string;
      workflowStatus: string;
      state: {
        level: string | null;
        phase: string;
        agencyId: string | null;
        responsibleStaffId: string | null;
        openActions: {
          actionId: string;
          kind: string;
          agencyId: string;
          /**
           * Format: date-time
           * @example 2026-03-22T02:00:00.000Z
           */
          dueAt: string | null;
        }[];
        clocks: {
          [key: string]: unknown;
        };
        blocked: {
          activity: string;
          type: string | null;
          message: string;
          since: string;
          retryAt: string;
        } | null;
      } | null;
      pendingActivities: components['schemas']['PendingActivityView'][];
      workflowTask: components['schemas']['FailingWorkflowTask'];
      openTasks: {
        id: string;
        actionId: string;
        kind: string;
        agencyId: string;
        assigneeStaffId: string | null;
        /**
         * Format: date-time
         * @example 2026-03-22T02:00:00.000Z
         */
        openedAt: string;
        /**
         * Format: date-time
         * @example 2026-03-22T02:00:00.000Z
         */
        dueAt: string | null;
        overdueMs: number | null;
        awaitedByWorkflow: boolean | null;
      }[];
      actionsWithoutTask: {
        actionId: string;
        kind: string;
        agencyId: string;
      }[];
      timeline: {
        type: string;
        actor: string;
        agencyId: string | null;
        /**
         * Format: date-time
         * @example 2026-03-22T02:00:00.000Z
         */
        at: string;
      }[];
      diagnosis: string;
    };
    PendingActivityView: {
      activityId: string;
      activityType: string;
      attempt: number;
      state: string;
      lastFailure: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      scheduledAt: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      lastStartedAt: string | null;
    };
    FailingWorkflowTask: {
      attempt: number;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      since: string | null;
      cause: string | null;
      message: string | null;
    } | null;
    SavedViewList: {
      items: components['schemas']['SavedView'][];
    };
    SavedView: {
      id: string;
      name: string;
      filters: components['schemas']['SavedViewFilters'];
      shareRoles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      shareAgencyIds: string[];
      ownerStaffId: string;
      editable: boolean;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      updatedAt: string;
      updatedBy: string;
    };
    SavedViewFilters: {
      kind?: components['schemas']['StuckKind'];
      town?: string;
      agencyId?: string;
      /** @enum {string} */
      level?: 'L1' | 'L2' | 'L3' | 'L4';
      minAgeHours?: number | null;
      limit?: number;
    };
    SavedViewRequest: {
      /** @example 超期受理-qingshui */
      name: string;
      filters: components['schemas']['SavedViewFilters'];
      /** @default [] */
      shareRoles: ('grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator')[];
      /** @default [] */
      shareAgencyIds: string[];
    };
    RepairRecord: {
      id: string;
      caseId: string;
      kind: components['schemas']['RepairKind'];
      actorId: string;
      reason: string;
      params: {
        [key: string]: string | number | null;
      };
      /** @enum {string} */
      status: 'pending' | 'running' | 'applied' | 'refused' | 'failed';
      outcome: string | null;
      batchId: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      requestedAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      finishedAt: string | null;
    };
    /** @enum {string} */
    RepairKind:
      'retry-activity' | 'reassign-task' | 'reopen-task' | 'resend-urging' | 'extend-deadline' | 'terminate' | 'reset';
    RepairRequest:
      | {
          /** @enum {string} */
          kind: 'retry-activity';
          reason: string;
          activityId?: string;
        }
      | {
          /** @enum {string} */
          kind: 'reassign-task';
          reason: string;
          /** Format: uuid */
          taskId: string;
          /** Format: uuid */
          toStaffId: string;
        }
      | {
          /** @enum {string} */
          kind: 'reopen-task';
          reason: string;
          /** Format: uuid */
          taskId: string;
        }
      | {
          /** @enum {string} */
          kind: 'resend-urging';
          reason: string;
        }
      | {
          /** @enum {string} */
          kind: 'extend-deadline';
          reason: string;
          /** Format: uuid */
          taskId: string;
          amount: number;
          /** @enum {string} */
          unit: 'working-days' | 'calendar-days';
        }
      | {
          /** @enum {string} */
          kind: 'terminate';
          reason: string;
        }
      | {
          /** @enum {string} */
          kind: 'reset';
          reason: string;
          toEventId?: number;
        };
    RepairLog: {
      items: components['schemas']['RepairRecord'][];
    };
    RepairBatch: {
      id: string | null;
      /** @enum {string} */
      status: 'dry-run' | 'running' | 'done';
      kind: components['schemas']['RepairKind'];
      actorId: string;
      reason: string;
      total: number;
      counts: {
        pending: number;
        applied: number;
        refused: number;
        failed: number;
      };
      items: {
        caseId: string;
        taskId: string | null;
        diagnosis: string;
        /** @enum {string} */
        status: 'pending' | 'running' | 'applied' | 'refused' | 'failed' | 'planned';
        outcome: string | null;
        repairId: string | null;
      }[];
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      finishedAt: string | null;
    };
    RepairBatchRequest: {
      /** @default {} */
      filters: {
        kind?: components['schemas']['StuckKind'];
        town?: string;
        agencyId?: string;
        /** @enum {string} */
        level?: 'L1' | 'L2' | 'L3' | 'L4';
        minAgeHours?: number | null;
        view?: string;
        cursor?: string;
        limit?: number;
      };
      repair: components['schemas']['BatchRepair'];
      reason: string;
      /** @default false */
      dryRun: boolean;
    };
    BatchRepair:
      | {
          /** @enum {string} */
          kind: 'retry-activity';
        }
      | {
          /** @enum {string} */
          kind: 'reassign-task';
          /** Format: uuid */
          toStaffId: string;
        }
      | {
          /** @enum {string} */
          kind: 'reopen-task';
        }
      | {
          /** @enum {string} */
          kind: 'resend-urging';
        }
      | {
          /** @enum {string} */
          kind: 'extend-deadline';
          amount: number;
          /** @enum {string} */
          unit: 'working-days' | 'calendar-days';
        }
      | {
          /** @enum {string} */
          kind: 'terminate';
        }
      | {
          /** @enum {string} */
          kind: 'reset';
        };
    OverdueTransfer: {
      /** Format: uuid */
      caseId: string;
      townCode: string;
      task: components['schemas']['OverdueAcceptanceTask'];
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
      villageCode: string | null;
      lateMs: number;
      lateWorkingDays: number | null;
      urgeCount: number;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      lastUrgedAt: string | null;
      /** Format: uuid */
      urgeTaskId: string | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      nextUrgeAt: string | null;
    };
    OverdueAcceptanceTask: {
      /** Format: uuid */
      id: string;
      agencyId: string;
      /** @enum {string|null} */
      level: 'L1' | 'L2' | 'L3' | 'L4' | null;
      /**
       * Format: date-time
       * @example 2026-03-22T02:00:00.000Z
       */
      dueAt: string;
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
  listCases: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description comma list of: opening, open, merged, closed */
        status?: string;
        level?: 'L1' | 'L2' | 'L3' | 'L4';
        villageCode?: string;
        disputeType?:
          | 'land-forest'
          | 'neighbour'
          | 'marriage-family'
          | 'wages-labour'
          | 'housing-property'
          | 'traffic'
          | 'contract-debt'
          | 'medical'
          | 'other';
        partyId?: string;
        eventRef?: string;
        openedFrom?: string;
        openedTo?: string;
        agencyId?: string;
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of cases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CaseSummary'][];
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
  openCase: {
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
        'application/json': components['schemas']['OpenCaseRequest'];
      };
    };
    responses: {
      /** @description The case, with its workflow started */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCase: {
    parameters: {
      query?: {
        /** @description true: the workflow view comes from Temporal at this moment (`workflow.source` live) rather than from the case’s records; administrators only */
        live?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
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
  updateCase: {
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
        'application/json': components['schemas']['UpdateCaseRequest'];
      };
    };
    responses: {
      /** @description The case after the change, with its new ETag */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
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
  getCaseTimeline: {
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
      /** @description The timeline */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TimelineEvent'][];
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
  mergeCase: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MergeCaseRequest'];
      };
    };
    responses: {
      /** @description The case merged into, after the merge */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
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
  splitCase: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SplitCaseRequest'];
      };
    };
    responses: {
      /** @description The new case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
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
  listDuplicateSuggestions: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description open (the default): waiting, both cases still being worked; confirmed or dismissed: decided */
        status?: components['schemas']['DuplicateSuggestionStatus'] & unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of suggestions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['DuplicateSuggestion'][];
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
  confirmDuplicateSuggestion: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecideDuplicateRequest'];
      };
    };
    responses: {
      /** @description The suggestion, confirmed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DuplicateSuggestion'];
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
  dismissDuplicateSuggestion: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecideDuplicateRequest'];
      };
    };
    responses: {
      /** @description The suggestion, dismissed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DuplicateSuggestion'];
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
  fileReport: {
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
        'application/json': components['schemas']['FileReportRequest'];
      };
    };
    responses: {
      /** @description What the report did, the report and its case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileReportResponse'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCaseReports: {
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
      /** @description The reports */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Report'][];
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
  listCaseDocuments: {
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
      /** @description The documents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CaseDocument'][];
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
  createCaseDocument: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDocumentRequest'];
      };
    };
    responses: {
      /** @description The document, pending until its bytes arrive */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDocument'];
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
  getDocumentContent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        documentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bytes, with Content-Type, Content-Length, ETag (the SHA-256) and Content-Disposition */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Problem */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem */
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
  uploadDocumentContent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        documentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document, now stored */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDocument'];
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
  generateCaseDocument: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GenerateDocumentRequest'];
      };
    };
    responses: {
      /** @description The document, stored: download it from the Location given (…/content) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDocument'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTasks: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        view?: components['schemas']['TaskViewName'];
        status?: components['schemas']['TaskQueueStatus'];
        caseId?: string;
        kind?:
          | 'accept-transfer'
          | 'handle-rejection'
          | 'urge-acceptance'
          | 'mediate'
          | 'approve-extension'
          | 'decide-escalation'
          | 'joint-sign-off'
          | 'follow-up-visit'
          | 'judicial-confirmation';
        agencyId?: string;
        level?: 'L1' | 'L2' | 'L3' | 'L4';
        villageCode?: string;
        disputeType?:
          | 'land-forest'
          | 'neighbour'
          | 'marriage-family'
          | 'wages-labour'
          | 'housing-property'
          | 'traffic'
          | 'contract-debt'
          | 'medical'
          | 'other';
        priority?: components['schemas']['TaskPriority'];
        dueBefore?: string;
        dueAfter?: string;
        overdue?: 'true' | 'false';
        dueSoon?: 'true' | 'false';
        sort?: 'due' | 'priority' | 'created';
        savedView?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tasks */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Task'][];
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
  countTasks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The count of each view; null for a view you do not have */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskCounts'];
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
  getTask: {
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
      /** @description The task */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
  claimTask: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task, held by you */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
  unclaimTask: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task, held by nobody */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
  assignTask: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignTaskRequest'];
      };
    };
    responses: {
      /** @description The task, held by the colleague */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reassignTask: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignTaskRequest'];
      };
    };
    responses: {
      /** @description The task, held by the colleague */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTaskNotes: {
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
      /** @description The notes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TaskNote'][];
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
  addTaskNote: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddTaskNoteRequest'];
      };
    };
    responses: {
      /** @description The note */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskNote'];
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
  completeTask: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CompleteTaskRequest'];
      };
    };
    responses: {
      /** @description The task as the workflow left it, and where the case stands now */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompleteTaskResponse'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCaseTasks: {
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
      /** @description The tasks */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Task'][];
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
  actOnCase: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseActionRequest'];
      };
    };
    responses: {
      /** @description Where the case stands after the action */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseActionResponse'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listInbox: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        agencyId?: string;
        sort?: 'due' | 'priority' | 'created';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of transfers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['InboxItem'][];
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
  listWatchedCases: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of cases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WatchedCase'][];
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
  listTaskViews: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The views, by name */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedTaskViewList'];
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
  createTaskView: {
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
        'application/json': components['schemas']['SavedTaskViewRequest'];
      };
    };
    responses: {
      /** @description The view (ETag: its version) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedTaskView'];
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
  getTaskView: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The view (ETag: its version) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedTaskView'];
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
  replaceTaskView: {
    parameters: {
      query?: never;
      header?: {
        'if-match'?: string;
      };
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SavedTaskViewRequest'];
      };
    };
    responses: {
      /** @description The view as replaced (ETag: its new version) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedTaskView'];
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
  deleteTaskView: {
    parameters: {
      query?: never;
      header?: {
        'if-match'?: string;
      };
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The view as it was */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedTaskView'];
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
  openWorkflowTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
        actionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenTaskRequest'];
      };
    };
    responses: {
      /** @description The task */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
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
  closeWorkflowTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
        actionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CloseTaskRequest'];
      };
    };
    responses: {
      /** @description Whether the task is closed, and the task */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CloseTaskResponse'];
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
  remindWorkflowTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
        actionId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RemindTaskRequest'];
      };
    };
    responses: {
      /** @description Whether the task carries a reminder */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RemindTaskResponse'];
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
  recordWorkflowTimelineEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
        eventKey: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordTimelineRequest'];
      };
    };
    responses: {
      /** @description The event key */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordTimelineResponse'];
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
  updateWorkflowCaseProgress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseProgressRequest'];
      };
    };
    responses: {
      /** @description Whether it was applied */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseProgressResponse'];
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
  commitWorkflowTransition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        caseId: string;
        transitionKey: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommitTransitionRequest'];
      };
    };
    responses: {
      /** @description What each write changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommitTransitionResponse'];
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
  listStuckCases: {
    parameters: {
      query?: {
        kind?: components['schemas']['StuckKind'];
        town?: string;
        agencyId?: string;
        level?: 'L1' | 'L2' | 'L3' | 'L4';
        minAgeHours?: number | null;
        limit?: number;
        view?: string;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stuck cases found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StuckReport'];
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
      /** @description Too many requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  describeCaseWorkflow: {
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
      /** @description What the case waits for, and why */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDiagnosis'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSavedViews: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The views, by name */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedViewList'];
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
  createSavedView: {
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
        'application/json': components['schemas']['SavedViewRequest'];
      };
    };
    responses: {
      /** @description The view (ETag: its version) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedView'];
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
  getSavedView: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The view (ETag: its version) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedView'];
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
  replaceSavedView: {
    parameters: {
      query?: never;
      header?: {
        'if-match'?: string;
      };
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SavedViewRequest'];
      };
    };
    responses: {
      /** @description The view as replaced (ETag: its new version) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedView'];
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
  deleteSavedView: {
    parameters: {
      query?: never;
      header?: {
        'if-match'?: string;
      };
      path: {
        view: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The view as it was */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SavedView'];
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
  listCaseRepairs: {
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
      /** @description The case’s repairs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepairLog'];
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
  repairCase: {
    parameters: {
      query?: never;
      header: {
        /** @description Required: a fresh key (a UUID works) with each request, and the same one on a retry */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RepairRequest'];
      };
    };
    responses: {
      /** @description The repair, as logged, with what came of it */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepairRecord'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startRepairBatch: {
    parameters: {
      query?: never;
      header: {
        /** @description Required: a fresh key (a UUID works) with each request, and the same one on a retry */
        'idempotency-key': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RepairBatchRequest'];
      };
    };
    responses: {
      /** @description The plan (dry run) or the started batch */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepairBatch'];
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
      /** @description A dependency is unavailable */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRepairBatch: {
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
      /** @description The batch, item by item */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepairBatch'];
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
  listOverdueTransfers: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        town?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of overdue transfers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['OverdueTransfer'][];
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
  listTownStuckCases: {
    parameters: {
      query?: {
        kind?: components['schemas']['StuckKind'];
        town?: string;
        agencyId?: string;
        level?: 'L1' | 'L2' | 'L3' | 'L4';
        minAgeHours?: number | null;
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The town’s stuck cases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StuckReport'];
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
      /** @description A dependency is unavailable */
      503: {
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

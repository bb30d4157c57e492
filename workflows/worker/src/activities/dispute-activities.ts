/**
 * The dispute workflow's activities (DisputeActivities in libs/contracts): thin calls to the services through
 * injected clients, plus the route planning, which is pure and shared with the workflow's contracts.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  DISPUTE_ACTIVITY_FAILURES,
  type DisputeActivities,
  MissingAgencyError,
  planRoute,
} from '@gongzhi/contracts/dispute';
import type { AgencyApi } from '../clients/agency-api';
import type { CaseApi } from '../clients/case-api';

export interface DisputeActivityDeps {
  caseApi: CaseApi;
  agencyApi: AgencyApi;
}

export function createDisputeActivities({ caseApi, agencyApi }: DisputeActivityDeps): DisputeActivities {
  return {
    async planCase({ townCode, villageCode, intakeAgencyId, disputeType, risks }) {
      const [policy, agencies] = await Promise.all([
        agencyApi.currentPolicy(townCode),
        agencyApi.townAgencies(townCode),
      ]);
      try {
        return planRoute(townCode, policy, agencies, { disputeType, risks, villageCode, intakeAgencyId });
      } catch (error) {
        if (error instanceof MissingAgencyError) {
          // Retrying cannot create the agency: the workflow decides what to tell the coordinator.
          throw ApplicationFailure.create({
            type: DISPUTE_ACTIVITY_FAILURES.agencyMissing,
            message: error.message,
            nonRetryable: true,
            details: [{ townCode: error.townCode, agencyKind: error.kind }],
          });
        }
        throw error;
      }
    },

    readStaff: ({ staffId }) => agencyApi.staffMember(staffId),

    async readAgencies({ agencyIds }) {
      // A handful of ids (joint mediation takes at most ten), each its own read of agency-service.
      const found = await Promise.all([...new Set(agencyIds)].map((id) => agencyApi.agency(id)));
      return found.filter((agency) => agency !== null);
    },

    async computeDeadline({ from, clock, ends, closesAt }) {
      if (ends === 'end-of-day') {
        const { result, basis, lastDay } = await agencyApi.periodEnd(from, clock.amount, clock.unit, closesAt);
        return { dueAt: result, basis, lastDay };
      }
      if (clock.unit === 'calendar-days') {
        const { result } = await agencyApi.addCalendarDays(from, clock.amount);
        return { dueAt: result, basis: 'calendar-days' };
      }
      const { result, basis } = await agencyApi.addWorkingDays(from, clock.amount);
      return { dueAt: result, basis };
    },

    openTask: (input) => caseApi.openTask(input),
    closeTask: (input) => caseApi.closeTask(input),
    remindTask: (input) => caseApi.remindTask(input),
    recordTimeline: (input) => caseApi.recordTimeline(input),
    updateCaseProgress: (input) => caseApi.updateProgress(input),
    commitTransition: (input) => caseApi.commitTransition(input),
  };
}

/**
 * Documents the parties sign, written by case-service from the case's record: the people's mediation agreement
 * (人民调解协议书) and the parties' joint application for judicial confirmation (司法确认申请书). The case, its
 * parties (read from party-service as the caller, masked as party-service masks them for that caller) and its recorded
 * agreement (the timeline's `agreement-recorded`: when it took effect) supply the facts. What the record does not hold
 * comes with the request: the agreed terms and how and when they are performed (the workflow and the timeline keep
 * ids and codes only, never text that may name people or sums), and, for the application, the court.
 */
import { z } from '../zod';

/** What `POST /api/v1/cases/{id}/documents/generated` can write. */
export const GENERATED_DOCUMENT_KINDS = ['mediation-agreement', 'confirmation-application'] as const;
export type GeneratedDocumentKind = (typeof GENERATED_DOCUMENT_KINDS)[number];

/**
 * Problem types the route answers besides the shared ones (`urn:gongzhi:problem:<slug>`), so a client can say what to
 * do next in its own words.
 */
export const DOCUMENT_GENERATION_PROBLEMS = {
  /** 409: the case has no agreement recorded (or the one recorded went back to mediation). */
  noAgreement: 'no-recorded-agreement',
  /** 409: the case names no party, or party-service shows the caller not every party of it. */
  partiesUnreadable: 'parties-not-readable',
  /** 503: the font the documents embed is missing or unreadable on the server. */
  fontUnavailable: 'document-font-unavailable',
} as const;

/** One clause of the agreement (一、二、…), as the parties agreed it: printed as written, numbered by the server. */
const AgreedTerm = z
  .string()
  .trim()
  .min(2, 'write out the clause')
  .max(1000, 'use at most 1000 characters per clause: split a long one');

/** The clauses, in order. Bounded so a whole request stays under the API's 100 kB JSON limit. */
const AgreedTerms = z
  .array(AgreedTerm)
  .min(1, 'an agreement has at least one clause')
  .max(20, 'use at most 20 clauses')
  .openapi({ example: ['乙方于2026年3月31日前拆除越界搭建的雨棚。', '甲方放弃其他赔偿请求。'] });

/** 履行方式、期限 (People's Mediation Law art. 29): how the terms are carried out, and by when. */
export const AgreementPerformance = z
  .object({
    /** How, e.g. 一次性现金支付 / 银行转账 / 自行拆除. */
    manner: z.string().trim().min(2, 'say how the terms are performed').max(500),
    /** By when, as the parties put it: a date (2026年3月31日前) or a period (协议生效之日起十日内). */
    deadline: z.string().trim().min(2, 'say by when the terms are performed').max(200),
  })
  .strict()
  .openapi('AgreementPerformance');
export type AgreementPerformance = z.infer<typeof AgreementPerformance>;

/** Body of the route for the 人民调解协议书. */
export const GenerateMediationAgreementRequest = z
  .object({
    kind: z.literal('mediation-agreement'),
    terms: AgreedTerms,
    performance: AgreementPerformance,
  })
  .strict()
  .openapi('GenerateMediationAgreementRequest');
export type GenerateMediationAgreementRequest = z.infer<typeof GenerateMediationAgreementRequest>;

/** Body of the route for the 司法确认申请书: the agreement's content again, and the court it is filed with. */
export const GenerateConfirmationApplicationRequest = z
  .object({
    kind: z.literal('confirmation-application'),
    terms: AgreedTerms,
    performance: AgreementPerformance,
    /** The basic people's court where the mediation committee sits (People's Mediation Law art. 33). */
    court: z
      .string()
      .trim()
      .min(4, 'name the court, e.g. 清水县人民法院')
      .max(100)
      .openapi({ example: '清水县人民法院' }),
    /** 事实和理由 beyond the standard wording (the agreement was reached voluntarily and is lawful); optional. */
    reason: z.string().trim().min(5).max(2000).optional(),
  })
  .strict()
  .openapi('GenerateConfirmationApplicationRequest');
export type GenerateConfirmationApplicationRequest = z.infer<typeof GenerateConfirmationApplicationRequest>;

/** Body of `POST /api/v1/cases/{id}/documents/generated`. */
export const GenerateDocumentRequest = z
  .discriminatedUnion('kind', [GenerateMediationAgreementRequest, GenerateConfirmationApplicationRequest])
  .openapi('GenerateDocumentRequest');
export type GenerateDocumentRequest = z.infer<typeof GenerateDocumentRequest>;

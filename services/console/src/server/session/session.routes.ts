import express, { type Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '@gongzhi/errors';
import { zodIssuesToFieldIssues } from '@gongzhi/http';
import {
  clearSessionCookie,
  isLanguage,
  LANGUAGE_COOKIE,
  LANGUAGE_PICKED_COOKIE,
  LANGUAGES,
  type Language,
  readCookie,
  SESSION_COOKIE,
  setLanguageCookie,
  setSessionCookie,
} from '../security/cookies';
import { callerOf } from './agency-auth';
import type { SessionRecord, SessionStore } from './session-store';
import { SessionExpiredError, type Sessions } from './sessions';

const SignInBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
const PreferencesBody = z.object({ language: z.enum(LANGUAGES) });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'Some fields are missing or wrong: see `errors`.',
      zodIssuesToFieldIssues(parsed.error.issues),
    );
  return parsed.data;
}

/** What the page learns about its session: who, which roles, which language. Never a token. */
function sessionView(session: SessionRecord, language: Language) {
  const { staff } = session;
  return {
    staff: {
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      agencyId: staff.agencyId,
      townCode: staff.townCode,
      roles: staff.roles,
    },
    language,
  };
}

/** `/bff/session` (sign in, who am I, sign out) and `/bff/preferences` (language). */
export function sessionRoutes(deps: { sessions: Sessions; store: SessionStore }): Router {
  const router = express.Router();
  router.use('/bff', express.json({ limit: '10kb' }));

  // A person's own choice, else the console's first language; the browser's cookie only before anyone signs in.
  const languageOf = async (staffId: string): Promise<Language> => {
    const chosen = await deps.store.languageOf(staffId);
    return isLanguage(chosen) ? chosen : 'zh-CN';
  };

  router.get('/bff/session', async (req, res) => {
    const session = await deps.sessions.current(readCookie(req, SESSION_COOKIE));
    res.setHeader('cache-control', 'no-store');
    if (!session) {
      clearSessionCookie(req, res);
      throw new SessionExpiredError();
    }
    res.json(sessionView(session, await languageOf(session.staff.id)));
  });

  router.post('/bff/session', async (req, res) => {
    const body = parse(SignInBody, req.body);
    // Signing in replaces any session this browser had.
    await deps.sessions.signOut(readCookie(req, SESSION_COOKIE), callerOf(req));
    const result = await deps.sessions.signIn(body.username, body.password, callerOf(req));
    res.setHeader('cache-control', 'no-store');
    if (!result.ok) {
      if (result.retryAfter) res.setHeader('retry-after', result.retryAfter);
      res.status(result.status).type('application/problem+json').send(JSON.stringify(result.problem));
      return;
    }
    setSessionCookie(req, res, result.cookie, result.session.refreshExpiresAt);
    // A language picked on the sign-in page becomes the person's own the first time they sign in; one merely left
    // showing by the previous person of the same PC does not.
    const stored = await deps.store.languageOf(result.session.staff.id);
    const cookieLanguage = readCookie(req, LANGUAGE_COOKIE);
    const picked = readCookie(req, LANGUAGE_PICKED_COOKIE) === '1';
    if (!isLanguage(stored) && picked && isLanguage(cookieLanguage)) {
      await deps.store.setLanguage(result.session.staff.id, cookieLanguage);
    }
    const language = await languageOf(result.session.staff.id);
    setLanguageCookie(req, res, language);
    res.status(201).json(sessionView(result.session, language));
  });

  router.delete('/bff/session', async (req, res) => {
    await deps.sessions.signOut(readCookie(req, SESSION_COOKIE), callerOf(req));
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.put('/bff/preferences', async (req, res) => {
    const { language } = parse(PreferencesBody, req.body);
    const session = await deps.sessions.current(readCookie(req, SESSION_COOKIE));
    if (session) await deps.store.setLanguage(session.staff.id, language);
    // Picked on the sign-in page only when no one is signed in on this browser: a session that has just expired is
    // still its person's, and their choice must not pass to whoever signs in next.
    setLanguageCookie(req, res, language, !session && readCookie(req, SESSION_COOKIE) === undefined);
    res.json({ language });
  });
  return router;
}

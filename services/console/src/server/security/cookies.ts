import type { Request, Response } from 'express';

/** The session cookie: an opaque random value; the tokens it stands for never leave the console. */
export const SESSION_COOKIE = 'gongzhi_session';
/** The language this browser last showed (zh-CN or en): not personal, readable by the page. */
export const LANGUAGE_COOKIE = 'gongzhi_lang';
/**
 * Set when the language was picked on the sign-in page, and only then: the next person to sign in takes that language
 * as their own, but not a language the previous person of a shared office PC left behind.
 */
export const LANGUAGE_PICKED_COOKIE = 'gongzhi_lang_picked';
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** One cookie's value from the Cookie header (RFC 6265 syntax; values we set are URL-safe). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * HttpOnly (scripts never see it), SameSite=Strict (no other site's page can send it), Secure when the console is
 * reached over https, path / and no Domain (this host only). Lives as long as the refresh token can renew it.
 */
export function setSessionCookie(req: Request, res: Response, value: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

/** `picked`: chosen on the sign-in page (see LANGUAGE_PICKED_COOKIE); any other setting clears that mark. */
export function setLanguageCookie(req: Request, res: Response, language: Language, picked = false): void {
  res.cookie(LANGUAGE_COOKIE, language, {
    httpOnly: false,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: 365 * 24 * 3600 * 1000,
  });
  const mark = { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' } as const;
  if (picked) res.cookie(LANGUAGE_PICKED_COOKIE, '1', mark);
  else if (readCookie(req, LANGUAGE_PICKED_COOKIE) !== undefined) res.clearCookie(LANGUAGE_PICKED_COOKIE, mark);
}

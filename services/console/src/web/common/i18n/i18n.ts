/**
 * i18next with zh-CN as the source language and English second. Each screen registers its own namespace with its
 * code (so a screen's strings travel in its chunk); the shared glossary lives in `common`.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../session/session';
import { common } from './common';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

type Bundle = { [key: string]: string | Bundle };

/** Adds a screen's strings in both languages; the two bundles must have the same keys (the type says so). */
export function registerNamespace<T extends Bundle>(namespace: string, bundles: { 'zh-CN': T; en: T }): void {
  for (const language of LANGUAGES) i18n.addResourceBundle(language, namespace, bundles[language], true, true);
}

/** The page's language as the console served it (from the person's choice, or the sign-in page's cookie). */
function initialLanguage(): Language {
  return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: ['common'],
  resources: { 'zh-CN': { common: common['zh-CN'] }, en: { common: common.en } },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };

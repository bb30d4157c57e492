import { useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/i18n';
import { type Language, SESSION_KEY, sessionApi, type SessionInfo } from './session';

/** Switches the language at once, and remembers it: for the person (server-side) when signed in, else in a cookie. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const change = async (language: Language) => {
    await i18n.changeLanguage(language);
    queryClient.setQueryData<SessionInfo | null>(SESSION_KEY, (session) =>
      session ? { ...session, language } : session,
    );
    await sessionApi.setLanguage(language).catch(() => undefined);
  };
  return (
    <Select<Language>
      aria-label={t('nav.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(value) => void change(value)}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      popupMatchSelectWidth={false}
    />
  );
}

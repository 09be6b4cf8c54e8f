// The i18n instance: German default, English second. Messages compile just in time into closures
// (vue-i18n 11), which needs no eval and so works under the strict CSP.
import { createI18n } from 'vue-i18n';
import type { languages } from '../../../shared/api/settings.ts';
import { de } from './de.ts';
import { en } from './en.ts';

export type Language = (typeof languages)[number];

export const i18n = createI18n({
  legacy: false,
  globalInjection: false,
  locale: 'de',
  fallbackLocale: 'de',
  messages: { de, en },
});

/** Switches every text of the UI at once and tells assistive technology the page language. */
export function applyLanguage(language: Language): void {
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return i18n.global.locale.value;
}

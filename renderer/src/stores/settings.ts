// The station's settings and the UI language. The language switches at once and is then saved;
// the saved settings follow every `settings.changed` event.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import type { Settings, SettingsPatch } from '../../../shared/api/settings.ts';
import { api } from '../api/index.ts';
import type { Language } from '../i18n/index.ts';

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings | null>(null);
  const loadError = ref<ApiError | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  /** The language the UI shows; ahead of `settings.language` while a switch is being saved. */
  const language = ref<Language>('de');
  const languageError = ref<ApiError | null>(null);

  function receive(next: Settings): void {
    settings.value = next;
    language.value = next.language;
  }

  async function load(): Promise<void> {
    loading.value = true;
    const result = await api.settings.get({});
    loading.value = false;
    if (result.ok) {
      receive(result.value);
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  async function save(patch: SettingsPatch): Promise<Result<Settings>> {
    saving.value = true;
    const result = await api.settings.update(patch);
    saving.value = false;
    if (result.ok) receive(result.value);
    return result;
  }

  async function changeLanguage(next: Language): Promise<Result<Settings>> {
    language.value = next;
    languageError.value = null;
    const result = await api.settings.update({ language: next });
    if (result.ok) receive(result.value);
    else languageError.value = result.error;
    return result;
  }

  return { settings, loadError, loading, saving, language, languageError, receive, load, save, changeLanguage };
});

// The settings form edits a draft; saving sends only what differs from the saved settings.
// Pure, tested in Node.
import {
  retentionProfiles,
  settingKeys,
  type RetentionProfile,
  type Settings,
  type SettingsPatch,
} from '../../../shared/api/settings.ts';

/** Settings are numbers, text and lists of text: equal when their JSON is. */
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Keys whose draft value differs from the saved one, with the draft values. */
export function changedSettings(saved: Settings, draft: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of settingKeys) {
    if (!same(draft[key], saved[key])) patch[key] = draft[key];
  }
  return patch as SettingsPatch;
}

/** The draft after choosing a state profile: its deadline and pre-recording length are taken over. */
export function withProfile(draft: Settings, profile: RetentionProfile): Settings {
  const values = retentionProfiles[profile];
  return {
    ...draft,
    retentionProfile: profile,
    retentionDays: values.retentionDays,
    preRecordMaxSeconds: values.preRecordMaxSeconds,
  };
}

/** True when the draft's figures are those of its profile. */
export function matchesProfile(draft: Settings): boolean {
  const values = retentionProfiles[draft.retentionProfile];
  return draft.retentionDays === values.retentionDays && draft.preRecordMaxSeconds === values.preRecordMaxSeconds;
}

/**
 * Brings a draft up to date after the saved settings changed (saved here, in another window or
 * from the command line): keys the user has not touched take the new saved value, edited keys
 * keep the user's value.
 */
export function rebaseDraft(previousSaved: Settings, nextSaved: Settings, draft: Settings): Settings {
  const next: Record<string, unknown> = { ...draft };
  for (const key of settingKeys) {
    if (same(draft[key], previousSaved[key])) next[key] = nextSaved[key];
  }
  return next as Settings;
}

/** The marker categories as the form edits them: one per line, blank lines and repeats dropped. */
export function categoriesFromText(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}

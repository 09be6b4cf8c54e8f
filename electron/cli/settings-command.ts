// `revier settings get|set`: reads and changes the station settings (changes are audited).
import { defaultSettings, settingKeys, type SettingKey, type SettingsPatch } from '../../shared/api/settings.ts';
import { ServiceError } from '../core/service-error.ts';
import { signedIn } from './sign-in.ts';
import { CommandError, openStation, type StationOptions } from './station.ts';

function settingKey(key: string): SettingKey {
  if (!settingKeys.includes(key as SettingKey)) {
    throw new CommandError(`Unknown setting "${key}". Known settings: ${settingKeys.join(', ')}`);
  }
  return key as SettingKey;
}

/** Command-line values are text; numeric settings take a number, lists are separated by ";". */
function settingValue(key: SettingKey, text: string): string | number | string[] {
  if (Array.isArray(defaultSettings[key])) return text.split(';').map((item) => item.trim()).filter(Boolean);
  if (typeof defaultSettings[key] !== 'number') return text;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CommandError(`Setting "${key}" needs a number, not "${text}"`);
  return value;
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join('; ') : String(value));

export async function getSettings(key: string | undefined, options: StationOptions): Promise<void> {
  const wanted = key === undefined ? undefined : settingKey(key);
  const { core } = await openStation(options);
  try {
    const settings = await core.settings.get();
    if (wanted) console.log(shown(settings[wanted]));
    else for (const name of settingKeys) console.log(`${name}=${shown(settings[name])}`);
  } finally {
    await core.close();
  }
}

export async function setSetting(key: string, text: string, options: StationOptions): Promise<void> {
  const name = settingKey(key);
  const patch = { [name]: settingValue(name, text) } as SettingsPatch;
  const { core } = await openStation(options);
  try {
    const settings = await core.settings.update(await signedIn(core, options), patch);
    console.log(`${name}=${shown(settings[name])}`);
  } catch (error) {
    if (error instanceof ServiceError) throw new CommandError(error.message);
    throw error;
  } finally {
    await core.close();
  }
}

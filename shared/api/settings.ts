// The station's settings: one typed place, with the Baden-Württemberg defaults of DOMAIN.md.
import { z } from 'zod';
import { MarkerCategorySchema, defaultMarkerCategories } from './annotations.ts';

/** Named retention profiles of the German police laws; BW is the default. */
export const retentionProfiles = {
  BW: { retentionDays: 28, preRecordMaxSeconds: 60 },
  BPOL: { retentionDays: 30, preRecordMaxSeconds: 30 },
  RP: { retentionDays: 30, preRecordMaxSeconds: 0 },
  NW: { retentionDays: 14, preRecordMaxSeconds: 60 },
  BY: { retentionDays: 61, preRecordMaxSeconds: 60 },
} as const;
export type RetentionProfile = keyof typeof retentionProfiles;
const profileNames = Object.keys(retentionProfiles) as [RetentionProfile, ...RetentionProfile[]];

export const auditLogRetentionRules = ['end-of-following-year'] as const;
export const languages = ['de', 'en'] as const;

export const SettingsSchema = z.object({
  /** Absolute path of the mounted station drive (Revierlaufwerk); empty until configured. */
  stationDrive: z.string().max(4096),
  retentionProfile: z.enum(profileNames),
  /** Days after recording end until deletion, unless held. */
  retentionDays: z.number().int().min(1).max(3650),
  /** Longest pre-recording buffer the station's cameras keep, in seconds. */
  preRecordMaxSeconds: z.number().int().min(0).max(600),
  /** When audit entries may be deleted. */
  auditLogRetention: z.enum(auditLogRetentionRules),
  language: z.enum(languages),
  /** The categories evidence markers are filed under, in the order the player offers them. */
  markerCategories: z.array(MarkerCategorySchema).min(1).max(40).refine((list) => new Set(list).size === list.length, 'categories must not repeat'),
  /** Absolute path of the folder exports are written to; empty: `exports` in the data folder. */
  exportFolder: z.string().max(4096),
  /** The legal basis a court package states unless its request names another. */
  legalBasis: z.string().trim().min(1).max(500),
  /** Which clips investigators see: those of their cases, or every clip of the station. */
  investigatorScope: z.enum(['cases', 'all']),
  /** Minutes without input after which the screen locks (the picture is hidden at once). */
  screenLockMinutes: z.number().int().min(1).max(120),
  /** Wrong passwords in a row after which an account is locked. */
  loginAttemptsBeforeLock: z.number().int().min(3).max(20),
  /** Minutes a locked account stays locked (an administrator can unlock it sooner). */
  loginLockMinutes: z.number().int().min(1).max(1440),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(SettingsSchema.shape) as SettingKey[];

export const defaultSettings: Settings = {
  stationDrive: '',
  retentionProfile: 'BW',
  retentionDays: retentionProfiles.BW.retentionDays,
  preRecordMaxSeconds: retentionProfiles.BW.preRecordMaxSeconds,
  auditLogRetention: 'end-of-following-year',
  language: 'de',
  markerCategories: defaultMarkerCategories,
  exportFolder: '',
  legalBasis: 'Übersendung an die Staatsanwaltschaft nach § 163 Abs. 2 StPO',
  investigatorScope: 'cases',
  screenLockMinutes: 10,
  loginAttemptsBeforeLock: 5,
  loginLockMinutes: 15,
};

/** A change to some settings; unknown keys are refused, not ignored. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

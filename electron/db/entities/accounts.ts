// Rows of the account and case tables (see migration CreateAccounts1765929600000).
import { EntitySchema } from 'typeorm';

export interface UserAccountRow {
  username: string;
  serviceNumber: string;
  displayName: string;
  /** JSON array of roles. */
  roles: string;
  active: boolean;
  /** `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: string;
  failedLogins: number;
  lockedUntilUtc: string | null;
  passwordChangedUtc: string;
  createdUtc: string;
  createdBy: string;
  version: number;
}

export const UserAccountEntity = new EntitySchema<UserAccountRow>({
  name: 'UserAccount',
  tableName: 'user_account',
  columns: {
    username: { type: 'text', primary: true },
    serviceNumber: { type: 'text', name: 'service_number', unique: true },
    displayName: { type: 'text', name: 'display_name' },
    roles: { type: 'text' },
    active: { type: 'boolean' },
    passwordHash: { type: 'text', name: 'password_hash' },
    failedLogins: { type: 'integer', name: 'failed_logins' },
    lockedUntilUtc: { type: 'text', name: 'locked_until_utc', nullable: true },
    passwordChangedUtc: { type: 'text', name: 'password_changed_utc' },
    createdUtc: { type: 'text', name: 'created_utc' },
    createdBy: { type: 'text', name: 'created_by' },
    version: { type: 'integer' },
  },
});

export interface CaseFileRow {
  reference: string;
  title: string;
  createdUtc: string;
  createdBy: string;
}

export const CaseFileEntity = new EntitySchema<CaseFileRow>({
  name: 'CaseFile',
  tableName: 'case_file',
  columns: {
    reference: { type: 'text', primary: true },
    title: { type: 'text' },
    createdUtc: { type: 'text', name: 'created_utc' },
    createdBy: { type: 'text', name: 'created_by' },
  },
});

export interface CaseClipRow {
  caseReference: string;
  clipId: number;
  addedUtc: string;
  addedBy: string;
}

export const CaseClipEntity = new EntitySchema<CaseClipRow>({
  name: 'CaseClip',
  tableName: 'case_clip',
  columns: {
    caseReference: { type: 'text', name: 'case_reference', primary: true },
    clipId: { type: 'integer', name: 'clip_id', primary: true },
    addedUtc: { type: 'text', name: 'added_utc' },
    addedBy: { type: 'text', name: 'added_by' },
  },
});

export interface CaseMemberRow {
  caseReference: string;
  username: string;
}

export const CaseMemberEntity = new EntitySchema<CaseMemberRow>({
  name: 'CaseMember',
  tableName: 'case_member',
  columns: {
    caseReference: { type: 'text', name: 'case_reference', primary: true },
    username: { type: 'text', primary: true },
  },
});

export const accountEntities = [UserAccountEntity, CaseFileEntity, CaseClipEntity, CaseMemberEntity];

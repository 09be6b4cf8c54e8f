// Accounts and sessions as the contract shows them: signing in, the screen lock, the first
// administrator, and the administrator's management of accounts.
import { z } from 'zod';
import { RoleSchema } from './actor.ts';

/** Login names: lower-case letters, digits, dot, dash, underscore (e.g. `mueller.k`). */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore; 2 to 64 characters');

export const passwordMinLength = 10;
/** A password being typed to sign in or unlock: checked against the hash, never stored. */
export const PasswordSchema = z.string().min(1).max(256);
/** A password being set. */
export const NewPasswordSchema = z.string().min(passwordMinLength, `at least ${passwordMinLength} characters`).max(256);

const DisplayNameSchema = z.string().trim().min(1).max(120);
const ServiceNumberSchema = z.string().trim().min(1).max(40);
const RolesSchema = z
  .array(RoleSchema)
  .min(1)
  .max(5)
  .refine((list) => new Set(list).size === list.length, 'roles must not repeat');

export const UserAccountSchema = z.object({
  username: z.string(),
  serviceNumber: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  /** Set while the account is locked after wrong passwords. */
  lockedUntilUtc: z.string().nullable(),
  failedLogins: z.number().int(),
  createdUtc: z.string(),
  createdBy: z.string(),
  version: z.number().int(),
});
export type UserAccount = z.infer<typeof UserAccountSchema>;

const SignedInUserSchema = z.object({ username: z.string(), displayName: z.string(), roles: z.array(RoleSchema) });

export const SessionStateSchema = z.discriminatedUnion('state', [
  /** No account exists yet: the first administrator must be created. */
  z.object({ state: z.literal('setup') }),
  z.object({ state: z.literal('signed-out') }),
  /** Signed in, but the screen is locked: only the password of this user unlocks it. */
  z.object({ state: z.literal('locked'), user: SignedInUserSchema, role: RoleSchema }),
  z.object({ state: z.literal('signed-in'), user: SignedInUserSchema, role: RoleSchema, screenLockMinutes: z.number().int() }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const SignInRequestSchema = z
  .object({
    username: UsernameSchema,
    password: PasswordSchema,
    /** The role to act in, for a user with several; their first role otherwise. */
    role: RoleSchema.optional(),
  })
  .strict();
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const NewAccountSchema = z
  .object({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    serviceNumber: ServiceNumberSchema,
    roles: RolesSchema,
    password: NewPasswordSchema,
  })
  .strict();
export type NewAccount = z.infer<typeof NewAccountSchema>;

/** The first administrator, created on the station's first start. */
export const SetupRequestSchema = NewAccountSchema.omit({ roles: true }).strict();
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

export const UnlockRequestSchema = z.object({ password: PasswordSchema }).strict();

export const ChangePasswordRequestSchema = z.object({ current: PasswordSchema, next: NewPasswordSchema }).strict();

export const AccountChangeSchema = z
  .object({
    username: UsernameSchema,
    /** The version the change is based on. */
    version: z.number().int().positive(),
    displayName: DisplayNameSchema.optional(),
    roles: RolesSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type AccountChange = z.infer<typeof AccountChangeSchema>;

export const PasswordResetSchema = z.object({ username: UsernameSchema, password: NewPasswordSchema }).strict();

export const UsernameRequestSchema = z.object({ username: UsernameSchema }).strict();

// Who is acting. Every service call carries one: a signed-in person acting in one of their roles,
// or the station itself for its own jobs (scans, the daily retention run).
import { z } from 'zod';

/** The roles a person can hold (DOMAIN.md, "Who uses it"). */
export const roles = ['investigator', 'supervisor', 'trainer', 'dpo', 'administrator'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/** A person's role, or `system` for the station's own jobs (never a login). */
export const ActorRoleSchema = z.enum([...roles, 'system']);
export type ActorRole = z.infer<typeof ActorRoleSchema>;

export const ActorSchema = z.object({
  userId: z.string().min(1).max(128),
  role: ActorRoleSchema,
  sessionId: z.string().min(1).max(128),
});
export type Actor = z.infer<typeof ActorSchema>;

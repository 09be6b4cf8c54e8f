// Who is acting. Every service call carries one; until accounts exist there is one local user.
import { z } from 'zod';

export const roles = ['investigator', 'supervisor', 'trainer', 'dpo', 'administrator'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

export const ActorSchema = z.object({
  userId: z.string().min(1).max(128),
  role: RoleSchema,
  sessionId: z.string().min(1).max(128),
});
export type Actor = z.infer<typeof ActorSchema>;

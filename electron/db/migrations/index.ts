// The explicit, ordered list of migrations. A new migration is a new file added at the end.
import { CreateSettings1764338400000 } from './1764338400000-create-settings.ts';
import { CreateAuditLog1764338400001 } from './1764338400001-create-audit-log.ts';

export const migrations = [CreateSettings1764338400000, CreateAuditLog1764338400001];

// The explicit, ordered list of migrations. A new migration is a new file added at the end.
import { CreateSettings1764338400000 } from './1764338400000-create-settings.ts';
import { CreateAuditLog1764338400001 } from './1764338400001-create-audit-log.ts';
import { CreateLibrary1764345600000 } from './1764345600000-create-library.ts';
import { CreateAnnotations1764950400000 } from './1764950400000-create-annotations.ts';
import { CreateExports1765324800000 } from './1765324800000-create-exports.ts';
import { CreateAccounts1765929600000 } from './1765929600000-create-accounts.ts';
import { CreateRetention1766016000000 } from './1766016000000-create-retention.ts';
import { AllowAuditPurge1766102400000 } from './1766102400000-allow-audit-purge.ts';
import { CreateApprovals1766188800000 } from './1766188800000-create-approvals.ts';
import { ExportAwaitingApproval1766275200000 } from './1766275200000-export-awaiting-approval.ts';
import { CreateAccessRequests1766361600000 } from './1766361600000-create-access-requests.ts';

export const migrations = [
  CreateSettings1764338400000,
  CreateAuditLog1764338400001,
  CreateLibrary1764345600000,
  CreateAnnotations1764950400000,
  CreateExports1765324800000,
  CreateAccounts1765929600000,
  CreateRetention1766016000000,
  AllowAuditPurge1766102400000,
  CreateApprovals1766188800000,
  ExportAwaitingApproval1766275200000,
  CreateAccessRequests1766361600000,
];

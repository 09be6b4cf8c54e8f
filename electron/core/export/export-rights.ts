// Who may export what (deny by default). Court packages and training clips are made by those who
// work with the evidence; an unredacted still shows third parties and needs a supervisor. Trainers
// only use anonymised clips others made; the data protection officer and administrators export no
// footage.
import type { Actor, ActorRole } from '../../../shared/api/actor.ts';
import type { ExportJobRequest } from '../../../shared/api/exports.ts';
import { ServiceError } from '../service-error.ts';

const allowed: Record<ExportJobRequest['kind'] | 'unredacted-still', readonly ActorRole[]> = {
  court: ['investigator', 'supervisor'],
  training: ['investigator', 'supervisor'],
  still: ['investigator', 'supervisor'],
  'unredacted-still': ['supervisor'],
};

export function checkExportRight(actor: Actor, request: ExportJobRequest): void {
  const right = request.kind === 'still' && request.unredacted ? 'unredacted-still' : request.kind;
  if (!allowed[right].includes(actor.role)) {
    throw new ServiceError('forbidden', `The role ${actor.role} may not make this export (${right}); allowed: ${allowed[right].join(', ')}`);
  }
}

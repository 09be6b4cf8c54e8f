// The address of a clip's media for the host the renderer runs in: the `evidence:` scheme under
// Electron, the browser host's same-origin `/media/` path otherwise.
import { evidenceMediaUrl, httpMediaPath } from '../../../shared/api/media.ts';

export function mediaUrl(token: string): string {
  return window.revier ? evidenceMediaUrl(token) : httpMediaPath(token);
}

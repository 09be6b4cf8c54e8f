// The one Content Security Policy of the renderer, sent by both hosts: nothing but the app's own
// origin, plus the `evidence:` scheme for footage in Electron (played by <video> and fetched in
// byte ranges for the frame cache). The browser host serves footage on its own origin
// (`/media/<token>`), which 'self' covers. No inline script, no eval.
import { evidenceScheme } from '../../shared/api/media.ts';

export { evidenceScheme };

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  `media-src 'self' blob: ${evidenceScheme}:`,
  `connect-src 'self' ${evidenceScheme}:`,
  "font-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The one Content Security Policy of the renderer, sent by both hosts: nothing but the app's own
// origin, plus the `evidence:` scheme for footage in Electron. No inline script, no eval.
export const evidenceScheme = 'evidence';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  `media-src 'self' blob: ${evidenceScheme}:`,
  "connect-src 'self'",
  "font-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

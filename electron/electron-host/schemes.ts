// The app's two privileged schemes. `app:` serves the renderer; `evidence:` serves footage
// through the core's media handler (`evidence://media/<token>`, byte ranges answered there).
// Both are standard and secure (WebCodecs needs a secure context), and neither may bypass the
// CSP. The renderer (`app://renderer`) reads footage from the other origin `evidence://media`:
// the <video> element with `crossorigin` and fetches of byte ranges for decoded pictures, so
// `evidence:` takes part in CORS and its answers allow exactly the renderer's origin.
import type { CustomScheme } from 'electron';
import type { MediaHandler } from '../core/media/media-handler.ts';
import { evidenceScheme } from '../security/csp.ts';
import { appHost, appScheme } from './app-origin.ts';
import { createAppFileHandler } from './app-files.ts';

export const privilegedSchemes: CustomScheme[] = [
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false } },
  { scheme: evidenceScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true, bypassCSP: false } },
];

/** The part of Electron's `protocol` module the host uses. */
export interface SchemeProtocol {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before the app's `ready` event. */
export function registerPrivilegedSchemes(protocol: Pick<SchemeProtocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes);
}

const rendererOrigin = `${appScheme}://${appHost}`;

/** The media handler's answers, readable by the renderer's origin and no other. */
export function evidenceForRenderer(media: MediaHandler): MediaHandler {
  return async (request) => {
    const response = await media(request);
    const headers = new Headers(response.headers);
    headers.set('Access-Control-Allow-Origin', rendererOrigin);
    headers.set('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    headers.append('Vary', 'Origin');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Must run after `ready`. `media` answers `evidence:` (createMediaHandler over the player's tokens). */
export function handleSchemes(protocol: Pick<SchemeProtocol, 'handle'>, media: MediaHandler, rendererRoot?: string): void {
  protocol.handle(appScheme, createAppFileHandler(rendererRoot));
  protocol.handle(evidenceScheme, evidenceForRenderer(media));
}

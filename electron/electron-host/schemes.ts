// The app's two privileged schemes. `app:` serves the renderer; `evidence:` will serve footage
// (byte ranges, later issue). Both are standard and secure (WebCodecs needs a secure context),
// and neither may bypass the CSP. No `corsEnabled`: other origins cannot read either scheme.
import type { CustomScheme } from 'electron';
import { evidenceScheme } from '../security/csp.ts';
import { appScheme } from './app-origin.ts';
import { createAppFileHandler } from './app-files.ts';

export const privilegedSchemes: CustomScheme[] = [
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false } },
  { scheme: evidenceScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, bypassCSP: false } },
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

/** Placeholder until the byte-range media handler exists: the privilege is in place, no media yet. */
export const answerNoMediaYet = (): Response => new Response('no media yet', { status: 404 });

/** Must run after `ready`. */
export function handleSchemes(protocol: Pick<SchemeProtocol, 'handle'>, rendererRoot?: string): void {
  protocol.handle(appScheme, createAppFileHandler(rendererRoot));
  protocol.handle(evidenceScheme, answerNoMediaYet);
}

// No permission is ever granted: no camera, microphone, notifications, geolocation, clipboard
// reading, devices or anything Chromium may add later. Requests are answered "no" and logged.
// Browser downloads are refused too: footage leaves the station only through the core's audited
// export, never as a file the page saves itself.
import type { SecurityLog } from './security-log.ts';

/** The part of Electron's Session this guard uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler?(handler: (details: { deviceType: string; origin: string }) => boolean): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: { getURL(): string }) => void): unknown;
}

export function denyPermissions(session: PermissionSession, log: SecurityLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log('permission request denied', { permission, origin: details.requestingUrl ?? '' });
    callback(false);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    log('permission check denied', { permission, origin: requestingOrigin });
    return false;
  });
  session.setDevicePermissionHandler?.(({ deviceType, origin }) => {
    log('device permission denied', { deviceType, origin });
    return false;
  });
  session.on('will-download', (event, item) => {
    event.preventDefault();
    log('download refused', { url: item.getURL() });
  });
}

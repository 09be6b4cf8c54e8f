// The permission guard on a fake session: every request, check and device is refused and logged.
import { describe, expect, it } from 'vitest';
import { denyPermissions, type PermissionSession } from '../../electron/electron-host/permission-guard.ts';
import { FakeEmitter, navigationEvent, recordingLog } from './electron-fakes.ts';

type Handlers = {
  request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
  check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
  device?: (details: { deviceType: string; origin: string }) => boolean;
};

function fakeSession(withDeviceHandler = true): { session: PermissionSession & FakeEmitter; handlers: Handlers } {
  const handlers: Handlers = {};
  const session = Object.assign(new FakeEmitter(), {
    setPermissionRequestHandler: (handler: Handlers['request']) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: Handlers['check']) => (handlers.check = handler),
    ...(withDeviceHandler ? { setDevicePermissionHandler: (handler: Handlers['device']) => (handlers.device = handler) } : {}),
  });
  return { session, handlers };
}

describe('denyPermissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal'])(
    'answers a request for %s with false and logs it',
    (permission) => {
      const { session, handlers } = fakeSession();
      const { log, entries } = recordingLog();
      denyPermissions(session, log);
      const answers: boolean[] = [];
      handlers.request?.({}, permission, (granted) => answers.push(granted), { requestingUrl: 'app://renderer/index.html' });
      expect(answers).toEqual([false]);
      expect(entries).toEqual([{ event: 'permission request denied', details: { permission, origin: 'app://renderer/index.html' } }]);
    },
  );

  it('answers every permission check with false and logs the origin', () => {
    const { session, handlers } = fakeSession();
    const { log, entries } = recordingLog();
    denyPermissions(session, log);
    expect(handlers.check?.({}, 'media', 'app://renderer')).toBe(false);
    expect(entries).toEqual([{ event: 'permission check denied', details: { permission: 'media', origin: 'app://renderer' } }]);
  });

  it('refuses devices where the session supports a device handler, and copes where it does not', () => {
    const { session, handlers } = fakeSession();
    const { log, entries } = recordingLog();
    denyPermissions(session, log);
    expect(handlers.device?.({ deviceType: 'usb', origin: 'app://renderer' })).toBe(false);
    expect(entries.at(-1)).toEqual({ event: 'device permission denied', details: { deviceType: 'usb', origin: 'app://renderer' } });

    const older = fakeSession(false);
    denyPermissions(older.session, log);
    expect(older.handlers.request).toBeTypeOf('function');
    expect(older.handlers.device).toBeUndefined();
  });

  it('refuses every browser download and logs its address', () => {
    const { session } = fakeSession();
    const { log, entries } = recordingLog();
    denyPermissions(session, log);
    const download = navigationEvent('');
    session.emit('will-download', download, { getURL: () => 'blob:app://renderer/1234' });
    expect(download.defaultPrevented).toBe(true);
    expect(entries).toEqual([{ event: 'download refused', details: { url: 'blob:app://renderer/1234' } }]);
  });
});

// The small pieces main.ts wires: the `--data` option and closing the core before quitting.
import { describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit, type QuittingApp } from '../../electron/electron-host/close-on-quit.ts';
import { dataFolderArgument } from '../../electron/electron-host/command-line.ts';
import { FakeEmitter, navigationEvent } from './electron-fakes.ts';

describe('dataFolderArgument', () => {
  it.each([
    [['/opt/Revier/revier', '--data', '/srv/station'], '/srv/station'],
    [['/usr/bin/electron', '.', '--data=/srv/station'], '/srv/station'],
    [['/usr/bin/electron', '.', '--no-sandbox', '--data', '/srv/x', '--enable-logging'], '/srv/x'],
    [['/opt/Revier/revier'], undefined],
    [['/opt/Revier/revier', '--data'], undefined],
  ])('%j → %s', (argv, expected) => {
    expect(dataFolderArgument(argv)).toBe(expected);
  });
});

class FakeApp extends FakeEmitter implements QuittingApp {
  readonly exits: (number | undefined)[] = [];
  #exited: (code: number | undefined) => void = () => undefined;
  /** Settles with the first exit code. */
  readonly exited = new Promise<number | undefined>((resolve) => (this.#exited = resolve));

  exit(exitCode?: number): void {
    this.exits.push(exitCode);
    this.#exited(exitCode);
  }
}

describe('closeBeforeQuit', () => {
  it('holds the quit until the core has closed, then exits with 0; a second quit waits for the same close', async () => {
    const app = new FakeApp();
    let finishClose = (): void => undefined;
    let closes = 0;
    closeBeforeQuit(app, () => {
      closes += 1;
      return new Promise<void>((resolve) => (finishClose = resolve));
    });

    const first = navigationEvent('');
    app.emit('will-quit', first);
    const second = navigationEvent('');
    app.emit('will-quit', second);
    expect([first.defaultPrevented, second.defaultPrevented, closes, app.exits]).toEqual([true, true, 1, []]);

    finishClose();
    expect(await app.exited).toBe(0);
    expect(app.exits).toEqual([0]);
  });

  it('exits with 1 when the core cannot close', async () => {
    const app = new FakeApp();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    closeBeforeQuit(app, () => Promise.reject(new Error('database is locked')));
    app.emit('will-quit', navigationEvent(''));
    expect(await app.exited).toBe(1);
    expect(String(error.mock.calls[0]?.[1])).toMatch(/database is locked/);
    error.mockRestore();
  });
});

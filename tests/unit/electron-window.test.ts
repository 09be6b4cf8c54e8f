// The main window's options and factory, with a fake BrowserWindow class.
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, mainWindowOptions } from '../../electron/electron-host/window-options.ts';
import { FakeEmitter, FakeWebContents, navigationEvent, recordingLog } from './electron-fakes.ts';

class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  readonly options: BrowserWindowConstructorOptions;
  shown = false;

  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
  }

  show(): void {
    this.shown = true;
  }
}

describe('main window options', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');

  it('turns on every isolation and turns off every escape hatch', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('starts hidden on a dark background, titled Revier, with a usable minimum size', () => {
    expect(options).toMatchObject({ show: false, title: 'Revier', backgroundColor: '#14171c' });
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
  });

  it('allows developer tools only when asked to', () => {
    expect(mainWindowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('builds the window from the options, shows it once painted and guards its navigation', () => {
    const { log, entries } = recordingLog();
    const window = createMainWindow(FakeBrowserWindow, { preloadPath: '/p/preload.cjs', log });

    expect(window.options).toEqual(mainWindowOptions('/p/preload.cjs'));
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);

    const attempt = navigationEvent('https://example.org/');
    window.webContents.emit('will-navigate', attempt);
    expect(attempt.defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(entries.map((entry) => entry.event)).toEqual(['navigation prevented', 'new window denied']);
  });
});

// The one window: sandboxed, context-isolated, no Node, no webview, shown only once painted.
import type { BrowserWindowConstructorOptions } from 'electron';
import { guardNavigation, type NavigableContents } from './navigation-guard.ts';
import type { SecurityLog } from './security-log.ts';

export function mainWindowOptions(preloadPath: string, { devTools = false } = {}): BrowserWindowConstructorOptions {
  return {
    title: 'Revier',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    backgroundColor: '#14171c',
    webPreferences: {
      preload: preloadPath,
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
      devTools,
    },
  };
}

/** The part of Electron's BrowserWindow the factory uses. */
export interface MainWindow {
  readonly webContents: NavigableContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export function createMainWindow<W extends MainWindow>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  options: { preloadPath: string; log: SecurityLog; devTools?: boolean },
): W {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, { devTools: options.devTools ?? false }));
  guardNavigation(window.webContents, options.log);
  window.once('ready-to-show', () => window.show());
  return window;
}

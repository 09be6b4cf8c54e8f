// The Electron host: wires the hardened window, the privileged schemes and the contract to the
// core. Kept thin on purpose; every rule lives in a module of electron-host/ with its own tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { appVersion } from './app-root.ts';
import { openCore } from './core/core.ts';
import { scheduleRetention } from './core/governance/retention/retention-schedule.ts';
import { systemActor } from './core/governance/system-actor.ts';
import { resolveDataFolder } from './core/data-folder.ts';
import { createHandlers } from './core/handlers.ts';
import { watchStationDrive } from './core/library/library-watch.ts';
import { createMediaHandler } from './core/media/media-handler.ts';
import { appEntryUrl } from './electron-host/app-origin.ts';
import { closeBeforeQuit } from './electron-host/close-on-quit.ts';
import { dataFolderArgument } from './electron-host/command-line.ts';
import { bindContract } from './electron-host/ipc-binding.ts';
import { guardNavigation } from './electron-host/navigation-guard.ts';
import { blockNetwork, electronOfflineFacts, enforceContentSecurityPolicy } from './electron-host/network-guard.ts';
import { denyPermissions } from './electron-host/permission-guard.ts';
import { handleSchemes, registerPrivilegedSchemes } from './electron-host/schemes.ts';
import { consoleSecurityLog as log } from './electron-host/security-log.ts';
import { createMainWindow } from './electron-host/window-options.ts';

const preloadPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
const dataFolder = resolveDataFolder(dataFolderArgument(process.argv));
let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  // Packaged, no menu: Electron's default one reloads, opens developer tools and links online.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  denyPermissions(session.defaultSession, log);
  blockNetwork(session.defaultSession, log);
  enforceContentSecurityPolicy(session.defaultSession);

  const core = await openCore({
    host: 'electron',
    version: appVersion,
    dataFolder,
    offline: electronOfflineFacts,
    ...(app.isPackaged ? { bundledToolsDir: path.join(process.resourcesPath, 'ffmpeg') } : {}),
  });
  // Before any window exists: footage is served only for tokens of this core's player.
  handleSchemes(protocol, createMediaHandler((token) => core.player.resolveMedia(token)));
  const window = createMainWindow(BrowserWindow, { preloadPath, log, devTools: !app.isPackaged });
  mainWindow = window;
  const unbind = bindContract({ ipcMain, core, handlers: createHandlers(core), window, log });
  const stopWatch = watchStationDrive(core, core.scans, systemActor('scan'));
  const stopRetention = scheduleRetention(core.retention);
  closeBeforeQuit(app, async () => {
    stopWatch();
    await stopRetention();
    unbind();
    await core.close();
  });
  await window.loadURL(appEntryUrl);
}

// Chromium's profile lives in the station's data folder, so each data folder is one instance.
app.setPath('userData', path.join(dataFolder, 'chromium'));
app.enableSandbox();
registerPrivilegedSchemes(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, log));
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Revier', `Revier konnte nicht starten / could not start:\n${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });
}

// The sandboxed preload: exposes the contract as `window.revier` and nothing else. Bundled into
// one CommonJS file (build/vite.preload.config.ts), since a sandboxed preload can only require
// 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge, ipcRendererChannels } from './electron-host/preload-bridge.ts';

const { invoke, on } = ipcRendererChannels(ipcRenderer);
contextBridge.exposeInMainWorld('revier', createPreloadBridge(invoke, on));

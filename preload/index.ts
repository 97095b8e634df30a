// The sandboxed preload: exposes exactly the contract's methods and nothing of Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './build-api';

contextBridge.exposeInMainWorld('lifeboat', buildApi(ipcRenderer));

import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('lifeboat', Object.freeze({}));

// The one window factory, with every webPreferences item of the Electron security
// checklist set explicitly (defaults change between versions; explicit values do not).
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY } from './electron/app-protocol';
import { hardenWebContents } from './electron/harden';

export interface MainWindowConfig {
  preloadPath: string;
  /** Only in development builds; a packaged app never opens DevTools. */
  devTools: boolean;
}

export function mainWindowOptions(config: MainWindowConfig): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 780,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Lifeboat',
    autoHideMenuBar: true,
    webPreferences: {
      preload: config.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      enableWebSQL: false,
      devTools: config.devTools,
    },
  };
}

export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(config));
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

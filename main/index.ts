// Electron entry: kept thin so that everything behind it runs and is tested in plain Node.
// The order matters: the sandbox and the app:// scheme must be set before the app is ready,
// and nothing is loaded into a window before the session and IPC are locked down.
import { app, ipcMain, safeStorage, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { hardenApp, hardenSession } from './electron/harden';
import { registerIpc, sendEventsTo } from './electron/ipc';
import { externalOpener } from './electron/open-external';
import { safeStorageBox } from './electron/safe-storage-box';
import { registerAppScheme, serveRenderer } from './electron/serve-renderer';
import { createServices, type Services } from './services';
import { createMainWindow } from './window';

app.enableSandbox();
registerAppScheme();
// `npm run demo` points a development build at its throwaway data folder; a packaged app
// always keeps its own.
const demoDataDir = process.env.LIFEBOAT_DATA_DIR;
if (!app.isPackaged && demoDataDir) app.setPath('userData', demoDataDir);

let window: BrowserWindow | undefined;
let services: Services | undefined;

async function start(): Promise<void> {
  const devTools = !app.isPackaged;
  hardenSession(session.defaultSession, { devTools });
  serveRenderer(path.join(__dirname, '../renderer'));
  const started = await createServices({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    version: app.getVersion(),
    secretBox: safeStorageBox(safeStorage),
    openExternal: externalOpener(shell),
    onUnexpected: (channel, error) => console.error(`Unexpected failure on ${channel}:`, error),
  });
  services = started;
  registerIpc(ipcMain, started.dispatcher);
  const opened = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    devTools,
  });
  window = opened;
  const disconnect = started.events.connect(sendEventsTo(opened.webContents));
  opened.on('closed', () => {
    disconnect();
    window = undefined;
  });
  await started.start();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenApp(app);
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Releases the cards (so no verified PIN stays behind) and wipes held secrets first.
  app.on('will-quit', (event) => {
    const running = services;
    if (!running) return;
    services = undefined;
    event.preventDefault();
    void running.stop().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Lifeboat could not start:', error);
      app.exit(1);
    });
}

// Electron entry: kept thin so that everything behind it runs and is tested in plain Node.
import { app } from 'electron';
import { createMainWindow } from './window';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => createMainWindow());
  app.on('window-all-closed', () => app.quit());
}

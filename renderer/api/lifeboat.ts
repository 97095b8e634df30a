// The console's only way into main. A function rather than a module-level constant so nothing
// captures the object before the preload (or the browser harness bridge) has defined it.
import type { LifeboatApi } from '../../preload/api';

export function lifeboat(): LifeboatApi {
  return window.lifeboat;
}

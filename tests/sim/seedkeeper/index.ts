// The simulated Seedkeeper (applet 0.2-0.1) for tests and the demo. It is an independent
// model written from the applet source (SeedKeeper.java); it never imports the driver in
// main/cards/seedkeeper, so the two check each other.
export { TEST_TOPORIN_CA, type CertificateKind, type TestToporinCa } from '../toporin/certificates';
export type { ToporinFaults } from '../toporin/faults';
export { simulatorChannel, insertIntoReader, type InsertedCard } from '../toporin/reader-shells';
export { SECRET_TYPE } from './secret-store';
export {
  SEEDKEEPER_AID,
  SimulatedSeedkeeper,
  type SecretToStore,
  type SeedkeeperSetup,
  type SimulatedSeedkeeperOptions,
  type SimulatedSeedkeeperState,
} from './simulated-seedkeeper';

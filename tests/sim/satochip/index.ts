// The simulated Satochip (applet 0.12-0.6) for tests and the demo. It is an independent
// model written from the applet source (CardEdge.java); it never imports the driver in
// main/cards/satochip, so the two check each other.
export { TEST_TOPORIN_CA, type CertificateKind, type TestToporinCa } from '../toporin/certificates';
export type { ToporinFaults } from '../toporin/faults';
export { simulatorChannel, insertIntoReader, type InsertedCard } from '../toporin/reader-shells';
export {
  SATOCHIP_AID,
  SimulatedSatochip,
  type SatochipSetup,
  type SimulatedSatochipOptions,
  type SimulatedSatochipState,
} from './simulated-satochip';

// The simulated Status Keycard (3.1/3.2 applet) for tests and the demo. It is an
// independent model written from the protocol digest and the applet source; it never
// imports the driver in main/cards/keycard, so the two check each other.
export { TEST_CA, type CertificateKind } from './identity';
export type { Exchange, Faults } from './faults';
export type { AppletVersion } from './keycard-applet';
export {
  SimulatedKeycard,
  pairingSecretFor,
  type CardSetup,
  type SimulatedKeycardOptions,
  type SimulatedKeycardState,
} from './simulated-keycard';
export { simulatorChannel } from './simulator-channel';
export { insertIntoReader, type InsertedCard } from './vpcd-insertion';

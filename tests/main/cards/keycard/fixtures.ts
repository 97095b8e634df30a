// Shared set-up for the driver tests over the in-process simulated card.
import { mnemonicToSeedSync } from '@scure/bip39';
import type { CardChannel } from '../../../../main/cards/channel';
import {
  DEFAULT_PAIRING_PASSWORD,
  pairingSecretFromPassword,
} from '../../../../main/cards/keycard/pairing';
import { KeycardSession } from '../../../../main/cards/keycard/session';
import {
  SimulatedKeycard,
  simulatorChannel,
  type CardSetup,
  type SimulatedKeycardOptions,
} from '../../../sim/keycard';

export const PIN = '246810';
export const PUK = '135791357913';
export const DURESS_PIN = '864200';
export const PAIRING_PASSWORD = 'correct horse battery';

/** The applet's KeycardTest mnemonicTest phrase (protocol digest §11.6). */
export const APPLET_MNEMONIC =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
export const APPLET_SEED = () => mnemonicToSeedSync(APPLET_MNEMONIC);

export const SETUP: CardSetup = {
  pin: PIN,
  puk: PUK,
  duressPin: DURESS_PIN,
  pairingPassword: DEFAULT_PAIRING_PASSWORD,
};

/** Every command the driver sent and every answer it got, in order. */
export interface Recorded {
  channel: CardChannel;
  /** Copies of the commands as they were sent. */
  commands: Uint8Array[];
  /** The driver's own command buffers, to check that it wiped them after sending. */
  buffers: Uint8Array[];
  answers: Uint8Array[];
}

export function recording(inner: CardChannel): Recorded {
  const commands: Uint8Array[] = [];
  const buffers: Uint8Array[] = [];
  const answers: Uint8Array[] = [];
  const channel: CardChannel = {
    reader: inner.reader,
    atr: inner.atr,
    get closed() {
      return inner.closed;
    },
    close: () => inner.close(),
    async transmit(apdu, options) {
      commands.push(apdu.slice());
      buffers.push(apdu);
      const answer = await inner.transmit(apdu.slice(), options);
      answers.push(answer);
      return answer;
    },
  };
  return { channel, commands, buffers, answers };
}

export async function selected(card: SimulatedKeycard): Promise<KeycardSession> {
  return KeycardSession.select(simulatorChannel(card));
}

/** A session with the secure channel open on an initialised card paired with the default password. */
export async function opened(
  setup: Partial<CardSetup> = {},
  options: SimulatedKeycardOptions = {},
): Promise<{ card: SimulatedKeycard; session: KeycardSession; recorded: Recorded }> {
  const card = SimulatedKeycard.initialized({ ...SETUP, ...setup }, options);
  const recorded = recording(simulatorChannel(card));
  const session = await KeycardSession.select(recorded.channel);
  const secret = await pairingSecretFromPassword(setup.pairingPassword ?? DEFAULT_PAIRING_PASSWORD);
  await session.openSecureChannel(await session.pair(secret));
  return { card, session, recorded };
}

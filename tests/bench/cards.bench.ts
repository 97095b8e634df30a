// "Unlock and list 20 addresses" per card family, through the family seam as the console
// does it: SELECT (the registry tries each family's applet), the secure channel (the stored
// pairing on a Keycard), the tries left before the PIN, VERIFY PIN, then the addresses — one
// extended public key export and 20 children derived here on a wallet card; on a backup card
// (Seedkeeper) the list of what it keeps, the phrase read out and its BIP-39 seed derived
// here. Prints the APDUs on the wire (a Toporin card wraps its commands in one INS, 0x82) and
// the host-side time, i.e. with the simulated card's own time taken out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveAddresses } from '../../main/cards/addresses';
import type { CardChannel } from '../../main/cards/channel';
import { cardDrivers } from '../../main/cards/drivers';
import { FamilyRegistry, type CardFamily, type CardSession } from '../../main/cards/family';
import { keyFileSecretBox } from '../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../main/cards/keycard/pairing-store';
import { encodeSecret } from '../../main/cards/seedkeeper/secret-layouts';
import { bip39Seed } from '../../main/secrets/bip39';
import { deriveAccounts } from '../../main/secrets/derivation';
import { SimulatedKeycard, simulatorChannel as keycardChannel } from '../sim/keycard';
import { SimulatedSatochip, simulatorChannel as toporinChannel } from '../sim/satochip';
import { SimulatedSeedkeeper } from '../sim/seedkeeper';

export const title = 'Cards: unlock and list 20 addresses, per family (host-side time, median)';

const PIN = '123987';
const PUK = '123987123987';
const MNEMONIC =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
const RUNS = 51;
const WARM_UP = 3;

const KEYCARD_NAMES: Record<number, string> = {
  0xa4: 'SELECT',
  0x10: 'OPEN SECURE CHANNEL',
  0x11: 'MUTUALLY AUTHENTICATE',
  0xf2: 'GET STATUS',
  0x20: 'VERIFY PIN',
  0xc2: 'EXPORT KEY',
};
const KEYCARD_WRAPPED = new Set([0x11, 0xf2, 0x20, 0xc2]);

const TOPORIN_NAMES: Record<number, string> = {
  0xa4: 'SELECT (the families before it are tried first)',
  0x3c: 'GET STATUS',
  0x81: 'OPEN SECURE CHANNEL',
  0x82: 'SECURE CHANNEL (wrapped command)',
};
const TOPORIN_WRAPPED = new Set([0x82]);

interface Family {
  family: CardFamily;
  channel: () => CardChannel;
  names: Record<number, string>;
  wrapped: ReadonlySet<number>;
  /** What is listed once unlocked; resolves to the number of addresses. */
  list: (session: CardSession) => Promise<number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The simulated card's channel, with the APDUs sent and the card's own time counted apart. */
function timed(inner: CardChannel) {
  const sent: number[] = [];
  let cardMs = 0;
  const channel: CardChannel = {
    reader: inner.reader,
    atr: inner.atr,
    get closed() {
      return inner.closed;
    },
    close: () => inner.close(),
    async transmit(apdu) {
      sent.push(apdu[1]!);
      const start = performance.now();
      const answer = await inner.transmit(apdu);
      cardMs += performance.now() - start;
      return answer;
    },
  };
  return { channel, sent, cardMs: () => cardMs };
}

async function walletAddresses(session: CardSession): Promise<number> {
  if (!session.keys) throw new Error(`a ${session.family} has no wallet keys`);
  return (await deriveAddresses(session.keys, 'bip44', { count: 20 })).length;
}

async function backupAddresses(session: CardSession): Promise<number> {
  const backups = session.backupSecrets;
  if (!backups) throw new Error(`a ${session.family} keeps no backups`);
  const [header] = await backups.list();
  const secret = await backups.read(header!.id);
  if (secret.kind !== 'bip39') throw new Error('the bench card keeps a phrase');
  const text = new TextDecoder();
  const seed = await bip39Seed(text.decode(secret.phrase), text.decode(secret.passphrase));
  try {
    return deriveAccounts(seed, 'bip44', 0, 20).length;
  } finally {
    seed.fill(0);
  }
}

async function families(): Promise<Family[]> {
  const keycard = SimulatedKeycard.initialized({
    pin: PIN,
    puk: PUK,
    duressPin: '000999',
    pairingPassword: 'KeycardDefaultPairing',
    mnemonic: MNEMONIC,
  });
  const satochip = SimulatedSatochip.initialized({ pin: PIN, puk: PUK, mnemonic: MNEMONIC });
  const phrase = await encodeSecret({ kind: 'bip39', phrase: MNEMONIC, passphrase: '' });
  const seedkeeper = SimulatedSeedkeeper.initialized({
    pin: PIN,
    puk: PUK,
    secrets: [{ label: 'Bench', type: phrase.type, subtype: phrase.subtype, data: phrase.bytes }],
  });
  return [
    {
      family: 'keycard',
      channel: () => keycardChannel(keycard),
      names: KEYCARD_NAMES,
      wrapped: KEYCARD_WRAPPED,
      list: walletAddresses,
    },
    {
      family: 'satochip',
      channel: () => toporinChannel(satochip),
      names: TOPORIN_NAMES,
      wrapped: TOPORIN_WRAPPED,
      list: walletAddresses,
    },
    {
      family: 'seedkeeper',
      channel: () => toporinChannel(seedkeeper),
      names: TOPORIN_NAMES,
      wrapped: TOPORIN_WRAPPED,
      list: backupAddresses,
    },
  ];
}

async function bench(registry: FamilyRegistry, card: Family): Promise<void> {
  const flow: number[] = [];
  const verify: number[] = [];
  const list: number[] = [];
  let sent: number[] = [];
  for (let i = 0; i < RUNS + WARM_UP; i += 1) {
    const probe = timed(card.channel());
    /** Wall time of `step` minus the card's own time in it. */
    const host = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
      const cardBefore = probe.cardMs();
      const start = performance.now();
      const value = await step();
      return [value, performance.now() - start - (probe.cardMs() - cardBefore)];
    };
    const [, total] = await host(async () => {
      const session = await registry.open(probe.channel);
      if (session.family !== card.family) throw new Error(`SELECT found a ${session.family}`);
      await session.connect();
      const [, verifyMs] = await host(() => session.verifyPin(PIN));
      const [count, listMs] = await host(() => card.list(session));
      await session.close();
      if (count !== 20) throw new Error('the flow did not list 20 addresses');
      verify.push(verifyMs);
      list.push(listMs);
    });
    flow.push(total);
    sent = probe.sent;
  }
  // The first runs warm up the JIT.
  for (const figures of [flow, verify, list]) figures.splice(0, WARM_UP);

  const counts = new Map<number, number>();
  for (const ins of sent) counts.set(ins, (counts.get(ins) ?? 0) + 1);
  console.log(`\n  ${card.family}: APDUs per flow: ${sent.length}`);
  for (const [ins, n] of counts) console.log(`    ${n} × ${card.names[ins] ?? ins.toString(16)}`);
  console.log(`    wrapped APDUs per flow: ${sent.filter((ins) => card.wrapped.has(ins)).length}`);
  const what = card.family === 'seedkeeper' ? 'list, read the phrase, BIP-39 + 20' : 'export + 20';
  console.log(`    host-side time per flow:         ${median(flow).toFixed(2)} ms`);
  console.log(`    of which VERIFY PIN:             ${median(verify).toFixed(2)} ms`);
  console.log(`    of which ${what} addresses: ${median(list).toFixed(2)} ms`);
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-'));
  try {
    const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
    const registry = new FamilyRegistry(cardDrivers({ pairings, trustedCaKeys: () => [] }));
    const cards = await families();
    // Pair the Keycard once, as a first visit would; the measured flow reuses the pairing.
    const first = await registry.open(cards[0]!.channel());
    await first.connect();
    await first.close();
    for (const card of cards) await bench(registry, card);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// "Unlock and list 20 addresses" on a paired Keycard, as the console does it: SELECT, the
// stored pairing (OPEN SECURE CHANNEL + MUTUALLY AUTHENTICATE), GET STATUS before the PIN,
// VERIFY PIN, one extended public key export, 20 children derived here. Prints the APDUs
// the flow sends and the host-side time, i.e. with the simulated card's own time taken out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CardChannel } from '../../main/cards/channel';
import { deriveAddresses } from '../../main/cards/addresses';
import { secureKeycard } from '../../main/cards/keycard/connect';
import { keyFileSecretBox } from '../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../main/cards/keycard/pairing-store';
import { KeycardSession } from '../../main/cards/keycard/session';
import { SimulatedKeycard, simulatorChannel } from '../sim/keycard';

export const title = 'Keycard: unlock and list 20 addresses (host-side time, median)';

const PIN = '123987';
const MNEMONIC =
  'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will';
const RUNS = 51;
const WRAPPED = new Set([0x11, 0xf2, 0x20, 0xc2]);
const NAMES: Record<number, string> = {
  0xa4: 'SELECT',
  0x10: 'OPEN SECURE CHANNEL',
  0x11: 'MUTUALLY AUTHENTICATE',
  0xf2: 'GET STATUS',
  0x20: 'VERIFY PIN',
  0xc2: 'EXPORT KEY',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The simulated card, with the time it spends answering counted apart. */
function timed(card: SimulatedKeycard) {
  const inner = simulatorChannel(card);
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

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-bench-'));
  try {
    const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
    const card = SimulatedKeycard.initialized({
      pin: PIN,
      puk: '123987123987',
      duressPin: '000999',
      pairingPassword: 'KeycardDefaultPairing',
      mnemonic: MNEMONIC,
    });
    // Pair once, as a first visit would; the measured flow then reuses the stored pairing.
    const first = await KeycardSession.select(simulatorChannel(card));
    await secureKeycard(first, { pairings });
    await first.close();

    const flow: number[] = [];
    const verify: number[] = [];
    const derive: number[] = [];
    let sent: number[] = [];
    for (let i = 0; i < RUNS + 3; i += 1) {
      const probe = timed(card);
      /** Wall time of `step` minus the card's own time in it. */
      const host = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
        const cardBefore = probe.cardMs();
        const start = performance.now();
        const value = await step();
        return [value, performance.now() - start - (probe.cardMs() - cardBefore)];
      };
      const [, total] = await host(async () => {
        const session = await KeycardSession.select(probe.channel);
        await secureKeycard(session, { pairings });
        const [, verifyMs] = await host(() => session.verifyPin(PIN));
        const [addresses, deriveMs] = await host(() =>
          deriveAddresses(session, 'bip44', { count: 20 }),
        );
        await session.close();
        if (addresses.length !== 20) throw new Error('the flow did not list 20 addresses');
        verify.push(verifyMs);
        derive.push(deriveMs);
      });
      flow.push(total);
      sent = probe.sent;
    }
    // The first runs warm up the JIT.
    for (const list of [flow, verify, derive]) list.splice(0, 3);

    const counts = new Map<number, number>();
    for (const ins of sent) counts.set(ins, (counts.get(ins) ?? 0) + 1);
    console.log(`  APDUs per flow: ${sent.length}`);
    for (const [ins, n] of counts) console.log(`    ${n} × ${NAMES[ins] ?? ins.toString(16)}`);
    const repeated = [0xa4, 0xf2].filter((ins) => (counts.get(ins) ?? 0) > 1);
    console.log(
      `  repeated SELECT or GET STATUS: ${repeated.length === 0 ? 'none' : repeated.map((i) => NAMES[i]).join(', ')}`,
    );
    console.log(`  wrapped APDUs per flow: ${sent.filter((ins) => WRAPPED.has(ins)).length}`);
    console.log(`  host-side time per flow:                   ${median(flow).toFixed(2)} ms`);
    console.log(`  host-side time per wrapped APDU (VERIFY):  ${median(verify).toFixed(2)} ms`);
    console.log(`  EXPORT KEY + 20 local derivations:         ${median(derive).toFixed(2)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

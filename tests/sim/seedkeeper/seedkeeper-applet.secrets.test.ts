// The Seedkeeper's secrets from the host's side: the layouts Lifeboat stores (a BIP-39
// masterseed with its phrase entropy and passphrase, a BIP-39 mnemonic, SLIP-39 shares as
// data), listing, export rights and counters, erasing, generating, the lock that holds a
// multi-APDU import together — and what the applet does when that goes wrong.
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { mnemonicToEntropy, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import {
  SEEDKEEPER,
  ascii,
  cmd,
  connect,
  hex,
  u16,
  verifies,
  type Channel,
} from '../toporin/raw-client';
import { SimulatedSeedkeeper, SECRET_TYPE } from './index';
import { exportSecret, importSecret, listSecrets, type SecretInput } from './raw-secrets';

const PIN = '1357';
const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const PASSPHRASE = 'TREZOR';

/** Masterseed subtype 0x01 ("BIP-39 v2"): [size | seed | wordlist | size | entropy | size | passphrase]. */
function masterseedV2(mnemonic: string, passphrase: string): Uint8Array {
  const seed = mnemonicToSeedSync(mnemonic, passphrase);
  const entropy = mnemonicToEntropy(mnemonic, wordlist);
  const pass = ascii(passphrase);
  return concatBytes(
    Uint8Array.of(seed.length),
    seed,
    Uint8Array.of(0x00, entropy.length),
    entropy,
    Uint8Array.of(pass.length),
    pass,
  );
}

/** BIP-39 mnemonic (0x30): [size | mnemonic | size | passphrase]. */
function bip39Mnemonic(mnemonic: string, passphrase: string): Uint8Array {
  const words = ascii(mnemonic);
  const pass = ascii(passphrase);
  return concatBytes(Uint8Array.of(words.length), words, Uint8Array.of(pass.length), pass);
}

/** Data (0xC0): [format | size(2) | bytes]. */
function data(text: string): Uint8Array {
  const bytes = ascii(text);
  return concatBytes(Uint8Array.of(0, bytes.length >> 8, bytes.length & 0xff), bytes);
}

// Share-shaped phrases: the card stores them as opaque data and never reads them.
const SHARES = [
  'duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard',
  'duckling enlarge academic acid acrobat romp change injury painting safari drug browser trash fridge busy finger standard angry similar overall',
  'duckling enlarge academic always ability survive trend hesitate pleasure evoke domestic lobe task sled laser drink ladder exclude acne gasoline',
];

async function unlocked(card: SimulatedSeedkeeper): Promise<Channel> {
  const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
  expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
  return channel;
}

function emptyCard(memorySize?: number): SimulatedSeedkeeper {
  return SimulatedSeedkeeper.initialized({ pin: PIN, puk: '24682468' }, { memorySize });
}

describe('Seedkeeper secrets', () => {
  it('stores, lists and gives back a masterseed (subtype 01), a mnemonic and three shares', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const inputs: SecretInput[] = [
      {
        type: SECRET_TYPE.MASTER_SEED,
        subtype: 0x01,
        label: 'Main wallet',
        data: masterseedV2(MNEMONIC, PASSPHRASE),
      },
      {
        type: SECRET_TYPE.BIP39_MNEMONIC,
        label: 'Old phrase',
        data: bip39Mnemonic(MNEMONIC, PASSPHRASE),
      },
      ...SHARES.map((share, i) => ({
        type: SECRET_TYPE.DATA,
        label: `slip39 share ${i + 1}`,
        data: data(share),
      })),
    ];
    const stored = [];
    for (const input of inputs) {
      const result = await importSecret(channel, input);
      expect(result.sw).toBe(0x9000);
      // The fingerprint is SHA-256 of the data as sent, first 4 bytes.
      expect(result.fingerprint).toBe(hex(sha256(input.data)).slice(0, 8));
      stored.push(result);
    }
    expect(stored.map((s) => s.id)).toEqual([0, 1, 2, 3, 4]);

    const { headers, end } = await listSecrets(channel);
    expect(end).toBe(0x9c12);
    // Newest first: the applet keeps its secrets as a list with new ones at the head.
    expect(headers.map((h) => h.id)).toEqual([4, 3, 2, 1, 0]);
    const main = headers.find((h) => h.id === 0)!;
    expect(main).toMatchObject({
      type: 0x10,
      subtype: 0x01,
      origin: 0x01,
      exportRights: 0x01,
      exportsPlain: 0,
      label: 'Main wallet',
      fingerprint: stored[0]!.fingerprint,
    });

    const authentikey = hexToBytes(card.state.authentikey);
    for (const [i, input] of inputs.entries()) {
      const exported = await exportSecret(channel, i);
      expect(exported.sw).toBe(0x9000);
      expect(hex(exported.data!)).toBe(hex(input.data));
      expect(exported.header).toMatchObject({ id: i, label: input.label, exportsPlain: 1 });
      expect(
        verifies(
          exported.signature!,
          concatBytes(exported.header!.bytes, exported.data!),
          authentikey,
        ),
      ).toBe(true);
    }
    const masterseed = (await exportSecret(channel, 0)).data!;
    expect(hex(masterseed.subarray(1, 65))).toBe(hex(mnemonicToSeedSync(MNEMONIC, PASSPHRASE)));
    expect(card.state.secrets).toBe(5);
  });

  it('exports a secret longer than one chunk in 128-byte pieces', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const long = randomBytes(300);
    const { id } = await importSecret(channel, {
      type: SECRET_TYPE.DATA,
      label: 'long',
      data: long,
    });
    const init = await channel.command(cmd(0xa2, 1, 1, Uint8Array.of(0, id)));
    expect(init.sw).toBe(0x9000);
    const sizes: number[] = [];
    for (;;) {
      const reply = await channel.command(cmd(0xa2, 1, 2, Uint8Array.of(0, id)));
      sizes.push(u16(reply.data, 0));
      if (reply.data.length > 2 + u16(reply.data, 0)) break;
    }
    // 300 bytes pad to 304: 128 + 128 + the last 48 less their 4 bytes of padding.
    expect(sizes).toEqual([128, 128, 44]);
  });

  it('enforces export rights: never (00) and encrypted only (02) refuse a plain export (9C31)', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    for (const exportRights of [0x00, 0x02, 0x03]) {
      const { id } = await importSecret(channel, {
        type: SECRET_TYPE.DATA,
        exportRights,
        label: `rights ${exportRights}`,
        data: data('secret'),
      });
      expect((await exportSecret(channel, id)).sw).toBe(0x9c31);
    }
    const { headers } = await listSecrets(channel);
    expect(headers.map((h) => [h.exportRights, h.exportsPlain])).toEqual([
      [3, 0],
      [2, 0],
      [0, 0],
    ]);
    // Bits above the mask are dropped on import.
    const { id } = await importSecret(channel, {
      type: 0xc0,
      exportRights: 0xfd,
      label: 'x',
      data: data('y'),
    });
    const exported = await exportSecret(channel, id);
    expect(exported.header?.exportRights).toBe(0x01);
  });

  it('counts every plain export in the header, even one that is not finished', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const { id } = await importSecret(channel, {
      type: SECRET_TYPE.DATA,
      label: 'counted',
      data: data('z'),
    });
    await exportSecret(channel, id);
    await channel.command(cmd(0xa2, 1, 1, Uint8Array.of(0, id)));
    // Anything else breaks the export's lock (9C30) and frees the card.
    expect((await channel.command(cmd(0xa6, 0, 1))).sw).toBe(0x9c30);
    const { headers } = await listSecrets(channel);
    expect(headers[0]).toMatchObject({ id, exportsPlain: 2, exportsSecure: 0 });
  });

  it('erases a secret (A5) and answers 9C08 for one it does not have', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const before = card.state.freeMemory;
    const { id } = await importSecret(channel, {
      type: SECRET_TYPE.DATA,
      label: 'temp',
      data: data('t'),
    });
    expect(card.state.freeMemory).toBeLessThan(before);
    expect((await channel.command(cmd(0xa5, 0, 0, Uint8Array.of(0, id)))).sw).toBe(0x9000);
    expect(card.state.freeMemory).toBe(before);
    expect((await channel.command(cmd(0xa5, 0, 0, Uint8Array.of(0, id)))).sw).toBe(0x9c08);
    expect((await exportSecret(channel, id)).sw).toBe(0x9c08);
    expect((await listSecrets(channel)).headers).toEqual([]);
  });

  it('reports memory and the newest audit-log record (A7)', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    let status = (await channel.command(cmd(0xa7))).data;
    expect([u16(status, 0), u16(status, 2), u16(status, 4)]).toEqual([0, 0x0fff, 0x0fff - 2]);
    const { id } = await importSecret(channel, {
      type: SECRET_TYPE.DATA,
      label: 'a',
      data: data('b'),
    });
    await channel.command(cmd(0xa5, 0, 0, Uint8Array.of(0, 9)));
    status = (await channel.command(cmd(0xa7))).data;
    expect(u16(status, 0)).toBe(1);
    expect(u16(status, 8)).toBe(100);
    // The newest log: RESET SECRET of id 9, refused with 9C08.
    expect(hex(status.subarray(10, 17))).toBe('a50009ffff9c08');
    expect(id).toBe(0);
  });

  it('generates a masterseed and a random secret on the card, with their fingerprints', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const label = ascii('card seed');
    const generated = await channel.command(
      cmd(0xa0, 32, 0x01, Uint8Array.of(label.length, ...label)),
    );
    expect(generated.sw).toBe(0x9000);
    const exported = await exportSecret(channel, u16(generated.data, 0));
    expect(exported.data!.length).toBe(33);
    expect(exported.data![0]).toBe(32);
    expect(hex(sha256(exported.data!)).slice(0, 8)).toBe(hex(generated.data.subarray(2, 6)));
    expect(exported.header).toMatchObject({ type: 0x10, origin: 0x03, label: 'card seed' });

    // 0xA3 with "save entropy": the secret, and the entropy that made it as a second one.
    const entropy = randomBytes(16);
    const body = concatBytes(
      Uint8Array.of(0x91, 0x00, 0x01, 2),
      ascii('pw'),
      Uint8Array.of(16),
      entropy,
    );
    const random = await channel.command(cmd(0xa3, 32, 0x01, body));
    expect(random.sw).toBe(0x9000);
    expect(random.data.length).toBe(12);
    const secret = (await exportSecret(channel, u16(random.data, 0))).data!;
    const saved = await exportSecret(channel, u16(random.data, 6));
    expect(saved.header).toMatchObject({ type: 0x80, subtype: 0x10, label: 'entropy' });
    const kept = saved.data!;
    expect(kept[0]).toBe(48);
    expect(hex(kept.subarray(1, 17))).toBe(hex(entropy));
    // The secret is SHA-512(host entropy ‖ card entropy), cut to 32 bytes.
    expect(hex(secret.subarray(1))).toBe(hex(sha512(kept.subarray(1)).subarray(0, 32)));
    expect((await channel.command(cmd(0xa3, 32, 1, Uint8Array.of(0x30, 0, 0, 0, 0)))).sw).toBe(
      0x9c38,
    );
    expect((await channel.command(cmd(0xa0, 15, 1, Uint8Array.of(0)))).sw).toBe(0x9c10);
  });

  it('answers 9C01 when the memory is full', async () => {
    const card = emptyCard(256);
    const channel = await unlocked(card);
    const first = await importSecret(channel, {
      type: 0xc0,
      label: 'fits',
      data: randomBytes(150),
    });
    expect(first.sw).toBe(0x9000);
    expect(
      (await importSecret(channel, { type: 0xc0, label: 'too much', data: randomBytes(150) })).sw,
    ).toBe(0x9c01);
  });

  it('holds an import together: any other command breaks it (9C30) and leaves the half secret', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const init = cmd(
      0xa1,
      1,
      1,
      concatBytes(
        Uint8Array.of(0xc0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x68),
        Uint8Array.of(0, 32),
      ),
    );
    expect((await channel.command(init)).sw).toBe(0x9000);
    expect((await channel.command(cmd(0xa6, 0, 1))).sw).toBe(0x9c30);
    // The object INIT reserved stays, zeroed, with a zero fingerprint.
    const { headers } = await listSecrets(channel);
    expect(headers).toHaveLength(1);
    expect(headers[0]).toMatchObject({ label: 'h', fingerprint: '00000000' });
    expect((await channel.command(cmd(0xa1, 1, 2, Uint8Array.of(0, 1, 9)))).sw).toBe(0x9c30);
  });

  it('keeps the lock across a power cycle: VERIFY PIN is refused once with 9C30', async () => {
    const card = emptyCard();
    let channel = await unlocked(card);
    const init = cmd(
      0xa1,
      1,
      1,
      concatBytes(Uint8Array.of(0xc0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Uint8Array.of(0, 16)),
    );
    await channel.command(init);
    card.reset();
    channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9c30);
    expect((await channel.command(cmd(0x42, 0, 0, ascii(PIN)))).sw).toBe(0x9000);
  });

  it('erases the last imported secret when a stray IMPORT PROCESS arrives after it', async () => {
    const card = emptyCard();
    const channel = await unlocked(card);
    const kept = await importSecret(channel, { type: 0xc0, label: 'kept', data: data('one') });
    const lost = await importSecret(channel, { type: 0xc0, label: 'lost', data: data('two') });
    // No import is running, so the applet fails the lock check with destroy = true, on the
    // lock id the finished import left behind.
    expect((await channel.command(cmd(0xa1, 1, 2, Uint8Array.of(0, 0)))).sw).toBe(0x9c30);
    expect((await exportSecret(channel, lost.id)).sw).toBe(0x9c08);
    expect((await exportSecret(channel, kept.id)).sw).toBe(0x9000);
  });

  it('lets an import that announces too little room overwrite the secret stored before it', async () => {
    const card = emptyCard(600);
    const channel = await unlocked(card);
    const victim = await importSecret(channel, {
      type: 0x10,
      label: 'seed',
      data: randomBytes(65),
    });
    // Secret size -10: the object is smaller than its own header, which then runs into the
    // block allocated just above it — the victim's header.
    const init = cmd(
      0xa1,
      1,
      1,
      concatBytes(
        Uint8Array.of(0xc0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
        ascii('AA'),
        Uint8Array.of(0xff, 0xf6),
      ),
    );
    expect((await channel.command(init)).sw).toBe(0x9000);
    expect((await channel.command(cmd(0xa1, 1, 3, Uint8Array.of(0, 1, 9)))).sw).toBe(0x9c32);
    expect((await exportSecret(channel, victim.id)).sw).toBe(0x9c08);
    const { headers } = await listSecrets(channel);
    expect(headers.map((h) => h.label)).toEqual(['seed']);
    expect(headers[0]!.id).not.toBe(victim.id);
  });

  it('refuses secret commands without the PIN (9C06) and bad P1/P2', async () => {
    const card = SimulatedSeedkeeper.initialized({
      pin: PIN,
      puk: '24682468',
      secrets: [{ type: 0xc0, label: 'pre-loaded', data: data('x') }],
    });
    const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
    for (const ins of [0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xae]) {
      expect((await channel.command(cmd(ins, 1, 1, Uint8Array.of(0, 0)))).sw).toBe(0x9c06);
    }
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await channel.command(cmd(0xa1, 3, 1, Uint8Array.of(0)))).sw).toBe(0x9c0f);
    expect((await channel.command(cmd(0xa2, 1, 3, Uint8Array.of(0, 0)))).sw).toBe(0x9c11);
    expect((await channel.command(cmd(0xa6, 0, 3))).sw).toBe(0x9c11);
    expect((await listSecrets(channel)).headers[0]?.label).toBe('pre-loaded');
  });
});

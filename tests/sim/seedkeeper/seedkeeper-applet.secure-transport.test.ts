// The Seedkeeper's encrypted export and import (P1 = 02), from the host's side: the secret
// travels AES-CBC encrypted under a key shared (ECDH) between the card's authentikey and a
// public key stored on the card, with an HMAC-SHA1 over the header and ciphertext.
import { cbc } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SEEDKEEPER, ascii, cmd, connect, hex, u16, type Channel } from '../toporin/raw-client';
import { SimulatedSeedkeeper } from './index';
import { exportSecret, importSecret, listSecrets, parseHeader } from './raw-secrets';

const PIN = '7531';

async function unlocked(card: SimulatedSeedkeeper): Promise<Channel> {
  const channel = await connect((apdu) => card.transmit(apdu), SEEDKEEPER);
  await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
  return channel;
}

function transportKeys(hostKey: Uint8Array, authentikey: Uint8Array) {
  const x = secp256k1.getSharedSecret(hostKey, authentikey, true).slice(1);
  return {
    key: hmac(sha1, x, ascii('seckey')).slice(0, 16),
    macKey: hmac(sha1, x, ascii('secmac')),
  };
}

describe('Seedkeeper encrypted transport', () => {
  it('exports under a stored public key and imports the result back', async () => {
    const card = SimulatedSeedkeeper.initialized({ pin: PIN, puk: '75317531' });
    const channel = await unlocked(card);
    const hostKey = secp256k1.utils.randomSecretKey();
    const hostPublic = secp256k1.getPublicKey(hostKey, false);
    const pubkey = await importSecret(channel, {
      type: 0x70,
      label: 'other device',
      data: concatBytes(Uint8Array.of(65), hostPublic),
    });
    const secretData = randomBytes(150);
    const secret = await importSecret(channel, {
      type: 0x10,
      exportRights: 0x02,
      label: 'secure only',
      data: secretData,
    });
    expect((await exportSecret(channel, secret.id)).sw).toBe(0x9c31);

    const ids = Uint8Array.of(0, secret.id, 0, pubkey.id);
    const init = await channel.command(cmd(0xa2, 0x02, 0x01, ids));
    expect(init.sw).toBe(0x9000);
    const header = parseHeader(init.data);
    expect(header).toMatchObject({ exportsSecure: 1, exportsPlain: 0, label: 'secure only' });
    const iv = init.data.slice(header.bytes.length, header.bytes.length + 16);
    const ciphertext: Uint8Array[] = [];
    let mac: Uint8Array | undefined;
    while (!mac) {
      const reply = await channel.command(cmd(0xa2, 0x02, 0x02, ids));
      expect(reply.sw).toBe(0x9000);
      const size = u16(reply.data, 0);
      ciphertext.push(reply.data.slice(2, 2 + size));
      if (reply.data.length > 2 + size)
        mac = reply.data.slice(4 + size, 4 + size + u16(reply.data, 2 + size));
    }
    const encrypted = concatBytes(...ciphertext);
    const keys = transportKeys(hostKey, hexToBytes(card.state.authentikey));
    const digest = sha256(concatBytes(header.bytes.slice(2, 14), encrypted));
    expect(hex(mac)).toBe(hex(hmac(sha1, keys.macKey, digest)));
    expect(hex(cbc(keys.key, iv).decrypt(encrypted))).toBe(hex(secretData));
    const used = (await listSecrets(channel)).headers.find((h) => h.id === pubkey.id)!;
    expect(used.pubkeyUses).toBe(1);

    // The same blob imported back (P1 = 02) is checked and stored as a new secret.
    const importInit = concatBytes(
      header.bytes.slice(2),
      Uint8Array.of(0, pubkey.id),
      iv,
      Uint8Array.of(encrypted.length >> 8, encrypted.length & 0xff),
    );
    expect((await channel.command(cmd(0xa1, 0x02, 0x01, importInit))).sw).toBe(0x9000);
    const first = encrypted.slice(0, 128);
    const rest = encrypted.slice(128);
    const chunk = (bytes: Uint8Array) =>
      concatBytes(Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes);
    expect((await channel.command(cmd(0xa1, 0x02, 0x02, chunk(first)))).sw).toBe(0x9000);
    const final = await channel.command(
      cmd(0xa1, 0x02, 0x03, concatBytes(chunk(rest), Uint8Array.of(20), mac)),
    );
    expect(final.sw).toBe(0x9000);
    const copy = u16(final.data, 0);
    expect(hex(final.data.subarray(2, 6))).toBe(hex(sha256(secretData)).slice(0, 8));
    const { headers } = await listSecrets(channel);
    expect(headers.find((h) => h.id === copy)).toMatchObject({ origin: 0x02, exportRights: 0x02 });
  });

  it('refuses a secret without export rights (9C31) and a public key that is not one (9C38, 9C08)', async () => {
    const card = SimulatedSeedkeeper.initialized({
      pin: PIN,
      puk: '75317531',
      secrets: [
        { type: 0x90, exportRights: 0x00, label: 'never', data: ascii('\u0004pass') },
        {
          type: 0x70,
          label: 'key',
          data: concatBytes(Uint8Array.of(65), secp256k1.getPublicKey(randomBytes(32), false)),
        },
      ],
    });
    const channel = await unlocked(card);
    expect((await channel.command(cmd(0xa2, 0x02, 0x01, Uint8Array.of(0, 0, 0, 1)))).sw).toBe(
      0x9c31,
    );
    expect((await channel.command(cmd(0xa2, 0x02, 0x01, Uint8Array.of(0, 1, 0, 0)))).sw).toBe(
      0x9c38,
    );
    expect((await channel.command(cmd(0xa2, 0x02, 0x01, Uint8Array.of(0, 0, 0, 7)))).sw).toBe(
      0x9c08,
    );
  });

  it('erases the import when its MAC is wrong (9C33)', async () => {
    const card = SimulatedSeedkeeper.initialized({ pin: PIN, puk: '75317531' });
    const channel = await unlocked(card);
    const hostKey = secp256k1.utils.randomSecretKey();
    const pubkey = await importSecret(channel, {
      type: 0x70,
      label: 'peer',
      data: concatBytes(Uint8Array.of(65), secp256k1.getPublicKey(hostKey, false)),
    });
    const keys = transportKeys(hostKey, hexToBytes(card.state.authentikey));
    const iv = randomBytes(16);
    const encrypted = cbc(keys.key, iv).encrypt(ascii('a secret'));
    const header = Uint8Array.of(0xc0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x73);
    const init = concatBytes(header, Uint8Array.of(0, pubkey.id), iv, Uint8Array.of(0, 16));
    expect((await channel.command(cmd(0xa1, 0x02, 0x01, init))).sw).toBe(0x9000);
    const final = concatBytes(
      Uint8Array.of(0, 16),
      encrypted,
      Uint8Array.of(20),
      new Uint8Array(20),
    );
    expect((await channel.command(cmd(0xa1, 0x02, 0x03, final))).sw).toBe(0x9c33);
    expect((await listSecrets(channel)).headers.map((h) => h.label)).toEqual(['peer']);
  });
});

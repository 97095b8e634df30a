// Genuineness as pysatochip checks it (card_verify_authenticity), from the host's side, on
// both families: the card's identity from the card manager, its X.509 certificate exported
// in chunks and checked with Node's OpenSSL against TEST_TOPORIN_CA, and the challenge-
// response. Also the factory personalisation of a card that has no certificate yet.
import { X509Certificate, createHash } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SimulatedSatochip } from '../satochip';
import { SimulatedSeedkeeper } from '../seedkeeper';
import { TEST_TOPORIN_CA, type CertificateKind } from './certificates';
import {
  SATOCHIP,
  SEEDKEEPER,
  apdu,
  ascii,
  cmd,
  connect,
  dataOf,
  hex,
  setupData,
  swOf,
  u16,
  verifies,
  type Channel,
  type Send,
} from './raw-client';

const PIN = '1111';
const FAMILIES = [
  {
    name: 'Satochip',
    aid: SATOCHIP,
    subCa: TEST_TOPORIN_CA.satochip,
    fresh: (withCertificate: CertificateKind) => new SimulatedSatochip({ withCertificate }),
    setUp: (withCertificate: CertificateKind) =>
      SimulatedSatochip.initialized({ pin: PIN, puk: '22222222' }, { withCertificate }),
  },
  {
    name: 'Seedkeeper',
    aid: SEEDKEEPER,
    subCa: TEST_TOPORIN_CA.seedkeeper,
    fresh: (withCertificate: CertificateKind) => new SimulatedSeedkeeper({ withCertificate }),
    setUp: (withCertificate: CertificateKind) =>
      SimulatedSeedkeeper.initialized({ pin: PIN, puk: '22222222' }, { withCertificate }),
  },
] as const;

/** card_export_perso_certificate: INIT for the size, then 128-byte chunks. */
async function exportCertificate(channel: Channel): Promise<Uint8Array> {
  const init = await channel.command(cmd(0x93, 0, 0x01));
  expect(init.sw).toBe(0x9000);
  const size = u16(init.data, 0);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += 128) {
    const length = Math.min(128, size - offset);
    const reply = await channel.command(
      cmd(0x93, 0, 0x02, Uint8Array.of(offset >> 8, offset & 0xff, 0, length)),
    );
    expect(reply.sw).toBe(0x9000);
    chunks.push(reply.data);
  }
  return concatBytes(...chunks);
}

/** The GlobalPlatform identity pysatochip reads right after connecting, before SELECT. */
function uidSha1(send: Send): Promise<string> {
  return (async () => {
    const parts: Uint8Array[] = [];
    for (const [p1, p2] of [
      [0x9f, 0x7f],
      [0x00, 0x42],
      [0x00, 0x45],
    ] as const) {
      parts.push(dataOf(await send(apdu(0x80, 0xca, p1, p2))));
    }
    return createHash('sha1')
      .update(concatBytes(...parts))
      .digest('hex');
  })();
}

describe.each(FAMILIES)('$name genuineness', ({ aid, subCa, fresh, setUp }) => {
  it('carries a certificate for its authentikey under the test sub-CA, named after its CPLC', async () => {
    const card = setUp('test-ca');
    const send = (command: Uint8Array) => card.transmit(command);
    const serial = await uidSha1(send);
    expect(serial).toBe(card.state.serialNumber);
    const channel = await connect(send, aid);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    const der = await exportCertificate(channel);
    expect(hex(der)).toBe(hex(card.state.certificate));

    const certificate = new X509Certificate(Buffer.from(der));
    const issuer = new X509Certificate(Buffer.from(subCa.certificate));
    const root = new X509Certificate(Buffer.from(TEST_TOPORIN_CA.root.certificate));
    expect(certificate.verify(issuer.publicKey)).toBe(true);
    expect(certificate.checkIssued(issuer)).toBe(true);
    expect(issuer.verify(root.publicKey)).toBe(true);
    expect(certificate.subject).toContain(`CN=${serial}`);
    const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
    const pkiPublicKey = (await channel.command(cmd(0x98))).data;
    expect(hex(spki.subarray(-65))).toBe(hex(pkiPublicKey));
    expect(hex(secp256k1.Point.fromBytes(pkiPublicKey).toBytes(true))).toBe(card.state.authentikey);

    // Challenge-response: the card signs "Challenge:" ‖ its nonce ‖ the host's challenge.
    const challenge = randomBytes(32);
    const reply = await channel.command(cmd(0x9a, 0, 0, challenge));
    const nonce = reply.data.slice(0, 32);
    const signature = reply.data.slice(34, 34 + u16(reply.data, 32));
    const signed = concatBytes(ascii('Challenge:'), nonce, challenge);
    expect(verifies(signature, signed, pkiPublicKey)).toBe(true);
    expect(
      verifies(signature, concatBytes(ascii('Challenge:'), challenge, nonce), pkiPublicKey),
    ).toBe(false);
  });

  it("an 'untrusted' card's certificate has the same names but fails the signature check", async () => {
    const card = setUp('untrusted');
    const channel = await connect((command) => card.transmit(command), aid);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    const certificate = new X509Certificate(Buffer.from(await exportCertificate(channel)));
    const issuer = new X509Certificate(Buffer.from(subCa.certificate));
    expect(certificate.issuer).toBe(issuer.subject);
    expect(certificate.verify(issuer.publicKey)).toBe(false);
  });

  it('keeps its PKI locked: no new certificate, no CSR signature (9C40)', async () => {
    const card = setUp('test-ca');
    const channel = await connect((command) => card.transmit(command), aid);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect((await channel.command(cmd(0x92, 0, 0x01, Uint8Array.of(0, 10)))).sw).toBe(0x9c40);
    expect((await channel.command(cmd(0x94, 0, 0, new Uint8Array(32)))).sw).toBe(0x9c40);
  });

  it('cannot show its certificate or answer a challenge before SETUP (9C04)', async () => {
    const card = fresh('test-ca');
    const channel = await connect((command) => card.transmit(command), aid);
    expect((await channel.command(cmd(0x93, 0, 0x01))).sw).toBe(0x9c04);
    expect((await channel.command(cmd(0x9a, 0, 0, new Uint8Array(32)))).sw).toBe(0x9c04);
  });

  it("without a certificate ('none') answers an empty one, as an applet never personalised", async () => {
    const card = setUp('none');
    const channel = await connect((command) => card.transmit(command), aid);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect(await channel.command(cmd(0x93, 0, 0x01))).toEqual({
      sw: 0x9000,
      data: Uint8Array.of(0, 0),
    });
    expect((await channel.command(cmd(0x93, 0, 0x02, Uint8Array.of(0, 0, 0, 16)))).sw).toBe(0x6700);
    expect(card.state.certificate.length).toBe(0);
  });

  it('can be personalised before SETUP, then SETUP locks the PKI', async () => {
    const card = fresh('none');
    const send = (command: Uint8Array) => card.transmit(command);
    const channel = await connect(send, aid);
    // The default PIN for the Satochip; the Seedkeeper has no PIN before SETUP at all.
    expect((await channel.command(cmd(0x42, 0, 0, ascii('Muscle00')))).sw).toBe(0x9000);
    const publicKey = (await channel.command(cmd(0x98))).data;
    const csrHash = sha256(ascii('a certificate signing request'));
    const csrSignature = (await channel.command(cmd(0x94, 0, 0, csrHash))).data;
    expect(
      secp256k1.verify(csrSignature, csrHash, publicKey, {
        prehash: false,
        format: 'der',
        lowS: false,
      }),
    ).toBe(true);
    const certificate = randomBytes(300);
    expect((await channel.command(cmd(0x92, 0, 0x01, Uint8Array.of(1, 44)))).sw).toBe(0x9000);
    for (let offset = 0; offset < 300; offset += 128) {
      const length = Math.min(128, 300 - offset);
      const chunk = concatBytes(
        Uint8Array.of(offset >> 8, offset & 0xff, 0, length),
        certificate.subarray(offset, offset + length),
      );
      expect((await channel.command(cmd(0x92, 0, 0x02, chunk))).sw).toBe(0x9000);
    }
    // Chunks outside the announced size are refused.
    expect(
      (await channel.command(cmd(0x92, 0, 0x02, Uint8Array.of(1, 40, 0, 8, ...new Uint8Array(8)))))
        .sw,
    ).toBe(0x6700);
    const setup = await channel.command(
      cmd(0x2a, 0, 0, setupData({ pin: ascii(PIN), puk: ascii('22222222') })),
    );
    expect(setup.sw).toBe(0x9000);
    await channel.command(cmd(0x42, 0, 0, ascii(PIN)));
    expect(hex(await exportCertificate(channel))).toBe(hex(certificate));
    expect((await channel.command(cmd(0x92, 0, 0x01, Uint8Array.of(0, 1)))).sw).toBe(0x9c40);
  });

  it('before SETUP refuses the rest with 9C04, and its PKI commands once locked', async () => {
    const card = fresh('test-ca');
    const send = (command: Uint8Array) => card.transmit(command);
    const channel = await connect(send, aid);
    expect((await channel.command(cmd(0x42, 0, 0, ascii('Muscle00')))).sw).toBe(0x9c04);
    expect((await channel.command(cmd(0x98))).sw).toBe(0x9c04);
    expect(swOf(await send(cmd(0x3c)))).toBe(0x9000);
  });
});

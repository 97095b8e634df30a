// BIP32 GET EXTENDED KEY (INS 0x6D) answers, parsed as pysatochip's CardDataParser does:
// `chaincode(32) | size(2) | x | sig_size(2) | self-sig | sig2_size(2) | authentikey-sig`.
// The self-signature covers everything before it and recovers the full key from x; the
// second covers everything before it and must verify under the card's authentikey, so a
// key cannot be swapped in transit. The top bit of `size` is an optimisation flag of
// older applets and is not part of the length.
import { LifeboatError } from '../../errors';
import { ByteReader } from '../toporin/reader';
import { keyFromSignedX, verifySignature } from '../toporin/signed-key';

export interface ExtendedKeyAnswer {
  /** Uncompressed, 65 bytes. */
  publicKey: Uint8Array;
  chainCode: Uint8Array;
}

export function parseExtendedKey(answer: Uint8Array, authentikey: Uint8Array): ExtendedKeyAnswer {
  const reader = new ByteReader(answer, 'extended key');
  const chainCode = reader.take(32).slice();
  const x = reader.take(reader.u16() & 0x7fff);
  const selfSigned = reader.since(0);
  const publicKey = keyFromSignedX(x, selfSigned, reader.field16(), 'extended key');
  const signed = reader.since(0);
  const authentikeySignature = reader.field16();
  reader.end();
  if (!verifySignature(authentikey, signed, authentikeySignature))
    throw new LifeboatError(
      'signature-invalid',
      'The extended key is not signed by this card’s authentikey.',
    );
  return { publicKey, chainCode };
}

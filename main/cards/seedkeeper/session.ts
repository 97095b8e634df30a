// One conversation with a Seedkeeper (backup card) over a CardChannel: what every Toporin
// card does (toporin/session.ts) plus its secret store: list headers, store a secret in
// plain transport (the channel encrypts it on the wire), read one back, delete one, and
// generate a master seed on the card.
//
// Export rights when storing: 'encrypted-only' unless the caller asks otherwise. A careful
// owner of a backup card expects that someone who learns the PIN still cannot read the
// phrase off the card; 'encrypted-only' keeps the secret movable to another Toporin card
// in encrypted form, and a drill can still compare fingerprints without reading it. Only a
// secret stored with 'plain' (the person's explicit choice) can be read back by Lifeboat.
import { equalBytes } from '@noble/curves/utils.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';
import { LifeboatError, isLifeboatError } from '../../errors';
import { bip39Seed } from '../../secrets/bip39';
import type { CardChannel } from '../channel';
import { wipe } from '../secret-input';
import { INS, OP } from '../toporin/apdu';
import { ByteReader } from '../toporin/reader';
import { ToporinSession, readStatus, selectApplet } from '../toporin/session';
import { verifySignature } from '../toporin/signed-key';
import type { ToporinStatus } from '../toporin/status';
import { SW, swHex } from '../toporin/status-words';
import {
  SECRET_TYPE,
  encodeImportHeader,
  exportRightsCode,
  fingerprintOf,
  labelBytes,
  readSecretHeader,
  type ExportRights,
  type SecretHeader,
} from './header';
import { decodeSecret, encodeSecret, storedBip39Seed, type BackupSecret } from './secret-layouts';

export const DEFAULT_EXPORT_RIGHTS: ExportRights = 'encrypted-only';
const SECRET_CHUNK = 128;
const TRANSPORT_PLAIN = 0x01;
const AES_BLOCK = 16;
/** More chunks than any secret Lifeboat reads could need: a card sending more is lying. */
const MAX_CHUNKS = 64;
const MAX_HEADERS = 256;

export interface SeedkeeperMemory {
  secrets: number;
  totalMemory: number;
  freeMemory: number;
  totalLogs: number;
  /** How many audit-log entries the card keeps; older ones are overwritten (pysatochip's nb_logs_avail). */
  logCapacity: number;
}

export interface StoredSecretRef {
  id: number;
  fingerprint: string;
}

function id16(id: number): Uint8Array {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff)
    throw new LifeboatError('invalid-input', 'A secret id is a number from 0 to 65535.');
  return Uint8Array.of(id >> 8, id & 0xff);
}

function readRef(answer: Uint8Array): StoredSecretRef {
  const reader = new ByteReader(answer, 'stored secret reference');
  const id = reader.u16();
  const fingerprint = reader.take(4);
  reader.end();
  return { id, fingerprint: bytesToHex(fingerprint) };
}

export class SeedkeeperSession extends ToporinSession {
  private constructor(channel: CardChannel, status: ToporinStatus) {
    super(channel, 'seedkeeper', status);
  }

  /** SELECTs the Seedkeeper applet and reads its status; the secure channel opens on first use. */
  static async select(channel: CardChannel): Promise<SeedkeeperSession> {
    return new SeedkeeperSession(channel, await selectApplet(channel, 'seedkeeper'));
  }

  /** A session on the applet the family registry has just selected: only GET STATUS is sent. */
  static async selected(channel: CardChannel): Promise<SeedkeeperSession> {
    return new SeedkeeperSession(channel, await readStatus(channel));
  }

  /** GET SEEDKEEPER STATUS (needs the PIN): how full the card is. */
  getMemory(): Promise<SeedkeeperMemory> {
    return this.exclusive(async () => {
      const reader = new ByteReader(
        await this.send('seedkeeper-status', { ins: INS.seedkeeperStatus }),
        'Seedkeeper status',
      );
      return {
        secrets: reader.u16(),
        totalMemory: reader.u16(),
        freeMemory: reader.u16(),
        totalLogs: reader.u16(),
        logCapacity: reader.u16(),
      };
    });
  }

  /** Every secret's header (label, type, fingerprint, export rights); never a secret. */
  listSecrets(): Promise<SecretHeader[]> {
    return this.exclusive(async () => {
      const headers: SecretHeader[] = [];
      let p2: number = OP.init;
      for (;;) {
        let answer: Uint8Array;
        try {
          answer = await this.send('list-secret-headers', { ins: INS.listSecretHeaders, p2 });
        } catch (error) {
          if (isLifeboatError(error) && error.details?.sw === swHex(SW.sequenceEnd)) return headers;
          throw error;
        }
        const reader = new ByteReader(answer, 'secret header');
        headers.push(readSecretHeader(reader).header);
        reader.end();
        if (headers.length > MAX_HEADERS)
          throw new LifeboatError(
            'malformed-response',
            'The card lists more secrets than it can hold.',
          );
        p2 = OP.process;
      }
    });
  }

  /**
   * Stores a secret under `label` (IMPORT SECRET init/update/final, as pysatochip does) and
   * checks that the fingerprint the card computed is the one of the bytes sent.
   */
  storeSecret(
    secret: BackupSecret,
    options: { label: string; exportRights?: ExportRights },
  ): Promise<StoredSecretRef> {
    return this.exclusive(async () => {
      const exportRights = options.exportRights ?? DEFAULT_EXPORT_RIGHTS;
      labelBytes(options.label);
      const { type, subtype, bytes } = await encodeSecret(secret);
      const header = encodeImportHeader({ type, subtype, exportRights, label: options.label });
      try {
        const padded = bytes.length + AES_BLOCK - (bytes.length % AES_BLOCK);
        await this.send('import-secret', {
          ins: INS.importSecret,
          p1: TRANSPORT_PLAIN,
          p2: OP.init,
          data: concatBytes(header, Uint8Array.of(padded >> 8, padded & 0xff)),
        });
        let offset = 0;
        for (; bytes.length - offset > SECRET_CHUNK; offset += SECRET_CHUNK)
          await this.sendChunk(OP.process, bytes.subarray(offset, offset + SECRET_CHUNK));
        const ref = readRef(await this.sendChunk(OP.finalize, bytes.subarray(offset)));
        if (ref.fingerprint !== fingerprintOf(bytes))
          throw new LifeboatError(
            'card-error',
            'The card stored something other than the secret that was sent.',
          );
        return ref;
      } finally {
        wipe(bytes);
      }
    });
  }

  /**
   * Reads a secret back in plain form (a master seed's bytes are the caller's to wipe) (EXPORT SECRET init/update), checking the card's
   * authentikey signature over header and secret, the fingerprint, and for a phrase, that
   * the stored seed is the phrase's. Refused with `secret-export-forbidden` unless the
   * secret was stored with plain export allowed.
   */
  readSecret(id: number): Promise<{ header: SecretHeader; secret: BackupSecret }> {
    return this.exclusive(async () => {
      const authentikey = await this.authentikeyNow();
      const data = id16(id);
      const head = new ByteReader(
        await this.send('export-secret', {
          ins: INS.exportSecret,
          p1: TRANSPORT_PLAIN,
          p2: OP.init,
          data,
        }),
        'secret header',
      );
      const { header, signed } = readSecretHeader(head);
      head.end();
      const chunks: Uint8Array[] = [];
      let signature: Uint8Array | undefined;
      for (let round = 0; signature === undefined; round += 1) {
        if (round === MAX_CHUNKS)
          throw new LifeboatError('malformed-response', 'The card sent a secret without an end.');
        const reader = new ByteReader(
          await this.send('export-secret', {
            ins: INS.exportSecret,
            p1: TRANSPORT_PLAIN,
            p2: OP.process,
            data,
          }),
          'secret chunk',
        );
        chunks.push(reader.field16().slice());
        if (reader.remaining > 0) {
          signature = reader.field16();
          reader.end();
        }
      }
      const bytes = concatBytes(...chunks);
      wipe(...chunks);
      try {
        if (!verifySignature(authentikey, concatBytes(signed, bytes), signature))
          throw new LifeboatError(
            'signature-invalid',
            'The secret read from the card is not signed by the card’s authentikey.',
          );
        if (fingerprintOf(bytes) !== header.fingerprint)
          throw new LifeboatError(
            'malformed-response',
            'The secret read from the card does not match its fingerprint.',
          );
        const secret = decodeSecret(header.type, header.subtype, bytes);
        if (secret.kind === 'bip39' && header.type === SECRET_TYPE.masterseed) {
          const stored = storedBip39Seed(bytes);
          const computed = await bip39Seed(secret.phrase, secret.passphrase);
          const same = equalBytes(stored, computed);
          wipe(stored, computed);
          if (!same)
            throw new LifeboatError(
              'malformed-response',
              'The seed stored on the card does not belong to the stored phrase.',
            );
        }
        return { header, secret };
      } finally {
        wipe(bytes);
      }
    });
  }

  /** RESET SECRET: erases one secret. */
  deleteSecret(id: number): Promise<void> {
    return this.exclusive(async () => {
      await this.send('reset-secret', { ins: INS.resetSecret, data: id16(id) });
    });
  }

  /**
   * GENERATE MASTERSEED: `size` random bytes from the card's generator, stored under
   * `label` (16..64 bytes). Read it back (if the rights allow) to use it as card entropy.
   */
  generateMasterseed(options: {
    size: number;
    label: string;
    exportRights?: ExportRights;
  }): Promise<StoredSecretRef> {
    return this.exclusive(async () => {
      const { size } = options;
      if (!Number.isInteger(size) || size < 16 || size > 64)
        throw new LifeboatError('invalid-input', 'A master seed is 16 to 64 bytes.');
      const label = labelBytes(options.label);
      return readRef(
        await this.send('generate-masterseed', {
          ins: INS.generateMasterseed,
          p1: size,
          p2: exportRightsCode(options.exportRights ?? DEFAULT_EXPORT_RIGHTS),
          data: concatBytes(Uint8Array.of(label.length), label),
        }),
      );
    });
  }

  private sendChunk(op: number, chunk: Uint8Array): Promise<Uint8Array> {
    const data = concatBytes(Uint8Array.of(chunk.length >> 8, chunk.length & 0xff), chunk);
    return this.send('import-secret', {
      ins: INS.importSecret,
      p1: TRANSPORT_PLAIN,
      p2: op,
      data,
    }).finally(() => wipe(data));
  }
}

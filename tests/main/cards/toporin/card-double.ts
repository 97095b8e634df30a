// An in-process Toporin card for the drivers' unit and fuzz tests, written from the
// applets' sources (CardEdge.java, SeedKeeper.java) with node:crypto and @noble directly,
// never with the driver's own modules, so the two check each other. The pcscd + vpcd
// simulators under tests/sim are the faithful cards; this double covers the commands the
// drivers send, each status-word path the tests need, and lets a test replace any answer.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import type { CardChannel } from '../../../../main/cards/channel';

export type Family = 'satochip' | 'seedkeeper';
const AIDS: Record<Family, string> = {
  satochip: '5361746f4368697000',
  seedkeeper: '536565644b656570657200',
};
const DEFAULT_PIN = Buffer.from('Muscle00');

class Sw extends Error {
  constructor(readonly sw: number) {
    super(sw.toString(16));
  }
}
const fail = (sw: number): never => {
  throw new Sw(sw);
};
const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const hmacSha1 = (key: Uint8Array, data: Uint8Array) =>
  new Uint8Array(createHmac('sha1', key).update(data).digest());
const sign = (key: Uint8Array, message: Uint8Array) =>
  secp256k1.sign(message, key, { format: 'der', lowS: false });

class Pin {
  tries: number;
  validated = false;
  constructor(
    private value: Uint8Array,
    readonly limit: number,
  ) {
    this.tries = limit;
  }
  check(candidate: Uint8Array): boolean {
    if (this.tries === 0) return false;
    if (Buffer.compare(Buffer.from(candidate), Buffer.from(this.value)) === 0) {
      this.tries = this.limit;
      this.validated = true;
      return true;
    }
    this.tries -= 1;
    this.validated = false;
    return false;
  }
  update(value: Uint8Array) {
    this.value = value.slice();
    this.validated = false;
  }
}

interface Secret {
  header: Uint8Array; // 13 bytes + label
  data: Uint8Array;
}

export class CardDouble {
  selected = false;
  setupDone = false;
  needsSecureChannel = true;
  pin: Pin | undefined;
  puk: Pin | undefined;
  label = new Uint8Array(0);
  certificate = new Uint8Array(0);
  master: HDKey | undefined;
  derived: HDKey | undefined;
  secrets = new Map<number, Secret>();
  nextId = 0;
  /** Replaces an answer (data ‖ SW) before it leaves the card: fault injection for tests. */
  tamper: ((ins: number, answer: Uint8Array) => Uint8Array) | undefined;
  readonly log: number[] = [];
  private channelKeys: { enc: Uint8Array; mac: Uint8Array } | undefined;
  private ivCounter = 0;
  private resetCounter = 5;
  private commandSinceReset = false;
  private importState: { id: number; header: Uint8Array; chunks: Uint8Array[] } | undefined;
  private exportState: { id: number; done: boolean } | undefined;
  private listCursor = 0;

  /** `authentikey` is also the key of `certificate`, as on a personalised card. */
  constructor(
    readonly family: Family,
    readonly authentikey: Uint8Array = secp256k1.utils.randomSecretKey(),
  ) {}

  /** A power cycle: transient state goes, as JavaCard CLEAR_ON_RESET does. */
  reset(): void {
    this.selected = false;
    this.channelKeys = undefined;
    this.commandSinceReset = false;
    if (this.pin) this.pin.validated = false;
  }

  channel(reader = 'Test Reader 0'): CardChannel {
    let closed = false;
    return {
      reader,
      atr: new Uint8Array([0x3b, 0x00]),
      get closed() {
        return closed;
      },
      transmit: async (apdu: Uint8Array) => {
        if (closed) throw new Error('closed');
        return this.transmit(apdu);
      },
      close: async () => {
        if (!closed) this.reset();
        closed = true;
      },
    };
  }

  transmit(apdu: Uint8Array): Uint8Array {
    const ins = apdu[1]!;
    let answer: Uint8Array;
    try {
      answer = concatBytes(this.process(apdu), u16(0x9000));
    } catch (error) {
      if (!(error instanceof Sw)) throw error;
      answer = u16(error.sw);
    }
    this.log.push(ins);
    return this.tamper ? this.tamper(ins, answer) : answer;
  }

  private process(apdu: Uint8Array): Uint8Array {
    const [cla, ins] = [apdu[0]!, apdu[1]!];
    if (cla === 0x00 && ins === 0xa4) {
      const aid = Buffer.from(apdu.subarray(5, 5 + apdu[4]!)).toString('hex');
      if (aid !== AIDS[this.family]) return fail(0x6a82);
      this.selected = true;
      this.channelKeys = undefined;
      if (this.pin) this.pin.validated = false;
      return new Uint8Array(0);
    }
    if (!this.selected) return fail(0x6d00);
    if (cla !== 0xb0) return fail(0x6e00);
    if (ins === 0xff && this.family === 'satochip') return this.factoryReset();
    this.commandSinceReset = true;
    this.resetCounter = 5;
    if (ins === 0x3c) return this.status();
    if (ins === 0x81) return this.openChannel(apdu.subarray(5, 5 + apdu[4]!));
    if (ins === 0x82) return this.processWrapped(apdu.subarray(5, 5 + apdu[4]!));
    if (this.needsSecureChannel) return fail(0x9c20);
    return this.dispatch(apdu);
  }

  private factoryReset(): Uint8Array {
    if (this.commandSinceReset) {
      this.resetCounter = 5;
      return fail(0xffff);
    }
    this.commandSinceReset = true;
    this.resetCounter -= 1;
    if (this.resetCounter === 0) {
      this.resetCounter = 5;
      this.setupDone = false;
      this.pin = undefined;
      this.puk = undefined;
      this.master = undefined;
      this.label = new Uint8Array(0);
      return fail(0xff00);
    }
    return fail(0xff00 + this.resetCounter);
  }

  private status(): Uint8Array {
    const seeded = this.family === 'seedkeeper' || this.master !== undefined;
    return Uint8Array.of(
      0,
      this.family === 'satochip' ? 12 : 2,
      0,
      this.family === 'satochip' ? 6 : 1,
      this.setupDone ? this.pin!.tries : 0,
      this.setupDone ? this.puk!.tries : 0,
      0,
      0,
      0,
      seeded ? 1 : 0,
      this.setupDone ? 1 : 0,
      this.needsSecureChannel ? 1 : 0,
    );
  }

  private selfSignedKey(key: Uint8Array): Uint8Array {
    const part = concatBytes(u16(32), secp256k1.getPublicKey(key, false).subarray(1, 33));
    const signature = sign(key, part);
    return concatBytes(part, u16(signature.length), signature);
  }

  private openChannel(hostKey: Uint8Array): Uint8Array {
    const ephemeral = secp256k1.utils.randomSecretKey();
    const x = secp256k1.getSharedSecret(ephemeral, hostKey, true).subarray(1);
    this.channelKeys = {
      enc: hmacSha1(x, Buffer.from('sc_key')).subarray(0, 16),
      mac: hmacSha1(x, Buffer.from('sc_mac')),
    };
    this.ivCounter = 0;
    const signed = this.selfSignedKey(ephemeral);
    const authSig = sign(this.authentikey, signed);
    const answer = concatBytes(signed, u16(authSig.length), authSig);
    if (this.family === 'satochip') return answer;
    // The Seedkeeper appends its authentikey's x coordinate.
    return concatBytes(
      answer,
      u16(32),
      secp256k1.getPublicKey(this.authentikey, false).subarray(1, 33),
    );
  }

  private processWrapped(data: Uint8Array): Uint8Array {
    const keys = this.channelKeys ?? fail(0x9c21);
    const iv = data.subarray(0, 16);
    const size = (data[16]! << 8) | data[17]!;
    const ciphertext = data.subarray(18, 18 + size);
    const macSize = (data[18 + size]! << 8) | data[19 + size]!;
    const mac = data.subarray(20 + size, 20 + size + macSize);
    if (macSize !== 20) return fail(0x9c23);
    const expected = hmacSha1(keys.mac, data.subarray(0, 18 + size));
    if (Buffer.compare(Buffer.from(expected), Buffer.from(mac)) !== 0) return fail(0x9c23);
    const counter = new DataView(iv.buffer, iv.byteOffset + 12, 4).getUint32(0);
    if ((counter & 1) === 0 || counter <= this.ivCounter) return fail(0x9c22);
    this.ivCounter = counter + 1;
    const decipher = createDecipheriv('aes-128-cbc', keys.enc, iv);
    decipher.setAutoPadding(false);
    const plain = new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    const out = this.dispatch(plain);
    if (out.length === 0) return out;
    const answerIv = concatBytes(randomBytes(12), Uint8Array.of(0, 0, 0, 0));
    new DataView(answerIv.buffer).setUint32(12, this.ivCounter);
    const cipher = createCipheriv('aes-128-cbc', keys.enc, answerIv);
    const ct = new Uint8Array(Buffer.concat([cipher.update(out), cipher.final()]));
    return concatBytes(answerIv, u16(ct.length), ct);
  }

  private requirePin(): void {
    if (!this.pin?.validated) fail(0x9c06);
  }

  private dispatch(apdu: Uint8Array): Uint8Array {
    const [ins, p1, p2, lc] = [apdu[1]!, apdu[2]!, apdu[3]!, apdu[4] ?? 0];
    const data = apdu.subarray(5, 5 + lc);
    if (!this.setupDone && ins !== 0x2a) return fail(0x9c04);
    if (this.setupDone && ins === 0x2a) return fail(0x9c07);
    switch (ins) {
      case 0x2a:
        return this.setup(data);
      case 0x42: {
        const pin = this.pin!;
        if (data.length < 4 || data.length > 16) return fail(0x9c0f);
        if (pin.tries === 0) return fail(0x9c0c);
        if (!pin.check(data)) return fail(0x63c0 + pin.tries);
        return new Uint8Array(0);
      }
      case 0x44: {
        const pin = this.pin!;
        const old = data.subarray(1, 1 + data[0]!);
        const next = data.subarray(2 + data[0]!, 2 + data[0]! + data[1 + data[0]!]!);
        if (pin.tries === 0) return fail(0x9c0c);
        if (!pin.check(old)) return fail(0x63c0 + pin.tries);
        pin.update(next);
        return new Uint8Array(0);
      }
      case 0x46: {
        const [pin, puk] = [this.pin!, this.puk!];
        if (pin.tries !== 0) return fail(0x9c03);
        if (puk.tries === 0) return fail(0x9c0c);
        if (!puk.check(data)) {
          if (puk.tries === 0 && this.family === 'seedkeeper') {
            this.setupDone = false;
            this.secrets.clear();
            return fail(0xff00);
          }
          return fail(0x63c0 + puk.tries);
        }
        pin.tries = pin.limit;
        pin.validated = false;
        return new Uint8Array(0);
      }
      case 0x60:
        this.pin!.validated = false;
        return new Uint8Array(0);
      case 0x3d:
        this.requirePin();
        if (p2 === 0x01) return concatBytes(Uint8Array.of(this.label.length), this.label);
        this.label = data.slice(1, 1 + data[0]!);
        return new Uint8Array(0);
      case 0xad:
        this.requirePin();
        return this.selfSignedKey(this.authentikey);
      case 0x93:
        this.requirePin();
        if (p2 === 0x01) return u16(this.certificate.length);
        return this.certificate.slice(
          (data[0]! << 8) | data[1]!,
          ((data[0]! << 8) | data[1]!) + ((data[2]! << 8) | data[3]!),
        );
      case 0x9a: {
        this.requirePin();
        const nonce = randomBytes(32);
        const signature = sign(
          this.authentikey,
          concatBytes(Buffer.from('Challenge:'), nonce, data),
        );
        return concatBytes(nonce, u16(signature.length), signature);
      }
      default:
        return this.family === 'satochip'
          ? this.satochip(ins, p1, data)
          : this.seedkeeper(ins, p1, p2, data);
    }
  }

  private setup(data: Uint8Array): Uint8Array {
    let at = 0;
    const field = () => {
      const length = data[at]!;
      const value = data.subarray(at + 1, at + 1 + length);
      at += 1 + length;
      return value;
    };
    const defaultPin = field();
    if (this.family === 'satochip' && Buffer.compare(Buffer.from(defaultPin), DEFAULT_PIN) !== 0)
      return fail(0x63c2);
    const [pinTries, pukTries] = [data[at]!, data[at + 1]!];
    at += 2;
    const pin = field();
    const puk = field();
    if (pin.length < 4 || pin.length > 16 || puk.length < 4 || puk.length > 16) return fail(0x9c0f);
    this.pin = new Pin(pin, pinTries);
    this.puk = new Pin(puk, pukTries);
    this.setupDone = true;
    return new Uint8Array(0);
  }

  private satochip(ins: number, p1: number, data: Uint8Array): Uint8Array {
    switch (ins) {
      case 0x6c:
        this.requirePin();
        if (this.master) return fail(0x9c17);
        this.master = HDKey.fromMasterSeed(data.subarray(0, p1));
        return this.selfSignedKey(this.authentikey);
      case 0x77: {
        const pin = this.pin!;
        if (pin.tries === 0) return fail(0x9c0c);
        if (!pin.check(data.subarray(0, p1))) return fail(0x63c0 + pin.tries);
        if (!this.master) return fail(0x9c14);
        this.master = undefined;
        pin.validated = false;
        return new Uint8Array(0);
      }
      case 0x6d: {
        this.requirePin();
        if (!this.master) return fail(0x9c14);
        let key = this.master;
        for (let i = 0; i < p1; i += 1)
          key = key.deriveChild(new DataView(data.buffer, data.byteOffset + 4 * i, 4).getUint32(0));
        this.derived = key;
        const part = concatBytes(key.chainCode!, u16(32), key.publicKey!.subarray(1));
        const selfSig = sign(key.privateKey!, part);
        const signed = concatBytes(part, u16(selfSig.length), selfSig);
        const authSig = sign(this.authentikey, signed);
        return concatBytes(signed, u16(authSig.length), authSig);
      }
      case 0x7a:
        this.requirePin();
        if (!this.derived || p1 !== 0xff) return fail(0x9c10);
        return secp256k1.sign(data.subarray(0, 32), this.derived.privateKey!, {
          prehash: false,
          lowS: false,
          format: 'der',
        });
      default:
        return fail(0x6d00);
    }
  }

  private seedkeeper(ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
    this.requirePin();
    switch (ins) {
      case 0xa7:
        return concatBytes(
          u16(this.secrets.size),
          u16(4096),
          u16(4000),
          u16(0),
          u16(0),
          new Uint8Array(7),
        );
      case 0xa6: {
        const ids = [...this.secrets.keys()];
        this.listCursor = p2 === 0x01 ? 0 : this.listCursor + 1;
        const id = ids[this.listCursor];
        if (id === undefined) return fail(0x9c12);
        return concatBytes(u16(id), this.secrets.get(id)!.header);
      }
      case 0xa1:
        return this.importSecret(p2, data);
      case 0xa2: {
        const id = (data[0]! << 8) | data[1]!;
        const secret = this.secrets.get(id) ?? fail(0x9c08);
        if (p2 === 0x01) {
          if ((secret.header[2]! & 0x03) !== 0x01) return fail(0x9c31);
          this.exportState = { id, done: false };
          return concatBytes(u16(id), secret.header);
        }
        if (this.exportState?.id !== id || this.exportState.done) return fail(0x9c30);
        this.exportState.done = true;
        const signature = sign(this.authentikey, concatBytes(u16(id), secret.header, secret.data));
        return concatBytes(u16(secret.data.length), secret.data, u16(signature.length), signature);
      }
      case 0xa5: {
        const id = (data[0]! << 8) | data[1]!;
        if (!this.secrets.delete(id)) return fail(0x9c08);
        return new Uint8Array(0);
      }
      case 0xa0: {
        const seed = concatBytes(Uint8Array.of(p1), randomBytes(p1));
        const header = concatBytes(
          Uint8Array.of(0x10, 0x03, p2 & 0x03, 0, 0, 0),
          sha256(seed).subarray(0, 4),
          Uint8Array.of(0, 0),
          data,
        );
        const id = this.nextId++;
        this.secrets.set(id, { header, data: seed });
        return concatBytes(u16(id), header.subarray(6, 10));
      }
      default:
        return fail(0x6d00);
    }
  }

  private importSecret(p2: number, data: Uint8Array): Uint8Array {
    if (p2 === 0x01) {
      const header = data.slice(0, 13 + data[12]!);
      header[1] = 0x01;
      this.importState = { id: this.nextId++, header, chunks: [] };
      return new Uint8Array(0);
    }
    const state = this.importState ?? fail(0x9c30);
    state.chunks.push(data.slice(2, 2 + ((data[0]! << 8) | data[1]!)));
    if (p2 === 0x02) return new Uint8Array(0);
    const secret = concatBytes(...state.chunks);
    state.header.set(sha256(secret).subarray(0, 4), 6);
    this.secrets.set(state.id, { header: state.header, data: secret });
    this.importState = undefined;
    return concatBytes(u16(state.id), sha256(secret).subarray(0, 4));
  }
}

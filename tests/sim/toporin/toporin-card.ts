// The card runtime around one Toporin applet: ATR, SELECT by the exact instance AID (an
// unknown AID answers 6A82 and leaves the selection as it was, the applet itself refusing
// a stray SELECT that reaches it), the GlobalPlatform card manager while nothing is
// selected, power loss, and fault bookkeeping. The reader shells in ../keycard (vpcd,
// in-process channel) take any such card.
import { equalBytes } from '@noble/curves/utils.js';
import { concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { LifeboatError } from '../../../main/errors';
import type { Exchange, SimulatedCard } from '../keycard/faults';
import type { CardEdgeApplet, ForcedStatusWord } from './card-edge';
import type { CardManager } from './card-manager';
import { ToporinFaultSchedule, type ToporinFaults } from './faults';
import { ApduBuffer, ISO_SW, OFFSET, isoError, statusWord, statusWordOf } from './javacard';

/** NXP JCOP4 (J3R180) T=1 answer to reset, the chip family these cards ship on. */
const ATR = hexToBytes('3bd518ff8191fe1fc38073c821100a');
const INS_SELECT = 0xa4;
const SELECT_BY_NAME = 0x04;

export abstract class ToporinCard<Applet extends CardEdgeApplet> implements SimulatedCard {
  readonly atr: Uint8Array = ATR.slice();
  protected readonly applet: Applet;
  private readonly buffer = new ApduBuffer();
  private selected = false;
  private apdus = 0;
  private lastEncrypted = false;
  private schedule = new ToporinFaultSchedule({});

  protected constructor(
    private readonly aid: Uint8Array,
    protected readonly cardManager: CardManager,
    makeApplet: (forced: ForcedStatusWord) => Applet,
  ) {
    this.applet = makeApplet((ins) => this.schedule.forcedStatusWord(ins));
  }

  /** One C-APDU in, one R-APDU out (data ‖ SW1 SW2), exactly as the applet answers. */
  transmit(apdu: Uint8Array): Uint8Array {
    this.apdus += 1;
    this.lastEncrypted = false;
    try {
      this.buffer.load(apdu);
    } catch (error) {
      return statusWord(statusWordOf(error));
    }
    const isSelect =
      apdu[OFFSET.CLA] === 0x00 &&
      apdu[OFFSET.INS] === INS_SELECT &&
      apdu[OFFSET.P1] === SELECT_BY_NAME;
    if (isSelect && equalBytes(this.buffer.read(OFFSET.CDATA, this.buffer.received), this.aid)) {
      return this.select();
    }
    if (!this.selected) {
      return isSelect ? statusWord(ISO_SW.FILE_NOT_FOUND) : this.cardManager.answer(apdu);
    }
    const answer = this.applet.process(this.buffer);
    this.lastEncrypted = answer.encrypted;
    return answer.response;
  }

  /** Power cycle / reader reset: no applet selected, transient memory cleared. */
  reset(): void {
    this.applet.powerLoss();
    this.selected = false;
    this.buffer.clear();
  }

  /**
   * Counters count from the moment the faults are set; each counted fault fires once
   * (`statusWordFor` its `times`).
   */
  get faults(): Readonly<ToporinFaults> {
    return this.schedule.remaining;
  }

  set faults(faults: ToporinFaults) {
    this.schedule = new ToporinFaultSchedule(faults);
  }

  get apduCount(): number {
    return this.apdus;
  }

  /** For the reader shells: the answer to `apdu` after the faults have had their say. */
  exchange(apdu: Uint8Array): Exchange {
    const response = this.transmit(apdu);
    return this.schedule.apply(response, this.lastEncrypted);
  }

  /**
   * Runs unwrapped commands straight into the applet, as a personalisation station does,
   * then power-cycles the card. Throws when one is refused: the set-up was invalid.
   */
  protected provision(apdus: readonly Uint8Array[]): Uint8Array[] {
    const answers = apdus.map((apdu) => {
      this.buffer.load(apdu);
      const { sw, data } = this.applet.provision(this.buffer);
      if (sw !== ISO_SW.OK) {
        throw new LifeboatError(
          'invalid-input',
          `The simulated card refused its set-up (INS ${apdu[OFFSET.INS]!.toString(16)}: ${sw.toString(16)}).`,
        );
      }
      return data;
    });
    this.reset();
    return answers;
  }

  private select(): Uint8Array {
    try {
      const forced = this.schedule.forcedStatusWord(INS_SELECT);
      if (forced !== undefined) isoError(forced);
      if (this.selected) this.applet.deselect();
      this.selected = true;
      const length = this.applet.select(this.buffer);
      return concatBytes(this.buffer.outgoing(length), statusWord(ISO_SW.OK));
    } catch (error) {
      return statusWord(statusWordOf(error));
    }
  }
}

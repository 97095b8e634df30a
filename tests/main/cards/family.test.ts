import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { CardChannel } from '../../../main/cards/channel';
import { cardDrivers } from '../../../main/cards/drivers';
import {
  FamilyRegistry,
  selectCommand,
  type CardDriver,
  type CardSession,
} from '../../../main/cards/family';
import { keyFileSecretBox } from '../../../main/cards/keycard/key-file-box';
import { FilePairingStore } from '../../../main/cards/keycard/pairing-store';
import { SimulatedKeycard, simulatorChannel } from '../../sim/keycard';
import { UnknownCard, unknownCardChannel } from '../../sim/unknown-card';
import { recording } from './keycard/fixtures';

const KEYCARD_AID = 'a00000080400010101';
const SATOCHIP_AID = '5361746f4368697000';
const SEEDKEEPER_AID = '536565644b656570657200';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-family-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function builtIn(): Promise<FamilyRegistry> {
  const pairings = new FilePairingStore(dir, await keyFileSecretBox(dir));
  return new FamilyRegistry(cardDrivers({ pairings, trustedCaKeys: () => [] }));
}

/** A driver that only records which applet answered (the session itself is not used here). */
function recordingDriver(family: CardDriver['family'], aid: string, picked: string[]): CardDriver {
  return {
    family,
    aids: [hexToBytes(aid)],
    open: async (channel, selected) => {
      picked.push(`${family}:${bytesToHex(selected.aid)}:${bytesToHex(selected.answer)}`);
      return { family, channel } as unknown as CardSession;
    },
  };
}

/** A card holding one applet, which answers SELECT with `answer` ‖ 9000; 6A82 for any other. */
function oneAppletCard(aid: string, answer: string): { channel: CardChannel; asked: string[] } {
  const asked: string[] = [];
  const card = new UnknownCard();
  const channel = unknownCardChannel(card);
  return {
    asked,
    channel: {
      ...channel,
      transmit: async (apdu) => {
        const named = bytesToHex(apdu.subarray(5, 5 + apdu[4]!));
        asked.push(named);
        return named === aid ? hexToBytes(`${answer}9000`) : card.transmit(apdu);
      },
    },
  };
}

describe('selectCommand', () => {
  it('is SELECT by name with Le = 00, and refuses what is not an AID', () => {
    expect(bytesToHex(selectCommand(hexToBytes(KEYCARD_AID)))).toBe(`00a4040009${KEYCARD_AID}00`);
    expect(() => selectCommand(new Uint8Array(4))).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
  });
});

describe('the family registry', () => {
  it('picks the Keycard by SELECT of its applet, with that one SELECT only', async () => {
    const recorded = recording(simulatorChannel(new SimulatedKeycard()));
    const session = await (await builtIn()).open(recorded.channel);
    expect(session.family).toBe('keycard');
    expect(session.info).toMatchObject({ family: 'keycard', initialized: false });
    expect(recorded.commands.map(bytesToHex)).toEqual([`00a4040009${KEYCARD_AID}00`]);
  });

  it('tries each family in order and hands the card to the one whose applet answers', async () => {
    const picked: string[] = [];
    const registry = new FamilyRegistry([
      recordingDriver('keycard', KEYCARD_AID, picked),
      recordingDriver('satochip', SATOCHIP_AID, picked),
    ]);
    expect(registry.families).toEqual(['keycard', 'satochip']);
    const card = oneAppletCard(SATOCHIP_AID, 'beef');
    const session = await registry.open(card.channel);
    expect(session.family).toBe('satochip');
    expect(card.asked).toEqual([KEYCARD_AID, SATOCHIP_AID]);
    expect(picked).toEqual([`satochip:${SATOCHIP_AID}:beef`]);
  });

  it('says in words that a card whose applets are all missing is not a card it knows', async () => {
    const card = new UnknownCard();
    const error: unknown = await (
      await builtIn()
    )
      .open(unknownCardChannel(card))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'card-not-supported',
      message: 'This is not a card Lifeboat knows (status 6A82).',
      details: { sw: '6a82' },
    });
    expect(card.selected).toEqual([KEYCARD_AID, SATOCHIP_AID, SEEDKEEPER_AID]);
  });

  it('names the status word of a card that refuses the selection', async () => {
    const error: unknown = await (
      await builtIn()
    )
      .open(unknownCardChannel(new UnknownCard(0x6999)))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'card-not-supported',
      message: 'This is not a card Lifeboat knows (status 6999).',
    });
  });

  it('reports an answer shorter than a status word as malformed', async () => {
    const channel: CardChannel = {
      ...unknownCardChannel(new UnknownCard()),
      transmit: async () => Uint8Array.of(0x90),
    };
    await expect((await builtIn()).open(channel)).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });
});

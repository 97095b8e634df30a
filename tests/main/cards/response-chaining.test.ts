import { describe, expect, it } from 'vitest';
import { exchange, withLe } from '../../../main/cards/response-chaining';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

function scripted(answers: Record<string, string>) {
  const sent: string[] = [];
  const send = async (apdu: Uint8Array) => {
    sent.push(hex(apdu));
    const answer = answers[hex(apdu)];
    if (answer === undefined) throw new Error(`unexpected ${hex(apdu)}`);
    return bytes(answer);
  };
  return { send, sent };
}

describe('exchange (T=0 response chaining)', () => {
  it('passes a plain answer through', async () => {
    const { send, sent } = scripted({ '80ca0000': 'aabb9000' });
    expect(hex(await exchange(send, bytes('80ca0000')))).toBe('aabb9000');
    expect(sent).toEqual(['80ca0000']);
  });

  it('follows 61xx with GET RESPONSE and joins the pieces', async () => {
    // The first answer is only a status word; the data arrives through GET RESPONSE.
    const first = scripted({
      '80ca0000': '6102',
      '00c0000002': 'aabb6103',
      '00c0000003': 'ccddee9000',
    });
    expect(hex(await exchange(first.send, bytes('80ca0000')))).toBe('aabbccddee9000');
    expect(first.sent).toEqual(['80ca0000', '00c0000002', '00c0000003']);
  });

  it('resends with the Le from 6Cxx', async () => {
    const { send, sent } = scripted({ '80ca000000': '6c05', '80ca000005': '01020304059000' });
    expect(hex(await exchange(send, bytes('80ca000000')))).toBe('01020304059000');
    expect(sent).toEqual(['80ca000000', '80ca000005']);
  });

  it('rejects an answer shorter than a status word with a typed error', async () => {
    const { send } = scripted({ '80ca0000': '90' });
    await expect(exchange(send, bytes('80ca0000'))).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });

  it('stops a card that asks for GET RESPONSE forever', async () => {
    const send = async () => bytes('6101');
    await expect(exchange(send, bytes('80ca0000'))).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });

  it('sets Le for every APDU case and refuses a malformed one', () => {
    expect(hex(withLe(bytes('80ca0000'), 9))).toBe('80ca000009');
    expect(hex(withLe(bytes('80ca000000'), 9))).toBe('80ca000009');
    expect(hex(withLe(bytes('80ca000002aabb'), 9))).toBe('80ca000002aabb09');
    expect(hex(withLe(bytes('80ca000002aabb00'), 9))).toBe('80ca000002aabb09');
    expect(() => withLe(bytes('80ca000005aabb'), 9)).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
  });
});

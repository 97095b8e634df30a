import { mnemonicToSeedSync, entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { walletPreview } from '../../../main/secrets/derivation';
import { combine } from '../../../main/secrets/slip39';
import { WalletDraft } from '../../../main/secrets/wallet-draft';

const entropy = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('WalletDraft', () => {
  it('makes a phrase wallet whose fingerprint is that of the phrase', async () => {
    const draft = await WalletDraft.create('bip39', entropy(16));
    const words = draft.phraseWords();
    expect(words.join(' ')).toBe(entropyToMnemonic(entropy(16), wordlist));
    const preview = walletPreview(mnemonicToSeedSync(words.join(' ')), 1);
    expect(draft.fingerprint).toEqual({
      keyUid: preview.keyUid,
      firstAddress: preview.addresses[0],
    });
    expect(draft.wrongPhraseWords(words.join('  '))).toEqual([]);
    const typo = [...words];
    typo[3] = 'zoo';
    expect(draft.wrongPhraseWords(typo.join(' '))).toEqual([3]);
    expect(draft.wrongPhraseWords(words.slice(0, 11).join(' '))).toEqual([11]);
    expect(() => draft.shareWords(0)).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });

  it('splits a share wallet whose shares combine back to its seed, and reshares under a new identifier', async () => {
    const draft = await WalletDraft.create('slip39', entropy(16, 9), {
      groupThreshold: 1,
      groups: [{ threshold: 2, count: 3 }],
    });
    expect(draft.shareCount).toBe(3);
    expect(draft.sharePosition(2)).toEqual({ groupIndex: 0, memberIndex: 2 });
    const shares = [0, 2].map((i) => draft.shareWords(i).join(' '));
    const seed = await combine(shares);
    const preview = walletPreview(seed, 1);
    expect(draft.fingerprint).toEqual({
      keyUid: preview.keyUid,
      firstAddress: preview.addresses[0],
    });
    expect(draft.seed()).toEqual(seed);
    const first = draft.shareIdentifier;
    let changed = false;
    for (let i = 0; i < 4 && !changed; i++) {
      await draft.reshare({ groupThreshold: 1, groups: [{ threshold: 3, count: 5 }] });
      changed = draft.shareIdentifier !== first;
    }
    expect(changed).toBe(true);
    expect(draft.shareCount).toBe(5);
    expect(
      walletPreview(await combine([0, 1, 4].map((i) => draft.shareWords(i).join(' '))), 1).keyUid,
    ).toBe(preview.keyUid);
  });

  it('counts a share word from its first four letters, and says which words are wrong', async () => {
    const draft = await WalletDraft.create('slip39', entropy(16), {
      groupThreshold: 1,
      groups: [{ threshold: 1, count: 1 }],
    });
    const words = draft.shareWords(0);
    expect(
      draft.wrongShareWords(0, words.map((w) => w.slice(0, 4).toUpperCase()).join(' ')),
    ).toEqual([]);
    const typed = [...words];
    typed[5] = words[5] === 'academic' ? 'acid' : 'academic';
    typed[19] = `${words[19]}x`;
    expect(draft.wrongShareWords(0, typed.join(' '))).toEqual([5, 19]);
    expect(draft.wrongShareWords(0, `${words.join(' ')} extra`)).toEqual([20]);
  });

  it('takes a cards-only seed as it is, and keeps a rebuilt seed of a phrase from being split', async () => {
    const draft = await WalletDraft.create('seed', entropy(32, 3));
    expect(draft.seed()).toEqual(entropy(32, 3));
    await expect(
      draft.reshare({ groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] }),
    ).rejects.toMatchObject({
      code: 'invalid-split-parameters',
    });
    const fromPhrase = WalletDraft.fromSeed('bip39', new Uint8Array(64).fill(1));
    expect(fromPhrase.format).toBe('seed');
    await expect(WalletDraft.create('seed', entropy(16))).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(WalletDraft.create('slip39', entropy(16))).rejects.toMatchObject({
      code: 'invalid-split-parameters',
    });
  });

  it('overwrites its secret when wiped', async () => {
    const given = entropy(32, 5);
    const draft = await WalletDraft.create('seed', given);
    draft.wipe();
    expect(given.every((b) => b === 0)).toBe(true);
  });
});

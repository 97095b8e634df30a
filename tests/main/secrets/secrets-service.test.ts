import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { HDNodeWallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { SecretsEvent } from '../../../preload/api';
import { SecretsService } from '../../../main/secrets/secrets-service';
import { Vault } from '../../../main/secrets/vault';
import { BIP39_VECTORS, bytes, expectedWallet, hex, SLIP39_VECTORS } from './vectors';

function setup(options: { now?: () => number } = {}) {
  const vault = new Vault(options);
  const service = new SecretsService({ vault, owner: 'window-1', ...options });
  const events: SecretsEvent[] = [];
  service.watch((e) => events.push(e));
  return { vault, service, events };
}

describe('SecretsService', () => {
  const slip = SLIP39_VECTORS[3]!; // 2-of-3, passphrase TREZOR

  it('takes shares one by one, combines into the vault and returns only the fingerprint', async () => {
    const { service, events } = setup();
    const { shareSetId } = service.startShareSet();
    const first = service.addShare(shareSetId, slip.mnemonics[0]!);
    expect(first).toMatchObject({
      accepted: true,
      share: { groupIndex: 0 },
      progress: { sharesEntered: 1, complete: false },
    });
    expect(service.addShare(shareSetId, slip.mnemonics[1]!).progress.complete).toBe(true);

    const direct: number[] = [];
    const view = await service.combine(shareSetId, 'TREZOR', ({ done }) => direct.push(done));
    expect(direct).toEqual([0, 1, 2, 3, 4]);
    expect(view).toEqual({
      secretId: expect.any(String),
      kind: 'slip39',
      ...expectedWallet(slip.masterSecret),
    });
    expect(JSON.stringify(view)).not.toContain(slip.masterSecret);
    expect(events.filter((e) => e.type === 'combine-progress')).toEqual(
      [0, 1, 2, 3, 4].map((done) => ({ type: 'combine-progress', shareSetId, done, total: 4 })),
    );
    expect(service.useSeed(view.secretId, hex)).toBe(slip.masterSecret);

    // The same shares with another passphrase: another wallet, another secret id.
    const other = await service.combine(shareSetId, '');
    expect(other.secretId).not.toBe(view.secretId);
    expect(other.keyUid).not.toBe(view.keyUid);
  });

  it('derives accounts of a held secret under any scheme', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    for (const m of slip.mnemonics) service.addShare(shareSetId, m);
    const { secretId } = await service.combine(shareSetId, 'TREZOR');
    const node = HDNodeWallet.fromSeed(bytes(slip.masterSecret));
    expect(service.accounts(secretId, 'ledger-live', 2, 2)).toEqual([
      {
        scheme: 'ledger-live',
        index: 2,
        path: "m/44'/60'/2'/0/0",
        address: node.derivePath("m/44'/60'/2'/0/0").address,
      },
      {
        scheme: 'ledger-live',
        index: 3,
        path: "m/44'/60'/3'/0/0",
        address: node.derivePath("m/44'/60'/3'/0/0").address,
      },
    ]);
  });

  it('rebuilds a BIP-39 phrase and refuses a share given as a phrase', async () => {
    const { service } = setup();
    const vector = BIP39_VECTORS.english![7]!;
    const view = await service.enterPhrase(vector.phrase, 'TREZOR');
    expect(view).toMatchObject({ kind: 'bip39', ...expectedWallet(vector.seed) });
    await expect(service.enterPhrase(slip.mnemonics[0]!, '')).rejects.toMatchObject({
      code: 'wrong-input-kind',
    });
  });

  it('checks a phrase word by word without keeping anything', () => {
    const { service, vault } = setup();
    const phrase = BIP39_VECTORS.english![1]!.phrase;
    expect(service.checkPhrase(phrase)).toMatchObject({ valid: true });
    const typo = service.checkPhrase(phrase.replace('thank', 'thnak'));
    expect(typo).toMatchObject({
      valid: false,
      problem: { code: 'invalid-word', wordIndex: 2 },
    });
    expect(typo.words[2]).toEqual({ index: 2, word: 'thnak', status: 'invalid' });
    expect(service.checkPhrase(slip.mnemonics[0]!).problem).toMatchObject({
      code: 'wrong-input-kind',
    });
    expect(vault.size).toBe(0);
  });

  it('offers word checks and suggestions', () => {
    const { service } = setup();
    expect(service.checkWords('duck enla').kind).toBe('slip39');
    expect(service.suggestWords('enl', 'slip39')).toEqual(['enlarge']);
  });

  it('lists the secrets it keeps, for a console reloaded meanwhile, until each is released', async () => {
    const { service } = setup();
    expect(service.list()).toEqual([]);
    const first = await service.enterPhrase(BIP39_VECTORS.english![0]!.phrase, '');
    const second = await service.enterPhrase(BIP39_VECTORS.english![1]!.phrase, 'TREZOR');
    expect(service.list()).toEqual([first, second]);
    service.release(first.secretId);
    expect(service.list()).toEqual([second]);
    const reopened = await service.reopen(second.secretId, '');
    expect(service.list()).toEqual([reopened]);
  });

  it('releases a secret on request and says so', async () => {
    const { service, events } = setup();
    const { secretId } = await service.enterPhrase(BIP39_VECTORS.english![0]!.phrase, '');
    service.release(secretId);
    expect(events.at(-1)).toEqual({ type: 'secret-released', secretId, reason: 'released' });
    expect(() => service.accounts(secretId, 'bip44', 0, 1)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
  });

  it('lets shares and secrets expire when left alone', async () => {
    let now = 0;
    const clock = () => now;
    const vault = new Vault({ now: clock });
    const service = new SecretsService({
      vault,
      owner: 'w',
      now: clock,
      secretTtlMs: 1000,
      shareSetTtlMs: 5000,
    });
    const events: SecretsEvent[] = [];
    service.watch((e) => events.push(e));
    const { secretId } = await service.enterPhrase(BIP39_VECTORS.english![0]!.phrase, '');
    const { shareSetId } = service.startShareSet();
    service.addShare(shareSetId, slip.mnemonics[0]!);
    now += 2000;
    expect(vault.sweep()).toBe(1);
    expect(events.at(-1)).toEqual({ type: 'secret-released', secretId, reason: 'expired' });
    expect(() => service.accounts(secretId, 'bip44', 0, 1)).toThrow(
      expect.objectContaining({ code: 'secret-expired' }),
    );
    expect(service.addShare(shareSetId, slip.mnemonics[1]!).accepted).toBe(true);
    now += 5000;
    expect(() => service.addShare(shareSetId, slip.mnemonics[2]!)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });

  it("keeps one owner's secrets from another and clears them on dispose", async () => {
    const vault = new Vault();
    const mine = new SecretsService({ vault, owner: 'w1' });
    const theirs = new SecretsService({ vault, owner: 'w2' });
    const { secretId } = await mine.enterPhrase(BIP39_VECTORS.english![0]!.phrase, '');
    expect(() => theirs.useSeed(secretId, hex)).toThrow(
      expect.objectContaining({ code: 'secret-not-found' }),
    );
    theirs.release(secretId);
    expect(vault.size).toBe(1);
    const { shareSetId } = mine.startShareSet();
    mine.dispose();
    expect(vault.size).toBe(0);
    expect(() => mine.addShare(shareSetId, slip.mnemonics[0]!)).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });

  it('opens the same phrase with another passphrase without it being typed again', async () => {
    const { service, vault, events } = setup();
    const vector = BIP39_VECTORS.english![7]!;
    const wrong = await service.enterPhrase(vector.phrase, 'not the passphrase');
    expect(wrong.keyUid).not.toBe(expectedWallet(vector.seed).keyUid);

    const right = await service.reopen(wrong.secretId, 'TREZOR');
    expect(right).toMatchObject({ kind: 'bip39', ...expectedWallet(vector.seed) });
    expect(events.at(-1)).toEqual({
      type: 'secret-released',
      secretId: wrong.secretId,
      reason: 'released',
    });
    expect(vault.size).toBe(1);
    // Reopened secrets can be reopened again, and back to the first wallet.
    const again = await service.reopen(right.secretId, 'not the passphrase');
    expect(again.keyUid).toBe(wrong.keyUid);
    await expect(service.reopen(right.secretId, 'TREZOR')).rejects.toMatchObject({
      code: 'secret-not-found',
    });
  });

  it('opens the same shares with another passphrase, and drops them with the secret', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    for (const m of slip.mnemonics.slice(0, 2)) service.addShare(shareSetId, m);
    const wrong = await service.combine(shareSetId, '');
    const right = await service.reopen(wrong.secretId, 'TREZOR');
    expect(right).toMatchObject({ kind: 'slip39', ...expectedWallet(slip.masterSecret) });
    expect(service.useSeed(right.secretId, hex)).toBe(slip.masterSecret);

    service.release(right.secretId);
    await expect(service.combine(shareSetId, 'TREZOR')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('finishes reopening even when the wallet it came from is cleared meanwhile', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    for (const m of slip.mnemonics.slice(0, 2)) service.addShare(shareSetId, m);
    const shares = await service.combine(shareSetId, '');
    const reopening = service.reopen(shares.secretId, 'TREZOR');
    service.release(shares.secretId);
    const reopened = await reopening;
    expect(service.useSeed(reopened.secretId, hex)).toBe(slip.masterSecret);
    // The shares went on with the new wallet: yet another passphrase still needs no typing.
    expect((await service.reopen(reopened.secretId, '')).keyUid).toBe(shares.keyUid);

    const vector = BIP39_VECTORS.english![7]!;
    const phrase = await service.enterPhrase(vector.phrase, '');
    const again = service.reopen(phrase.secretId, 'TREZOR');
    service.release(phrase.secretId);
    expect(await again).toMatchObject(expectedWallet(vector.seed));
  });

  it('keeps shares another secret of the same set still needs', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    for (const m of slip.mnemonics.slice(0, 2)) service.addShare(shareSetId, m);
    const first = await service.combine(shareSetId, 'TREZOR');
    const second = await service.combine(shareSetId, '');
    service.release(first.secretId);
    const reopened = await service.reopen(second.secretId, 'TREZOR');
    expect(reopened.keyUid).toBe(first.keyUid);
  });

  it('makes a new phrase that becomes a secret only once chosen words are typed back', async () => {
    const { service, vault } = setup();
    const made = service.newPhrase(24);
    expect(made.words).toHaveLength(24);
    expect(validateMnemonic(made.words.join(' '), english)).toBe(true);
    expect(made.check).toHaveLength(4);
    expect(new Set(made.check).size).toBe(4);
    expect([...made.check].sort((a, b) => a - b)).toEqual(made.check);
    expect(vault.size).toBe(0);

    const answers = made.check.map((i) => made.words[i]!);
    const typo = [...answers];
    typo[1] = typo[1] === 'abandon' ? 'ability' : 'abandon';
    expect(await service.confirmPhrase(made.draftId, typo)).toEqual({
      confirmed: false,
      wrong: [made.check[1]],
    });
    expect(vault.size).toBe(0);

    // Spacing and capitals as a person types them are fine.
    const typed = answers.map((w, i) => (i === 0 ? ` ${w.toUpperCase()} ` : w));
    const confirmed = await service.confirmPhrase(made.draftId, typed);
    const expected = expectedWallet(hex(mnemonicToSeedSync(made.words.join(' '), '')));
    expect(confirmed).toEqual({
      confirmed: true,
      secret: { secretId: expect.any(String), kind: 'bip39', ...expected },
    });
    // The draft is gone once it became a secret.
    await expect(service.confirmPhrase(made.draftId, answers)).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('makes 12-word phrases, refuses other lengths and forgets a discarded draft', async () => {
    const { service } = setup();
    const made = service.newPhrase(12);
    expect(made.words).toHaveLength(12);
    expect(made.words).not.toEqual(service.newPhrase(12).words);
    expect(() => service.newPhrase(18 as 12)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    await expect(service.confirmPhrase(made.draftId, ['one'])).rejects.toMatchObject({
      code: 'invalid-input',
    });
    service.discardPhrase(made.draftId);
    await expect(
      service.confirmPhrase(
        made.draftId,
        made.check.map((i) => made.words[i]!),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses to combine an incomplete set and forgets a discarded one', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    service.addShare(shareSetId, slip.mnemonics[0]!);
    await expect(service.combine(shareSetId, 'TREZOR')).rejects.toMatchObject({
      code: 'insufficient-shares',
    });
    expect(service.removeShare(shareSetId, 0)).toMatchObject({ sharesEntered: 0 });
    service.discardShareSet(shareSetId);
    await expect(service.combine(shareSetId, 'TREZOR')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('gives a rebuilt phrase with the passphrase it was opened with, for a backup card', async () => {
    const { service } = setup();
    const vector = BIP39_VECTORS.english![7]!;
    const opened = await service.enterPhrase(vector.phrase, 'first try');
    const right = await service.reopen(opened.secretId, 'TREZOR');
    expect(service.shares(right.secretId)).toEqual([]);
    const backup = service.backupOf(right.secretId);
    expect(backup.kind).toBe('bip39');
    if (backup.kind !== 'bip39') return;
    expect(new TextDecoder().decode(backup.phrase)).toBe(vector.phrase);
    expect(new TextDecoder().decode(backup.passphrase)).toBe('TREZOR');
    expect(() => service.backupOf(right.secretId, 0)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    // The copy handed out is the caller's: wiping it leaves the secret's own phrase intact.
    backup.phrase.fill(0);
    const again = service.backupOf(right.secretId);
    expect(again.kind === 'bip39' && new TextDecoder().decode(again.phrase)).toBe(vector.phrase);
  });

  it('names the shares a secret was combined from and gives each one, never the whole set', async () => {
    const { service } = setup();
    const { shareSetId } = service.startShareSet();
    for (const m of slip.mnemonics.slice(0, 2)) service.addShare(shareSetId, m);
    const { secretId } = await service.combine(shareSetId, 'TREZOR');
    const refs = service.shares(secretId);
    expect(refs.map((r) => r.index)).toEqual([0, 1]);
    expect(refs.every((r) => r.groupIndex === 0)).toBe(true);
    expect(new Set(refs.map((r) => r.memberIndex)).size).toBe(2);
    const second = service.backupOf(secretId, 1);
    expect(second.kind === 'slip39-share' && new TextDecoder().decode(second.share)).toBe(
      slip.mnemonics[1]!.trim().replace(/\s+/g, ' ').toLowerCase(),
    );
    expect(() => service.backupOf(secretId)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    expect(() => service.backupOf(secretId, 2)).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    service.release(secretId);
    expect(() => service.shares(secretId)).toThrow();
  });
});

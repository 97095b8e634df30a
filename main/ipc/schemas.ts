// What main accepts from the renderer, channel by channel. Strict objects (an unknown key,
// `__proto__` included, is an error), every string and array bounded, numbers integral and
// in range. Content rules with their own error codes (PIN digits, word lists, checksums)
// stay with the services, so the person gets the specific message.
import { z } from 'zod';
import type { Schemas } from './contract';
import { httpUrl } from '../chain/networks';
import { settingsSchema } from '../settings';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const baseUnits = z.string().regex(/^(0|[1-9][0-9]{0,77})$/);
const networkId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/);
const scheme = z.enum(['bip44', 'ledger-live', 'legacy']);
/** PINs, PUKs and passwords: the card layer checks the format and says what is wrong. */
const cardSecret = z.string().max(128);
const recoveryText = z.string().max(2000);
const passphrase = z.string().max(1024);
const none = z.undefined();

const source = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('card'), sessionId: id }),
  z.strictObject({ kind: z.literal('secret'), secretId: id }),
]);

const destination = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('address'), address }),
  z.strictObject({ kind: z.literal('card'), sessionId: id }),
  z.strictObject({ kind: z.literal('secret'), secretId: id }),
]);

const accountsQuery = {
  scheme,
  start: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  count: z.number().int().min(1).max(100),
};

const session = { sessionId: id };
/** A backup card's own id of a secret. */
const secretNumber = z.number().int().min(0).max(0xffff);

const shareCount = z.number().int().min(1).max(16);
const shareLayout = z.strictObject({
  groupThreshold: shareCount,
  groups: z
    .array(z.strictObject({ threshold: shareCount, count: shareCount }))
    .min(1)
    .max(16),
  onCards: z.number().int().min(0).max(256),
});
const setCards = z.number().int().min(0).max(3);
const copyLabel = z.string().max(100);
const copyPlace = z.string().max(200);

export const INPUT_SCHEMAS: Schemas = {
  app: {
    info: none,
    openExplorer: z.strictObject({
      networkId,
      kind: z.enum(['address', 'tx']),
      value: z.string().max(100),
    }),
  },
  readers: { list: none },
  cards: {
    open: z.strictObject({ reader: z.string().min(1).max(200) }),
    list: none,
    identify: z.strictObject(session),
    pair: z.strictObject({ ...session, pairingPassword: cardSecret.optional() }),
    unlock: z.strictObject({ ...session, pin: cardSecret }),
    unblock: z.strictObject({ ...session, puk: cardSecret, newPin: cardSecret.optional() }),
    changePin: z.strictObject({
      ...session,
      newPin: cardSecret,
      currentPin: cardSecret.optional(),
    }),
    changePuk: z.strictObject({ ...session, newPuk: cardSecret }),
    initialize: z.strictObject({
      ...session,
      pin: cardSecret,
      puk: cardSecret.optional(),
      pairingPassword: cardSecret.optional(),
      duressPin: cardSecret.optional(),
    }),
    generateKey: z.strictObject(session),
    loadSecret: z.strictObject({ ...session, secretId: id }),
    accounts: z.strictObject({ ...session, ...accountsQuery }),
    unpair: z.strictObject(session),
    factoryReset: z.strictObject({ ...session, confirmation: z.literal('FACTORY RESET') }),
    close: z.strictObject(session),
  },
  secrets: {
    startShareSet: none,
    addShare: z.strictObject({ shareSetId: id, share: recoveryText }),
    removeShare: z.strictObject({ shareSetId: id, index: z.number().int().min(0).max(255) }),
    discardShareSet: z.strictObject({ shareSetId: id }),
    checkWords: z.strictObject({ text: recoveryText }),
    suggestWords: z.strictObject({
      prefix: z.string().max(16),
      kind: z.enum(['slip39', 'bip39']),
    }),
    combine: z.strictObject({ shareSetId: id, passphrase }),
    checkPhrase: z.strictObject({ phrase: recoveryText }),
    enterPhrase: z.strictObject({ phrase: recoveryText, passphrase }),
    reopen: z.strictObject({ secretId: id, passphrase }),
    newPhrase: z.strictObject({ words: z.union([z.literal(12), z.literal(24)]) }),
    confirmPhrase: z.strictObject({
      draftId: id,
      words: z.array(z.string().max(32)).min(1).max(24),
    }),
    discardPhrase: z.strictObject({ draftId: id }),
    accounts: z.strictObject({ secretId: id, ...accountsQuery }),
    release: z.strictObject({ secretId: id }),
    shares: z.strictObject({ secretId: id }),
    list: none,
  },
  backups: {
    list: z.strictObject(session),
    open: z.strictObject({ ...session, id: secretNumber }),
    addShare: z.strictObject({ ...session, id: secretNumber, shareSetId: id }),
    store: z.strictObject({
      ...session,
      secretId: id,
      label: z.string().trim().min(1).max(127),
      plainExport: z.boolean(),
      share: z.number().int().min(0).max(255).optional(),
    }),
  },
  discovery: {
    run: z.strictObject({
      source,
      networkIds: z.array(networkId).min(1).max(32).optional(),
      schemes: z.array(scheme).min(1).max(3).optional(),
      gapLimit: z.number().int().min(1).max(100).optional(),
    }),
    history: z.strictObject({ source }),
  },
  transfers: {
    plan: z.strictObject({
      discoveryId: id,
      from: address,
      networkId,
      to: address,
      asset: z.union([z.literal('native'), address]),
      amount: z.union([baseUnits, z.literal('max')]),
    }),
    send: z.strictObject({ planId: id, confirmed: z.literal(true) }),
  },
  sweep: {
    plan: z.strictObject({
      discoveryId: id,
      destination,
      addresses: z.array(address).min(1).max(500).optional(),
      networkIds: z.array(networkId).min(1).max(32).optional(),
      maxFeePerGas: baseUnits.optional(),
      allowTopUp: z.boolean().optional(),
    }),
    execute: z.strictObject({ planId: id, confirmed: z.literal(true) }),
    unfinished: none,
    status: z.strictObject({ caseId: id }),
    resume: z.strictObject({
      caseId: id,
      source,
      destination: source.optional(),
      maxFeePerGas: baseUnits.optional(),
    }),
    report: z.strictObject({ caseId: id }),
  },
  drills: {
    list: none,
    remember: z.strictObject({ label: z.string().trim().min(1).max(100), source }),
    check: z.strictObject({ walletId: id, source }),
    forget: z.strictObject({ walletId: id }),
    reminder: z.strictObject({
      walletId: id,
      date: z.iso.date(),
    }),
  },
  safes: {
    list: none,
    open: z.strictObject({
      networkId,
      address,
      holders: z.array(source).max(16).optional(),
    }),
    forget: z.strictObject({ networkId, address }),
    owned: z.strictObject({ source }),
    planCreate: z.strictObject({
      networkId,
      owners: z
        .array(
          z.discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('address'), address }),
            z.strictObject({ kind: z.literal('card'), sessionId: id }),
            z.strictObject({ kind: z.literal('secret'), secretId: id }),
          ]),
        )
        .min(1)
        .max(32),
      threshold: z.number().int().min(1).max(32),
      payer: source,
    }),
    create: z.strictObject({ planId: id, confirmed: z.literal(true) }),
    propose: z.strictObject({
      networkId,
      safe: address,
      action: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('send'),
          to: address,
          asset: z.union([z.literal('native'), address]),
          amount: baseUnits,
        }),
        z.strictObject({ kind: z.literal('replace-owner'), old: address, new: address }),
        z.strictObject({
          kind: z.literal('add-owner'),
          owner: address,
          threshold: z.number().int().min(1).max(32),
        }),
        z.strictObject({
          kind: z.literal('remove-owner'),
          owner: address,
          threshold: z.number().int().min(1).max(32),
        }),
        z.strictObject({
          kind: z.literal('change-threshold'),
          threshold: z.number().int().min(1).max(32),
        }),
      ]),
    }),
    sign: z.strictObject({ jobId: id, source }),
    signatures: z.strictObject({ jobId: id }),
    holderOwners: z.strictObject({ jobId: id, holders: z.array(source).max(16) }),
    execute: z.strictObject({ proposalId: id, payer: source, confirmed: z.literal(true) }),
    discard: z.strictObject({ proposalId: id }),
    planSweep: z.strictObject({
      networkId,
      safe: address,
      destination,
      payer: source,
      maxFeePerGas: baseUnits.optional(),
    }),
    startSweep: z.strictObject({ planId: id, confirmed: z.literal(true) }),
    runSweep: z.strictObject({ caseId: id, payer: source }),
  },
  wallets: {
    start: z.strictObject({
      plan: z.strictObject({
        label: copyLabel,
        cards: setCards,
        shares: shareLayout.optional(),
        phrase: z.strictObject({ words: z.union([z.literal(12), z.literal(24)]) }).optional(),
        singleCopy: z.string().max(20).optional(),
      }),
      randomFrom: z.array(id).max(8),
    }),
    repair: z.strictObject({
      walletId: id,
      secretId: id,
      cards: setCards,
      shares: shareLayout.optional(),
    }),
    drafts: none,
    loadCard: z.strictObject({ draftId: id, ...session, label: copyLabel, place: copyPlace }),
    showShare: z.strictObject({ draftId: id, index: z.number().int().min(0).max(255) }),
    confirmShare: z.strictObject({
      draftId: id,
      index: z.number().int().min(0).max(255),
      share: recoveryText,
      place: copyPlace,
    }),
    showPhrase: z.strictObject({ draftId: id }),
    confirmPhrase: z.strictObject({ draftId: id, phrase: recoveryText, place: copyPlace }),
    testCard: z.strictObject({ draftId: id, ...session }),
    testShare: z.strictObject({ draftId: id, share: recoveryText }),
    storeShare: z.strictObject({
      draftId: id,
      index: z.number().int().min(0).max(255),
      ...session,
      label: copyLabel,
      place: copyPlace,
    }),
    testShareCard: z.strictObject({ draftId: id, ...session }),
    finish: z.strictObject({ draftId: id }),
    discard: z.strictObject({ draftId: id }),
    markLost: z.strictObject({
      walletId: id,
      memberId: id.optional(),
      share: z.strictObject({ shareSetId: id, index: z.number().int().min(0).max(255) }).optional(),
      couldBeOpened: z.boolean(),
    }),
  },
  networks: {
    presets: none,
    check: z.strictObject({ networkId, url: httpUrl }),
  },
  prices: {
    read: z.strictObject({
      assets: z
        .array(z.strictObject({ networkId, asset: z.union([z.literal('native'), address]) }))
        .max(500),
    }),
  },
  settings: {
    get: none,
    save: settingsSchema,
    lookUpToken: z.strictObject({ networkId, address }),
  },
};

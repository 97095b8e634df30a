// `npm run demo`: the console on a complete local bench, so a newcomer sees Lifeboat work
// without hardware or funds. Two simulated cards in the two virtual readers (an "old" card
// holding a funded wallet, a blank "new" card; Keycards unless `--cards` names other
// families), a local EVM chain holding ETH and tokens on the old card's accounts, settings
// pointing at that chain, and the console: Electron where its binary exists, otherwise the
// browser harness on 127.0.0.1.
//
// `startDemo()` is what the end-to-end tests use; the command line wraps it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { computeAddress, parseUnits } from 'ethers';
import { normaliseCaKey } from '../main/cards/keycard/attestation';
import { encodeSecret } from '../main/cards/seedkeeper/secret-layouts';
import type { PriceFeedBook } from '../main/chain/price-feeds';
import type { EndpointBook } from '../main/ipc/network-handlers';
import { createServices, type Services } from '../main/services';
import { defaultSettings } from '../main/settings';
import type { CardFamily, Settings } from '../preload/api';
import { startHarness, type Harness } from '../tests/harness/server';
import {
  SimulatedKeycard,
  TEST_CA,
  insertIntoReader,
  type InsertedCard,
} from '../tests/sim/keycard';
import { SimulatedSatochip, TEST_TOPORIN_CA } from '../tests/sim/satochip';
import { SimulatedSeedkeeper } from '../tests/sim/seedkeeper';
import { holdBench } from '../tests/support/bench';
import { benchReaders } from '../tests/support/bench-readers';
import { EvmNode } from '../tests/support/evm-node';
import { installSafeContracts } from '../tests/support/safe-contracts';
import { ensurePcscd } from '../tests/support/pcscd';
import type { VirtualReader } from '../tests/support/vpcd-card';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHROMIUM = '/usr/bin/chromium';

/** Everything a person (or a test) needs to drive the demo. Test values only. */
export const DEMO = Object.freeze({
  mnemonic: 'swamp laundry need link grain wrap grant error mandate miss marble sting',
  pin: '123456',
  puk: '123456789012',
  duressPin: '864209',
  pairingPassword: 'KeycardDefaultPairing',
  oldReader: 'Virtual PCD 00 00' as VirtualReader,
  newReader: 'Virtual PCD 00 01' as VirtualReader,
  chainId: 31337,
  networkId: 'lifeboat-demo',
  /** Tries a Satochip or Seedkeeper of the demo allows. */
  pinTries: 5,
  pukTries: 3,
  /** The label the old card keeps the demo phrase under, where it is a backup card. */
  backupLabel: 'Demo wallet',
});

/** The families of the old and the new card. */
export type DemoCards = readonly [CardFamily, CardFamily];

const FAMILIES: readonly CardFamily[] = ['keycard', 'satochip', 'seedkeeper'];

/** `--cards old,new`, e.g. "satochip,seedkeeper"; one family alone is used for both. */
export function parseDemoCards(text: string): DemoCards {
  const names = text.split(',').map((n) => n.trim().toLowerCase());
  const families = names.filter((n): n is CardFamily => FAMILIES.includes(n as CardFamily));
  if (names.length < 1 || names.length > 2 || families.length !== names.length)
    throw new Error(
      `--cards takes one or two of ${FAMILIES.join(', ')}, separated by a comma: the old card, then the new one (got "${text}").`,
    );
  return [families[0]!, families[1] ?? families[0]!];
}

/** What the old card's first accounts hold on the demo chain (m/44'/60'/0'/0/i). */
const FUNDS = [
  { eth: '5', tokens: { USDC: '1000', DAI: '250' } },
  { eth: '0.75', tokens: { DAI: '42.5' } },
] as const;
const TOKENS = [
  { symbol: 'USDC', decimals: 6 },
  { symbol: 'DAI', decimals: 18 },
] as const;

export interface DemoOptions {
  /** The families of the old and the new card; two Keycards when omitted. */
  cards?: DemoCards;
  /** `auto`: Electron where its binary exists, else the browser harness. */
  console?: 'auto' | 'harness' | 'electron';
  /** Launch Debian's Chromium on the harness page. */
  open?: boolean;
  /** Run that Chromium headless (the tests do: there is no display). */
  openHeadless?: boolean;
  /** Start as a first run: no settings, so no network is set up and nothing is contacted. */
  fresh?: boolean;
  /** The public servers offered per preset (tests point them at local nodes). */
  publicEndpoints?: EndpointBook;
  /** Put the Safe v1.5.0 contracts on the demo chain (`npm run demo` does). */
  safeContracts?: boolean;
  log?: (line: string) => void;
}

export type DemoSimulatedCard = SimulatedKeycard | SimulatedSatochip | SimulatedSeedkeeper;

export interface DemoCard {
  readonly family: CardFamily;
  readonly card: DemoSimulatedCard;
  readonly slot: InsertedCard;
  readonly reader: VirtualReader;
}

export interface Demo {
  readonly console: 'harness' | 'electron';
  /** The harness page, token included (harness only). */
  readonly url: string | undefined;
  readonly dataDir: string;
  readonly node: EvmNode;
  readonly oldCard: DemoCard;
  readonly newCard: DemoCard;
  /** The old card's funded accounts, EIP-55. */
  readonly accounts: readonly string[];
  readonly tokens: readonly { symbol: string; decimals: number; address: string }[];
  /** The services behind the harness (harness only). */
  readonly services: Services | undefined;
  /** The Chromium launched with `open`, and when its page has the harness's token. */
  readonly browser: { pid: number | undefined; connected: Promise<void> } | undefined;
  /** Explorer links the console asked to open in a browser (harness only). */
  readonly openedLinks: readonly string[];
  stop(): Promise<void>;
}

/** The Electron executable installed with the `electron` package, if it was downloaded. */
export function electronBinary(): string | undefined {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(dir, 'dist', relative);
    return fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds when dist is missing or older than the sources it is made from. */
function buildIfNeeded(log: (line: string) => void): void {
  const marker = path.join(ROOT, 'dist', 'renderer', 'index.html');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = Math.max(
    ...['main', 'preload', 'renderer'].map((dir) => newestMtime(path.join(ROOT, dir))),
  );
  if (built >= sources && fs.existsSync(path.join(ROOT, 'dist', 'main', 'index.cjs'))) return;
  log('Building Lifeboat (npm run build)…');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The build failed; see the output above.');
}

function demoAccounts(count: number): string[] {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(DEMO.mnemonic));
  return Array.from({ length: count }, (_, i) => {
    const node = root.derive(`m/44'/60'/0'/0/${i}`);
    return computeAddress(`0x${Buffer.from(node.publicKey!).toString('hex')}`);
  });
}

/**
 * The card that holds the demo wallet: a wallet card loaded with its phrase, or a backup card
 * keeping the phrase (readable in plain form), from which the wallet is rebuilt.
 */
async function walletCard(family: CardFamily): Promise<DemoSimulatedCard> {
  const credentials = { pin: DEMO.pin, puk: DEMO.puk };
  const tries = { pinTries: DEMO.pinTries, pukTries: DEMO.pukTries };
  switch (family) {
    case 'keycard':
      return SimulatedKeycard.initialized({
        ...credentials,
        pairingPassword: DEMO.pairingPassword,
        // The applet's default duress PIN is the PUK's first six digits, which here equal the
        // PIN: the card would open its decoy wallet. So the demo sets a different one.
        duressPin: DEMO.duressPin,
        mnemonic: DEMO.mnemonic,
      });
    case 'satochip':
      return SimulatedSatochip.initialized({ ...credentials, ...tries, mnemonic: DEMO.mnemonic });
    case 'seedkeeper': {
      // The demo phrase in the layout Lifeboat writes, readable in plain form.
      const { type, subtype, bytes } = await encodeSecret({
        kind: 'bip39',
        phrase: DEMO.mnemonic,
        passphrase: '',
      });
      return SimulatedSeedkeeper.initialized({
        ...credentials,
        ...tries,
        secrets: [{ label: DEMO.backupLabel, type, subtype, data: bytes }],
      });
    }
  }
}

function blankCard(family: CardFamily): DemoSimulatedCard {
  switch (family) {
    case 'keycard':
      return new SimulatedKeycard();
    case 'satochip':
      return new SimulatedSatochip();
    case 'seedkeeper':
      return new SimulatedSeedkeeper();
  }
}

/** The demo chain's explorer: a name that never resolves, so a link opens nothing real. */
const DEMO_EXPLORER = 'https://explorer.lifeboat-demo.invalid';

/** Chainlink-shaped feeds on the demo chain, so values in dollars can be shown. */
const DEMO_PRICES = { native: 3000_00000000n, USDC: 1_00000000n, DAI: 99_980000n } as const;

async function demoPriceFeeds(node: EvmNode, tokens: Demo['tokens']): Promise<PriceFeedBook> {
  const now = BigInt(Math.floor(Date.now() / 1000));
  const feed = async (pair: string, answer: bigint) => {
    const address = await node.deploy('TestPriceFeed', [8, pair]);
    await node.transact('TestPriceFeed', address, 'setRound', [answer, now]);
    return address;
  };
  const source = 'the demo chain (npm run demo)';
  return {
    [node.chainId]: [
      {
        asset: 'native',
        pair: 'ETH / USD',
        feed: await feed('ETH / USD', DEMO_PRICES.native),
        source,
      },
      ...(await Promise.all(
        tokens.map(async (token) => ({
          asset: token.address,
          pair: `${token.symbol} / USD`,
          feed: await feed(`${token.symbol} / USD`, DEMO_PRICES[token.symbol as 'USDC' | 'DAI']),
          source,
        })),
      )),
    ],
  };
}

function demoSettings(node: EvmNode, tokens: Demo['tokens']): Settings {
  // The simulators' test authorities, as a person would add them in the settings.
  const settings = defaultSettings([
    TEST_CA.publicKey,
    normaliseCaKey(TEST_TOPORIN_CA.satochip.publicKey),
    normaliseCaKey(TEST_TOPORIN_CA.seedkeeper.publicKey),
  ]);
  return {
    ...settings,
    networks: [
      {
        id: DEMO.networkId,
        name: 'Local demo chain',
        chainId: node.chainId,
        nativeSymbol: 'ETH',
        decimals: 18,
        rpcUrls: [node.url],
        explorer: DEMO_EXPLORER,
        feeModel: 'eip1559',
        enabled: true,
      },
      ...settings.networks,
    ],
    preferences: { ...settings.preferences, networksChosen: true },
    tokens: tokens.map((t) => ({
      networkId: DEMO.networkId,
      address: t.address,
      symbol: t.symbol,
      decimals: t.decimals,
    })),
  };
}

/** Runs `stops` in reverse, collecting every failure rather than stopping at the first. */
async function unwind(stops: (() => unknown)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'The demo did not stop cleanly.');
}

/**
 * The page Chromium is pointed at instead of the harness URL: a command line is readable
 * by every user of the machine (/proc/PID/cmdline), a 0600 file in the 0700 profile folder
 * only by this one. It sends the browser on to the URL, whose fragment carries the token.
 */
function writeOpener(profile: string, url: string): string {
  const file = path.join(profile, 'open-lifeboat.html');
  const attribute = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  fs.writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0; url=${attribute}"><title>Lifeboat</title>\n`,
    { mode: 0o600 },
  );
  return file;
}

/**
 * Starts a program in a process group of its own: a browser's helper processes (zygote,
 * renderers, utilities) outlive the main one unless the whole group is stopped.
 */
function launch(command: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { stdio: 'ignore', env: { ...process.env, ...env }, detached: true });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the child's whole process group and waits until none of it is left. */
async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 5000;
  while (groupAlive(pid)) {
    if (Date.now() > deadline) signal('SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => undefined);
  const electron = options.console === 'harness' ? undefined : electronBinary();
  if (options.console === 'electron' && !electron) {
    throw new Error('The Electron binary is not installed here; use the browser harness.');
  }
  const stops: (() => unknown)[] = [];
  try {
    buildIfNeeded(log);
    stops.push(await holdBench('npm run demo'));

    const pcscd = await ensurePcscd();
    if (pcscd.owned) stops.push(() => pcscd.stop());
    else log(`Using the pcscd that was already running (process ${pcscd.pid() ?? 'unknown'}).`);

    const [oldFamily, newFamily] = options.cards ?? ['keycard', 'keycard'];
    const oldCard = await walletCard(oldFamily);
    const newCard = blankCard(newFamily);
    const oldSlot = await insertIntoReader(oldCard, DEMO.oldReader);
    stops.push(() => oldSlot.remove());
    const newSlot = await insertIntoReader(newCard, DEMO.newReader);
    stops.push(() => newSlot.remove());

    const node = await EvmNode.start({ chainId: DEMO.chainId });
    stops.push(() => node.stop());
    // The Safe v1.5.0 contracts at their canonical addresses, so "Shared wallet (Safe)" works
    // on the demo chain as it does on public ones.
    if (options.safeContracts) await installSafeContracts(node);
    const accounts = demoAccounts(FUNDS.length);
    const tokens: { symbol: string; decimals: number; address: string }[] = [];
    for (const token of TOKENS) {
      tokens.push({ ...token, address: await node.deployToken(token.symbol, token.decimals) });
    }
    for (const [i, funds] of FUNDS.entries()) {
      await node.fund(accounts[i]!, parseUnits(funds.eth, 18));
      for (const [symbol, amount] of Object.entries(funds.tokens)) {
        const token = tokens.find((t) => t.symbol === symbol)!;
        await node.mintToken(token.address, accounts[i]!, parseUnits(amount, token.decimals));
      }
    }

    const priceFeeds = await demoPriceFeeds(node, tokens);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-demo-'));
    stops.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    if (!options.fresh) {
      fs.writeFileSync(
        path.join(dataDir, 'settings.json'),
        `${JSON.stringify({ version: 1, settings: demoSettings(node, tokens) }, null, 2)}\n`,
        { mode: 0o600 },
      );
    }
    const openedLinks: string[] = [];

    let url: string | undefined;
    let services: Services | undefined;
    let browser: Demo['browser'];
    if (electron) {
      const app = launch(electron, [path.join(ROOT, 'dist', 'main', 'index.cjs')], {
        LIFEBOAT_DATA_DIR: dataDir,
      });
      stops.push(() => stopChild(app));
    } else {
      const started = await createServices({
        dataDir,
        shell: 'harness',
        readers: benchReaders({ role: 'console' }),
        version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
        priceFeeds,
        ...(options.publicEndpoints ? { publicEndpoints: options.publicEndpoints } : {}),
        // The harness opens no browser: the link is printed for the person to open.
        openExternal: async (url) => {
          openedLinks.push(url);
          log(`The console asks to open ${url} in your browser.`);
        },
      });
      services = started;
      stops.push(() => started.stop());
      await started.start();
      const harness: Harness = await startHarness({
        dispatcher: started.dispatcher,
        events: started.events,
        rendererDir: path.join(ROOT, 'dist', 'renderer'),
      });
      stops.push(() => harness.close());
      url = harness.url;
      if (options.open) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-demo-chromium-'));
        stops.push(() => fs.rmSync(profile, { recursive: true, force: true }));
        const opener = writeOpener(profile, harness.url);
        // Chromium refuses to start as root with its sandbox; elsewhere it keeps it.
        const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
        const child = launch(CHROMIUM, [
          ...asRoot,
          ...(options.openHeadless ? ['--headless'] : []),
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          pathToFileURL(opener).href,
        ]);
        stops.push(() => stopChild(child));
        // Once the page holds the token, it is nowhere on disk any more.
        void harness.connected.then(() => fs.rmSync(opener, { force: true }));
        browser = { pid: child.pid, connected: harness.connected };
      }
    }

    let stopped: Promise<void> | undefined;
    return {
      console: electron ? 'electron' : 'harness',
      url,
      dataDir,
      node,
      oldCard: { family: oldFamily, card: oldCard, slot: oldSlot, reader: DEMO.oldReader },
      newCard: { family: newFamily, card: newCard, slot: newSlot, reader: DEMO.newReader },
      accounts,
      tokens,
      services,
      browser,
      openedLinks,
      stop: () => (stopped ??= unwind(stops)),
    };
  } catch (error) {
    await unwind(stops).catch(() => undefined);
    throw error;
  }
}

const NAME: Record<CardFamily, string> = {
  keycard: 'Keycard',
  satochip: 'Satochip',
  seedkeeper: 'Seedkeeper',
};

const HOLDS: Record<CardFamily, string> = {
  keycard: 'holds the demo wallet',
  satochip: 'holds the demo wallet',
  seedkeeper: `a backup card keeping the demo wallet's phrase as "${DEMO.backupLabel}"`,
};

function describe(demo: Demo, fresh: boolean): string {
  const funds = FUNDS.map((f, i) => {
    const tokens = Object.entries(f.tokens).map(([symbol, amount]) => `${amount} ${symbol}`);
    return `    ${demo.accounts[i]}: ${[`${f.eth} ETH`, ...tokens].join(', ')}`;
  });
  const where =
    demo.console === 'electron'
      ? '  Console:  the Lifeboat window'
      : `  Console:  ${demo.url}\n            (the browser harness; the link carries this run's access token)`;
  return [
    'Lifeboat demo — simulated cards and a local chain; nothing here is real money.',
    '',
    `  Old card: ${NAME[demo.oldCard.family]} in ${DEMO.oldReader} — ${HOLDS[demo.oldCard.family]}`,
    `            PIN ${DEMO.pin}, PUK ${DEMO.puk}${demo.oldCard.family === 'keycard' ? `, pairing password ${DEMO.pairingPassword}` : ''}`,
    `  New card: ${NAME[demo.newCard.family]} in ${DEMO.newReader} — blank, ready to be set up`,
    fresh
      ? `  Chain:    ${demo.node.url} (chain id ${demo.node.chainId}), not set up: this is a first\n            run (--fresh). To use it, add it in Settings, "Add a network".`
      : `  Chain:    ${demo.node.url} (chain id ${demo.node.chainId}, "Local demo chain")`,
    ...funds,
    `  Cards are attested against the simulators' test authorities, added in the settings.`,
    where,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      open: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
      cards: { type: 'string' },
      fresh: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const demo = await startDemo({
    ...(values.cards === undefined ? {} : { cards: parseDemoCards(values.cards) }),
    console: values.browser ? 'harness' : 'auto',
    open: values.open,
    fresh: values.fresh,
    safeContracts: true,
    log: (line) => console.log(line),
  });
  console.log(describe(demo, values.fresh));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  console.log('\nStopping the demo… (Ctrl-C again to quit at once)');
  process.once('SIGINT', () => process.exit(130));
  await demo.stop();
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

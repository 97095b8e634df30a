// settings.json: the networks with the person's RPC URLs, their own tokens, the attestation
// CA keys they trust, and preferences. Validated on every read and write; written
// atomically so a crash never leaves half a file; nothing secret ever goes in it.
import fs from 'node:fs';
import path from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { z } from 'zod';
import type { NetworkSettings, Settings } from '../preload/api';
import { NETWORK_PRESETS, httpUrl, networkFields, presetById } from './chain/networks';
import { writeFileAtomic } from './atomic-file';
import { LifeboatError } from './errors';
import { Listeners } from './listeners';

const FILE_VERSION = 1;

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const networkSchema = z
  .strictObject({
    ...networkFields,
    // A disabled network may keep no RPC address yet.
    rpcUrls: z.array(httpUrl).max(8),
    enabled: z.boolean(),
  })
  .refine((n) => !n.enabled || n.rpcUrls.length > 0, {
    message: 'An enabled network needs an RPC address.',
    path: ['rpcUrls'],
  })
  .refine((n) => (presetById(n.id)?.chainId ?? n.chainId) === n.chainId, {
    message: 'A known network keeps its chain id.',
    path: ['chainId'],
  });

const tokenSchema = z.strictObject({
  networkId: z.string().max(40),
  address,
  symbol: z.string().trim().min(1).max(12),
  decimals: z.number().int().min(0).max(36),
});

const caKey = z
  .string()
  .regex(/^0[23][0-9a-fA-F]{64}$/, 'A compressed secp256k1 public key in hex (66 characters)')
  .refine(isCurvePoint, 'Not a point on the secp256k1 curve')
  .transform((key) => key.toLowerCase());

/** A key that merely looks like hex would make every later attestation fail, so check it now. */
function isCurvePoint(hex: string): boolean {
  try {
    secp256k1.Point.fromHex(hex.toLowerCase());
    return true;
  } catch {
    return false;
  }
}

const schemeSchema = z.enum(['bip44', 'ledger-live', 'legacy']);

export const settingsSchema: z.ZodType<Settings> = z
  .strictObject({
    networks: z.array(networkSchema).max(64),
    tokens: z.array(tokenSchema).max(1000),
    trustedCaKeys: z.array(caKey).max(32),
    preferences: z.strictObject({
      schemes: z.array(schemeSchema).min(1).max(3),
      gapLimit: z.number().int().min(1).max(100),
      maxFeePerGas: z
        .string()
        .regex(/^[1-9][0-9]{0,77}$/)
        .optional(),
      showValues: z.boolean().optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      networksChosen: z.boolean().optional(),
    }),
  })
  .superRefine((settings, context) => {
    const ids = new Set<string>();
    settings.networks.forEach((network, index) => {
      if (ids.has(network.id)) {
        context.addIssue({
          code: 'custom',
          message: 'Duplicate network',
          path: ['networks', index, 'id'],
        });
      }
      ids.add(network.id);
    });
    const tokens = new Set<string>();
    settings.tokens.forEach((token, index) => {
      const key = `${token.networkId}:${token.address.toLowerCase()}`;
      if (!ids.has(token.networkId) || tokens.has(key)) {
        context.addIssue({
          code: 'custom',
          message: 'Unknown network or duplicate token',
          path: ['tokens', index],
        });
      }
      tokens.add(key);
    });
    if (new Set(settings.trustedCaKeys).size !== settings.trustedCaKeys.length) {
      context.addIssue({ code: 'custom', message: 'Duplicate CA key', path: ['trustedCaKeys'] });
    }
    if (new Set(settings.preferences.schemes).size !== settings.preferences.schemes.length) {
      context.addIssue({
        code: 'custom',
        message: 'Duplicate scheme',
        path: ['preferences', 'schemes'],
      });
    }
  });

const fileSchema = z.strictObject({ version: z.literal(FILE_VERSION), settings: settingsSchema });

/** Every known network, switched off until the person gives it an RPC address. */
export function defaultSettings(trustedCaKeys: readonly string[] = []): Settings {
  const networks: NetworkSettings[] = NETWORK_PRESETS.map((preset) => ({
    ...preset,
    rpcUrls: [],
    enabled: false,
  }));
  return {
    networks,
    tokens: [],
    trustedCaKeys: [...trustedCaKeys],
    preferences: { schemes: ['bip44', 'ledger-live', 'legacy'], gapLimit: 5 },
  };
}

/**
 * Parses settings from outside, or throws `invalid-input` naming the first bad field, or
 * `duplicate-chain-id` naming the network that already has that chain.
 */
export function parseSettings(input: unknown): Settings {
  const result = settingsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LifeboatError('invalid-input', issue?.message ?? 'These settings are not valid.', {
      field: issue?.path.join('.') ?? null,
    });
  }
  const { networks } = result.data;
  networks.forEach((network, index) => {
    const first = networks.find((n) => n.chainId === network.chainId)!;
    if (first === network) return;
    throw new LifeboatError(
      'duplicate-chain-id',
      `Chain ${network.chainId} is already set up as "${first.name}". Add the RPC address there instead.`,
      {
        field: `networks.${index}.chainId`,
        chainId: network.chainId,
        network: network.id,
        existing: first.id,
      },
    );
  });
  return result.data;
}

/**
 * Reads a settings file without touching it (the command line reads the console's this way):
 * undefined when there is none, `invalid-input` when it is damaged.
 */
export function peekSettings(file: string): Settings | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: ReturnType<typeof fileSchema.safeParse>;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = fileSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new LifeboatError('invalid-input', `${file} is not a Lifeboat settings file.`, {
      field: 'settings',
    });
  }
  return parsed.data.settings;
}

export class SettingsStore {
  private current: Settings;
  private readonly changes = new Listeners<Settings>();

  /**
   * Reads `file`, or starts from `defaults` when there is none. A damaged file is kept
   * beside it as `.damaged` for the person to inspect, and the defaults are used.
   */
  constructor(
    private readonly file: string,
    defaults: Settings,
  ) {
    this.current = this.read() ?? structuredClone(defaults);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  save(next: unknown): Settings {
    const settings = parseSettings(next);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, `${JSON.stringify({ version: FILE_VERSION, settings }, null, 2)}\n`);
    this.current = settings;
    this.changes.emit(this.get());
    return this.get();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    return this.changes.on(listener);
  }

  private read(): Settings | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.settings;
    } catch {
      // Not JSON at all: handled like any other damage below.
    }
    fs.renameSync(this.file, `${this.file}.damaged`);
    return undefined;
  }
}

// Edits to a copy of the settings, as pure functions. Main validates the whole object on
// save; these only keep the draft well-formed while the person edits it.
import type {
  NetworkSettings,
  Preferences,
  Scheme,
  Settings,
  TokenSettings,
} from '../../preload/api';

export const SCHEMES: readonly Scheme[] = ['bip44', 'ledger-live', 'legacy'];

/** One URL per line; blank lines and surrounding spaces are dropped. */
export function rpcLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function updateNetwork(
  settings: Settings,
  id: string,
  patch: Partial<NetworkSettings>,
): Settings {
  return {
    ...settings,
    networks: settings.networks.map((n) => (n.id === id ? { ...n, ...patch, id: n.id } : n)),
  };
}

/** An id for a network the person adds: its name in lower case, made unique. */
export function networkId(settings: Settings, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'network';
  const taken = new Set(settings.networks.map((n) => n.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export function addNetwork(settings: Settings, network: Omit<NetworkSettings, 'id'>): Settings {
  return {
    ...settings,
    networks: [...settings.networks, { ...network, id: networkId(settings, network.name) }],
  };
}

/**
 * A network the person added, taken out again with the tokens listed for it (they would point
 * at a network that no longer exists, which main refuses).
 */
export function removeNetwork(settings: Settings, id: string): Settings {
  return {
    ...settings,
    networks: settings.networks.filter((n) => n.id !== id),
    tokens: settings.tokens.filter((token) => token.networkId !== id),
  };
}

/** Another RPC address for a network that is set up, which is then searched. */
export function addRpcUrl(settings: Settings, id: string, url: string): Settings {
  return {
    ...settings,
    networks: settings.networks.map((n) =>
      n.id === id && !n.rpcUrls.includes(url)
        ? { ...n, rpcUrls: [...n.rpcUrls, url], enabled: true }
        : n,
    ),
  };
}

export function addToken(settings: Settings, token: TokenSettings): Settings {
  return { ...settings, tokens: [...settings.tokens, token] };
}

export function removeToken(settings: Settings, index: number): Settings {
  return { ...settings, tokens: settings.tokens.filter((_, i) => i !== index) };
}

/** A compressed secp256k1 public key in hex, as attestation CA keys are written. */
export function isCaKey(text: string): boolean {
  return /^0[23][0-9a-fA-F]{64}$/.test(text.trim());
}

export function addCaKey(settings: Settings, key: string): Settings {
  const normal = key.trim().toLowerCase();
  if (settings.trustedCaKeys.includes(normal)) return settings;
  return { ...settings, trustedCaKeys: [...settings.trustedCaKeys, normal] };
}

export function removeCaKey(settings: Settings, key: string): Settings {
  return { ...settings, trustedCaKeys: settings.trustedCaKeys.filter((k) => k !== key) };
}

/** Turns a scheme on or off, keeping the canonical order; the last one cannot be turned off. */
export function toggleScheme(preferences: Preferences, scheme: Scheme): Preferences {
  const on = new Set(preferences.schemes);
  if (on.has(scheme)) {
    if (on.size === 1) return preferences;
    on.delete(scheme);
  } else on.add(scheme);
  return { ...preferences, schemes: SCHEMES.filter((s) => on.has(s)) };
}

/** The preferences with a fee cap (wei) or without one. */
export function withFeeCap(preferences: Preferences, wei: string | null): Preferences {
  const { maxFeePerGas: _old, ...rest } = preferences;
  return wei === null ? rest : { ...rest, maxFeePerGas: wei };
}

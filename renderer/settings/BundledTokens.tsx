import { useEffect, useState } from 'react';
import type { NetworkPresetView, Settings } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { t } from '../i18n/t';

/** The tokens discovery looks for on the networks in use without being told, with sources. */
export function BundledTokens({ settings }: { settings: Settings }) {
  const [presets, setPresets] = useState<NetworkPresetView[]>([]);
  useEffect(() => {
    let current = true;
    void lifeboat()
      .networks.presets()
      .then((result) => {
        if (current && result.ok) setPresets(result.value);
      });
    return () => {
      current = false;
    };
  }, []);
  const used = presets.filter(
    (p) => p.tokens.length > 0 && settings.networks.some((n) => n.id === p.id && n.enabled),
  );
  if (used.length === 0) return null;
  return (
    <ul className="hint">
      {used.map((preset) => (
        <li key={preset.id}>
          {t('settings.bundledTokens', {
            name: preset.name,
            tokens: preset.tokens.map((token) => token.symbol).join(', '),
          })}
        </li>
      ))}
    </ul>
  );
}

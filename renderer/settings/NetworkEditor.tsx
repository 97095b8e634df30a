import { useId, useState } from 'react';
import type { NetworkSettings } from '../../preload/api';
import { t } from '../i18n/t';
import { rpcLines } from './settings-draft';

interface NetworkEditorProps {
  network: NetworkSettings;
  onChange: (patch: Partial<NetworkSettings>) => void;
  /** Only for a network the person added: the networks Lifeboat knows stay, switched off. */
  onRemove?: () => void;
}

/** One network: on or off, its RPC addresses (the only servers contacted) and explorer. */
export function NetworkEditor({ network, onChange, onRemove }: NetworkEditorProps) {
  const id = useId();
  // The raw text keeps blank lines while the person types; the draft gets the parsed list.
  const [rpcText, setRpcText] = useState(network.rpcUrls.join('\n'));
  // An address can also arrive from elsewhere (added for this chain from "Add a network").
  const listed = network.rpcUrls.join('\n');
  if (rpcLines(rpcText).join('\n') !== listed) setRpcText(listed);
  // Networks in use start open; the others stay one line each until the person opens them.
  const [openAtFirst] = useState(network.enabled);
  return (
    <details className="network" open={openAtFirst}>
      <summary>
        {t(network.enabled ? 'settings.networkOn' : 'settings.networkOff', {
          name: network.name,
          chainId: network.chainId,
        })}
      </summary>
      <fieldset>
        <legend>
          {t('settings.networkLegend', { name: network.name, chainId: network.chainId })}
        </legend>
        <div className="checkbox">
          <input
            id={`${id}-enabled`}
            type="checkbox"
            checked={network.enabled}
            onChange={(e) => onChange({ enabled: e.target.checked })}
          />
          <label htmlFor={`${id}-enabled`}>{t('settings.enabled', { name: network.name })}</label>
        </div>
        <label htmlFor={`${id}-rpc`}>{t('settings.rpcUrls', { name: network.name })}</label>
        <textarea
          id={`${id}-rpc`}
          rows={2}
          className="mono"
          spellCheck={false}
          value={rpcText}
          onChange={(e) => {
            setRpcText(e.target.value);
            onChange({ rpcUrls: rpcLines(e.target.value) });
          }}
        />
        <label htmlFor={`${id}-explorer`}>{t('settings.explorer', { name: network.name })}</label>
        <input
          id={`${id}-explorer`}
          className="mono"
          spellCheck={false}
          value={network.explorer ?? ''}
          onChange={(e) => {
            const explorer = e.target.value.trim();
            onChange({ explorer: explorer === '' ? undefined : explorer });
          }}
        />
        {onRemove && (
          <>
            <button type="button" aria-describedby={`${id}-remove-hint`} onClick={onRemove}>
              {t('settings.removeNetwork', { name: network.name })}
            </button>
            <p id={`${id}-remove-hint`} className="hint">
              {t('settings.removeNetworkHint')}
            </p>
          </>
        )}
      </fieldset>
    </details>
  );
}

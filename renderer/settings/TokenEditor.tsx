import { useId, useState, type FormEvent } from 'react';
import type { Settings, TokenSettings } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { isValidAddress } from '../format/address';
import { t, type MessageKey } from '../i18n/t';
import { networkName } from './networks';

interface TokenEditorProps {
  settings: Settings;
  onAdd: (token: TokenSettings) => void;
  onRemove: (index: number) => void;
}

/** The tokens discovery looks for besides the built-in lists. */
export function TokenEditor({ settings, onAdd, onRemove }: TokenEditorProps) {
  const id = useId();
  const [network, setNetwork] = useState(settings.networks[0]?.id ?? '');
  const [address, setAddress] = useState('');
  const [symbol, setSymbol] = useState('');
  const [decimals, setDecimals] = useState('18');
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const places = Number(decimals);
    if (!isValidAddress(address)) return setProblem('settings.badTokenAddress');
    if (symbol.trim() === '' || !Number.isInteger(places) || places < 0 || places > 36) {
      return setProblem('settings.badToken');
    }
    setProblem(null);
    onAdd({ networkId: network, address: address.trim(), symbol: symbol.trim(), decimals: places });
    setAddress('');
    setSymbol('');
  };

  return (
    <div className="stack">
      {settings.tokens.length === 0 ? (
        <p>{t('settings.noTokens')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('settings.tokensCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.network')}</th>
              <th scope="col">{t('review.asset')}</th>
              <th scope="col">{t('settings.tokenAddress')}</th>
              <th scope="col">{t('settings.decimals')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.tokens.map((token, index) => (
              <tr key={`${token.networkId}|${token.address}`}>
                <td>{networkName(settings, token.networkId)}</td>
                <td>{token.symbol}</td>
                <td>
                  <code>{token.address}</code>
                </td>
                <td>{token.decimals}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onRemove(index)}
                    aria-label={t('settings.removeToken', { symbol: token.symbol })}
                  >
                    {t('settings.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-network`}>{t('review.network')}</label>
        <select id={`${id}-network`} value={network} onChange={(e) => setNetwork(e.target.value)}>
          {settings.networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-address`}>{t('settings.tokenAddress')}</label>
        <input
          id={`${id}-address`}
          className="mono"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <label htmlFor={`${id}-symbol`}>{t('settings.tokenSymbol')}</label>
        <input id={`${id}-symbol`} value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        <label htmlFor={`${id}-decimals`}>{t('settings.decimals')}</label>
        <input
          id={`${id}-decimals`}
          inputMode="numeric"
          value={decimals}
          onChange={(e) => setDecimals(e.target.value)}
        />
        <FieldProblem problem={problem} />
        <button type="submit">{t('settings.addToken')}</button>
      </form>
    </div>
  );
}

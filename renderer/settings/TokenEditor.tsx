import { useId, useState, type FormEvent } from 'react';
import type { Settings, TokenSettings } from '../../preload/api';
import { lifeboat } from '../api/lifeboat';
import { ErrorNotice } from '../components/ErrorNotice';
import { FieldProblem } from '../components/FieldProblem';
import { StatusLine } from '../components/StatusLine';
import { isValidAddress } from '../format/address';
import { useAction } from '../hooks/useAction';
import { t, type MessageKey } from '../i18n/t';
import { networkName } from './networks';

interface TokenEditorProps {
  settings: Settings;
  onAdd: (token: TokenSettings) => void;
  onRemove: (index: number) => void;
}

/** The tokens discovery looks for besides the built-in lists, each as its chain describes it. */
export function TokenEditor({ settings, onAdd, onRemove }: TokenEditorProps) {
  const id = useId();
  const [network, setNetwork] = useState(settings.networks[0]?.id ?? '');
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<TokenSettings | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const lookUp = useAction(lifeboat().settings.lookUpToken);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFound(null);
    if (!isValidAddress(address)) return setProblem('settings.badTokenAddress');
    const listed = settings.tokens.some(
      (token) =>
        token.networkId === network && token.address.toLowerCase() === address.trim().toLowerCase(),
    );
    if (listed) return setProblem('settings.tokenListed');
    setProblem(null);
    const result = await lookUp.run({ networkId: network, address: address.trim() });
    if (result.ok) setFound(result.value);
  };

  const add = (token: TokenSettings) => {
    onAdd(token);
    setFound(null);
    setAddress('');
  };

  const changed = () => {
    setFound(null);
    lookUp.clear();
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
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={`${id}-network`}>{t('review.network')}</label>
        <select
          id={`${id}-network`}
          value={network}
          onChange={(e) => {
            setNetwork(e.target.value);
            changed();
          }}
        >
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
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setAddress(e.target.value);
            changed();
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {t('settings.tokenHint')}
        </p>
        <FieldProblem problem={problem} />
        <ErrorNotice error={lookUp.error} />
        <button type="submit" disabled={lookUp.busy}>
          {t('settings.lookUpToken')}
        </button>
      </form>
      {found && (
        <div className="stack">
          <StatusLine tone="good">
            {t('settings.tokenFound', {
              symbol: found.symbol,
              decimals: found.decimals,
              network: networkName(settings, found.networkId),
            })}
          </StatusLine>
          <button type="button" className="primary" onClick={() => add(found)}>
            {t('settings.addToken', { symbol: found.symbol })}
          </button>
        </div>
      )}
    </div>
  );
}

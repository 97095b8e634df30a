import { useId, useState, type FormEvent } from 'react';
import type { FeeModel, NetworkSettings } from '../../preload/api';
import { FieldProblem } from '../components/FieldProblem';
import { t, type MessageKey } from '../i18n/t';

const FEE_MODELS: readonly { model: FeeModel; label: MessageKey }[] = [
  { model: 'eip1559', label: 'settings.feeEip1559' },
  { model: 'op-stack', label: 'settings.feeOpStack' },
  { model: 'arbitrum', label: 'settings.feeArbitrum' },
  { model: 'legacy', label: 'settings.feeLegacy' },
];

interface AddNetworkFormProps {
  /** The networks already set up: a chain id is set up once. */
  networks: readonly NetworkSettings[];
  onAdd: (network: Omit<NetworkSettings, 'id'>) => void;
  /** Adds an RPC address to the network that already serves this chain. */
  onAddRpc: (networkId: string, rpcUrl: string) => void;
}

/** A network Lifeboat does not know by name, e.g. a local test chain. */
export function AddNetworkForm({ networks, onAdd, onAddRpc }: AddNetworkFormProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [chainId, setChainId] = useState('');
  const [symbol, setSymbol] = useState('ETH');
  const [feeModel, setFeeModel] = useState<FeeModel>('eip1559');
  const [rpc, setRpc] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [sameChain, setSameChain] = useState<NetworkSettings | null>(null);

  const reset = () => {
    setName('');
    setChainId('');
    setRpc('');
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chain = Number(chainId);
    if (name.trim() === '' || !Number.isSafeInteger(chain) || chain <= 0) {
      setSameChain(null);
      return setProblem('settings.badNetwork');
    }
    setProblem(null);
    const existing = networks.find((n) => n.chainId === chain);
    setSameChain(existing ?? null);
    if (existing) return;
    onAdd({
      name: name.trim(),
      chainId: chain,
      nativeSymbol: symbol.trim(),
      decimals: 18,
      rpcUrls: rpc.trim() === '' ? [] : [rpc.trim()],
      feeModel,
      enabled: rpc.trim() !== '',
    });
    reset();
  };

  const addRpcThere = (existing: NetworkSettings) => {
    onAddRpc(existing.id, rpc.trim());
    setSameChain(null);
    reset();
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-name`}>{t('settings.networkName')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-chain`}>{t('settings.chainId')}</label>
      <input
        id={`${id}-chain`}
        inputMode="numeric"
        value={chainId}
        onChange={(e) => setChainId(e.target.value)}
      />
      <label htmlFor={`${id}-symbol`}>{t('settings.symbol')}</label>
      <input id={`${id}-symbol`} value={symbol} onChange={(e) => setSymbol(e.target.value)} />
      <label htmlFor={`${id}-fee`}>{t('settings.feeModel')}</label>
      <select
        id={`${id}-fee`}
        value={feeModel}
        onChange={(e) => setFeeModel(e.target.value as FeeModel)}
      >
        {FEE_MODELS.map(({ model, label }) => (
          <option key={model} value={model}>
            {t(label)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-rpc`}>{t('settings.rpcUrl')}</label>
      <input
        id={`${id}-rpc`}
        className="mono"
        value={rpc}
        onChange={(e) => setRpc(e.target.value)}
      />
      <FieldProblem problem={problem} />
      {sameChain && (
        <div className="stack" role="alert">
          <p className="field-problem">
            {t('settings.sameChain', { name: sameChain.name, chainId: sameChain.chainId })}
          </p>
          {rpc.trim() !== '' && !sameChain.rpcUrls.includes(rpc.trim()) && (
            <button type="button" onClick={() => addRpcThere(sameChain)}>
              {t('settings.addRpcThere', { name: sameChain.name })}
            </button>
          )}
        </div>
      )}
      <button type="submit">{t('settings.addNetwork')}</button>
    </form>
  );
}

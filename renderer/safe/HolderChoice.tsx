import { useId } from 'react';
import type { SourceRef } from '../../preload/api';
import { sameSource, type Holder } from './holders';

interface HolderChoiceProps {
  legend: string;
  holders: readonly Holder[];
  chosen: SourceRef | null;
  onChoose: (source: SourceRef) => void;
}

/** One of the held cards and wallets, as radio buttons. */
export function HolderChoice({ legend, holders, chosen, onChoose }: HolderChoiceProps) {
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {holders.map((holder, i) => (
        <div className="checkbox" key={`${holder.label}-${i}`}>
          <input
            id={`${id}-${i}`}
            type="radio"
            name={id}
            checked={chosen !== null && sameSource(chosen, holder.source)}
            onChange={() => onChoose(holder.source)}
          />
          <label htmlFor={`${id}-${i}`}>{holder.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

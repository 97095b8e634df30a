// The final check of a case: every balance the plan touched is read again from the chain,
// so the report states what is really left, not what the plan expected.
import type { ChainConnection } from '../chain/connection';
import { balanceOfData, decodeUint } from '../chain/erc20';
import { LifeboatError } from '../errors';
import type { CaseRecord, VerifiedAsset } from './case-record';

export async function verifyCase(
  record: CaseRecord,
  connection: (networkId: string) => ChainConnection,
): Promise<{ at: string; assets: VerifiedAsset[] }> {
  const assets = await Promise.all(
    record.plan.assets.map(async (asset): Promise<VerifiedAsset> => {
      const chain = connection(asset.networkId);
      let balance: bigint | undefined;
      if (asset.asset === 'native') {
        balance = await chain.balance(asset.account);
      } else {
        balance = decodeUint(
          await chain.call({ to: asset.asset, data: balanceOfData(asset.account) }),
        );
        if (balance === undefined) {
          throw new LifeboatError('rpc-inconsistent', 'A token balance could not be read back.', {
            network: asset.networkId,
            what: 'token balance',
          });
        }
      }
      return { networkId: asset.networkId, account: asset.account, asset: asset.asset, balance };
    }),
  );
  return { at: new Date().toISOString(), assets };
}

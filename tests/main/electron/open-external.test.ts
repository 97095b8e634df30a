import { describe, expect, it } from 'vitest';
import { externalOpener } from '../../../main/electron/open-external';

describe('externalOpener', () => {
  it('hands https links to the browser and refuses every other kind', async () => {
    const opened: string[] = [];
    const open = externalOpener({
      openExternal: async (url: string) => {
        opened.push(url);
      },
    });
    await open('https://etherscan.io/tx/0xab');
    for (const bad of [
      'http://etherscan.io/tx/0xab',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@etherscan.io/',
      'not a url',
    ]) {
      await expect(open(bad), bad).rejects.toMatchObject({ code: 'explorer-not-configured' });
    }
    expect(opened).toEqual(['https://etherscan.io/tx/0xab']);
  });
});

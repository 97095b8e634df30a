// The process boundaries are enforced by lint; these probes prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

const restricted = (rules: string[]) => rules.some((r) => r.endsWith('no-restricted-imports'));

describe('process boundaries (eslint.config.js)', () => {
  it.each([
    ["import fs from 'fs'; export const x = fs;"],
    ["import fs from 'node:fs'; export const x = fs;"],
    ["import { spawn } from 'child_process'; export const x = spawn;"],
    ["import pcsc from 'pcsclite'; export const x = pcsc;"],
    ["import { ipcRenderer } from 'electron'; export const x = ipcRenderer;"],
    [
      "import { PcscReaders } from '../main/cards/pcsc/pcsc-readers'; export const x = PcscReaders;",
    ],
    ["import { buildApi } from '../preload/build-api'; export const x = buildApi;"],
  ])('fails a renderer file that does %s', async (code) => {
    expect(restricted(await rulesHit('renderer/probe.ts', code))).toBe(true);
  });

  it('lets the renderer use React and the preload contract', async () => {
    const code =
      "import { useState } from 'react'; import type { ErrorCode } from '../preload/errors'; export const x: [typeof useState, ErrorCode?] = [useState];";
    expect(await rulesHit('renderer/probe.ts', code)).toEqual([]);
  });

  it.each([
    ["import fs from 'fs'; export const x = fs;"],
    ["import { z } from 'zod'; export const x = z;"],
    ["import { LifeboatError } from '../main/errors'; export const x = LifeboatError;"],
  ])('fails a preload file that does %s', async (code) => {
    expect(restricted(await rulesHit('preload/probe.ts', code))).toBe(true);
  });

  it('lets the preload import electron and its own contract', async () => {
    const code =
      "import { contextBridge } from 'electron'; import { ERROR_HELP } from './errors'; export const x = [contextBridge, ERROR_HELP];";
    expect(await rulesHit('preload/probe.ts', code)).toEqual([]);
  });

  it('keeps pcsclite inside main/cards/pcsc', async () => {
    const code = "import pcsc from 'pcsclite'; export const x = pcsc;";
    expect(restricted(await rulesHit('main/chain/probe.ts', code))).toBe(true);
    expect(await rulesHit('main/cards/pcsc/probe.ts', code)).toEqual([]);
  });

  it('keeps electron out of the IPC handler table', async () => {
    const code = "import { ipcMain } from 'electron'; export const x = ipcMain;";
    expect(restricted(await rulesHit('main/ipc/handlers.ts', code))).toBe(true);
  });
});

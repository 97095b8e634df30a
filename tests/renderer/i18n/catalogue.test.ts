// The catalogue is the only source of visible words: every key the console uses exists with
// the placeholders it is given, every key in the catalogue is used, no component writes words
// of its own, and every error code has its help text.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_HELP } from '../../../preload/errors';
import { en } from '../../../renderer/i18n/en';

const RENDERER = path.resolve(import.meta.dirname, '../../../renderer');
const CATALOGUE = path.join(RENDERER, 'i18n', 'en.ts');
const keys = new Set(Object.keys(en));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && full !== CATALOGUE ? [full] : [];
  });
}

interface Found {
  literals: Set<string>;
  calls: { file: string; key: string; params: Set<string> | null }[];
  jsxText: { file: string; text: string }[];
  jsxAttributes: { file: string; name: string; text: string }[];
}

const WORDY_ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'aria-description']);

function scan(): Found {
  const found: Found = { literals: new Set(), calls: [], jsxText: [], jsxAttributes: [] };
  for (const file of sourceFiles(RENDERER)) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const relative = path.relative(RENDERER, file);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        found.literals.add(node.text);
      }
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 't'
      ) {
        const [first, second] = node.arguments;
        if (first && ts.isStringLiteral(first)) {
          const params =
            second && ts.isObjectLiteralExpression(second)
              ? new Set(
                  second.properties.flatMap((p) =>
                    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
                      ? [p.name.text]
                      : [],
                  ),
                )
              : second
                ? null
                : new Set<string>();
          found.calls.push({ file: relative, key: first.text, params });
        }
      }
      if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) {
        found.jsxText.push({ file: relative, text: node.text.trim() });
      }
      if (
        ts.isJsxAttribute(node) &&
        WORDY_ATTRIBUTES.has(node.name.getText(source)) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer) &&
        /\p{L}/u.test(node.initializer.text)
      ) {
        found.jsxAttributes.push({
          file: relative,
          name: node.name.getText(source),
          text: node.initializer.text,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function placeholders(entry: string | { one: string; other: string }): Set<string> {
  const texts = typeof entry === 'string' ? [entry] : [entry.one, entry.other];
  return new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)));
}

const found = scan();

describe('the string catalogue', () => {
  it('has every key the console looks up', () => {
    const missing = found.calls.filter((call) => !keys.has(call.key));
    expect(missing).toEqual([]);
    expect(found.calls.length).toBeGreaterThan(300);
  });

  it('has no key that the console never uses', () => {
    const unused = [...keys].filter((key) => !found.literals.has(key));
    expect(unused).toEqual([]);
  });

  it('is given every placeholder a message needs', () => {
    const short = found.calls.flatMap((call) => {
      if (call.params === null || !keys.has(call.key)) return [];
      const needed = placeholders(en[call.key as keyof typeof en]);
      const missing = [...needed].filter((name) => !call.params!.has(name));
      return missing.length > 0 ? [{ ...call, params: [...call.params], missing }] : [];
    });
    expect(short).toEqual([]);
  });

  it('gives plural messages a count', () => {
    const plural = found.calls.filter(
      (call) =>
        typeof en[call.key as keyof typeof en] === 'object' &&
        call.params !== null &&
        !call.params.has('count'),
    );
    expect(plural).toEqual([]);
  });

  it('holds only well-formed, non-empty messages', () => {
    for (const [key, entry] of Object.entries(en)) {
      const texts = typeof entry === 'string' ? [entry] : [entry.one, entry.other];
      for (const text of texts) {
        expect(text.trim(), key).not.toBe('');
        expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
      }
      if (typeof entry !== 'string') expect(placeholders(entry).has('count'), key).toBe(true);
    }
  });

  it('is the only place components take words from', () => {
    expect(found.jsxText).toEqual([]);
    expect(found.jsxAttributes).toEqual([]);
  });
});

describe('error help texts', () => {
  it('exist in plain words for every error code', () => {
    for (const [code, help] of Object.entries(ERROR_HELP)) {
      expect(help.length, code).toBeGreaterThan(15);
      expect(help, code).toMatch(/[.!]$/);
    }
  });
});

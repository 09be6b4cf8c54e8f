// The two UI languages must say the same things: the same keys, no empty text, every message
// valid vue-i18n syntax, and every key the renderer's source asks for must exist.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import { de } from '../../renderer/src/i18n/de.ts';
import { en } from '../../renderer/src/i18n/en.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const deLeaves = leaves(de);
const enLeaves = leaves(en);
const deKeys = deLeaves.map(([key]) => key).sort();
const enKeys = enLeaves.map(([key]) => key).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(vue|ts)$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer i18n messages', () => {
  it('has the same key set in German and English', () => {
    expect(deKeys.length).toBeGreaterThan(100);
    expect(enKeys).toEqual(deKeys);
  });

  it('has no empty or whitespace-only text', () => {
    const empty = [...deLeaves.map(([k, v]) => [`de.${k}`, v]), ...enLeaves.map(([k, v]) => [`en.${k}`, v])].filter(
      ([, value]) => value!.trim() === '',
    );
    expect(empty).toEqual([]);
  });

  it('uses the same parameters in both languages', () => {
    const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    const english = new Map(enLeaves);
    const mismatched = deLeaves
      .filter(([key, text]) => JSON.stringify([...new Set(params(text))]) !== JSON.stringify([...new Set(params(english.get(key)!))]))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('compiles every message without a syntax error', () => {
    const errors: string[] = [];
    for (const locale of ['de', 'en'] as const) {
      const i18n = createI18n({
        legacy: false,
        locale,
        messages: { de, en },
        missingWarn: false,
        fallbackWarn: false,
      });
      for (const [key] of locale === 'de' ? deLeaves : enLeaves) {
        try {
          const text = i18n.global.t(key, { count: 2, n: 2 }, 2);
          if (text === key) errors.push(`${locale}.${key}: not resolved`);
        } catch (error) {
          errors.push(`${locale}.${key}: ${String(error)}`);
        }
      }
    }
    expect(errors).toEqual([]);
  });

  it('defines every literal key the renderer source uses', () => {
    const rendererSrc = path.resolve(import.meta.dirname, '../../renderer/src');
    const known = new Set(deKeys);
    const used = new Set<string>();
    for (const file of sourceFiles(rendererSrc)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z][\w.]*)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/(?:labelKey|messageKey|titleKey):\s*'([A-Za-z][\w.]*)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/notify\(\s*'\w+',\s*'([A-Za-z][\w.]*)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});

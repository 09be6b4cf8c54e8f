// The theme's colour pairs meet WCAG AA: 4.5:1 for text, 3:1 for the focus ring and for the
// borders that show where a control is. Reads the tokens from the stylesheet the renderer ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(import.meta.dirname, '../../renderer/src/styles/base.css'), 'utf8');

type Rgba = [number, number, number, number];

function token(name: string): Rgba {
  const match = new RegExp(`--color-${name}:\\s*([^;]+);`).exec(css);
  if (!match) throw new Error(`token --color-${name} not found`);
  return parseColor(match[1]!.trim());
}

function parseColor(text: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = Number.parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgb = /^rgb\((\d+) (\d+) (\d+) \/ (\d+)%\)$/.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4]) / 100];
  throw new Error(`unsupported colour ${text}`);
}

/** A translucent colour laid over an opaque one. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const backgrounds = ['bg', 'surface', 'surface-raised', 'surface-hover'] as const;

describe('theme contrast (WCAG AA)', () => {
  it.each(['text', 'text-muted', 'accent', 'success', 'warning', 'danger'])('%s text on every background', (name) => {
    for (const background of backgrounds) {
      expect(contrast(token(name), token(background)), `${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each([
    ['success', 'success-tint'],
    ['warning', 'warning-tint'],
    ['danger', 'danger-tint'],
    ['text', 'danger-tint'],
    ['text-muted', 'danger-tint'],
    ['text-muted', 'success-tint'],
    ['text', 'accent-tint'],
  ])('%s text on %s over the surface', (text, tint) => {
    expect(contrast(token(text), over(token(tint), token('surface')))).toBeGreaterThanOrEqual(4.5);
  });

  it('white text on the primary button', () => {
    expect(contrast(token('on-accent'), token('accent-strong'))).toBeGreaterThanOrEqual(4.5);
  });

  it('focus ring and input borders stand out from their background', () => {
    for (const background of backgrounds) {
      expect(contrast(token('focus'), token(background))).toBeGreaterThanOrEqual(3);
    }
    for (const background of ['bg', 'surface', 'surface-raised'] as const) {
      expect(contrast(token('border-strong'), token(background)), `control border on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });
});

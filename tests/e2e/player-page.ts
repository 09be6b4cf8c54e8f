// Opening fixture clips in the player, shared by the player's end-to-end tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Expected, ExpectedClip } from '../fixtures/generate-station.ts';
import type { VariantTag } from '../fixtures/station-recipe.ts';
import { expect } from './fixtures.ts';
import { callApi } from './api.ts';

export function expectedFixture(): Expected {
  const drive = process.env.REVIER_E2E_DRIVE;
  if (!drive) throw new Error('REVIER_E2E_DRIVE is not set');
  return JSON.parse(readFileSync(path.join(path.dirname(drive), 'expected.json'), 'utf8')) as Expected;
}

export function clipTagged(tag: VariantTag): ExpectedClip {
  const clip = expectedFixture().clips.find((c) => c.tags.includes(tag));
  if (!clip) throw new Error(`no fixture clip tagged ${tag}`);
  return clip;
}


/** The library's clip id of a fixture clip, once the host's own scan has ingested it. */
export async function clipIdOf(page: Page, clipPath: string): Promise<number> {
  const find = async (): Promise<number | null> => {
    const list = await callApi<{ recordings: { id: number }[] }>(page, 'library.list', { limit: 500 });
    for (const recording of list.recordings) {
      const detail = await callApi<{ clips: { id: number; path: string }[] }>(page, 'library.get', { id: recording.id });
      const clip = detail.clips.find((c) => c.path === clipPath);
      if (clip) return clip.id;
    }
    return null;
  };
  await expect.poll(find, { timeout: 30_000, message: `${clipPath} in the library` }).not.toBeNull();
  return (await find()) as number;
}

export async function openClip(page: Page, clipPath: string, justification = 'Az. 4711 Js 123/24'): Promise<number> {
  const id = await clipIdOf(page, clipPath);
  await page.goto(`${new URL(page.url()).origin}/#/clips/${id}`);
  await page.getByTestId('justification-input').fill(justification);
  await page.getByTestId('justification-submit').click();
  return id;
}

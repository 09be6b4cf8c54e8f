// Every view of every role in both languages: a screenshot to look at (test-results/), nothing
// cut off or overflowing sideways, every form field labelled and the focus ring visible.
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/api/actor.ts';
import { expect, test } from './fixtures.ts';

/** The views each role's navigation offers, in its order. */
const viewsOf: Partial<Record<Role, readonly string[]>> = {
  supervisor: ['library', 'cases', 'player', 'exports', 'approvals', 'access-requests', 'retention'],
  administrator: ['retention', 'users', 'settings'],
  dpo: ['exports', 'approvals', 'access-requests', 'audit', 'retention'],
  trainer: ['exports'],
};

async function fitsAndIsLabelled(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} overflows sideways`).toBeLessThanOrEqual(0);
  const unlabelled = await page.locator('input, select, textarea').evaluateAll((fields) =>
    fields.filter((field) => (field as HTMLInputElement).labels?.length === 0 && !field.getAttribute('aria-label')).length,
  );
  expect(unlabelled, `${name} has unlabelled fields`).toBe(0);
}

for (const [role, views] of Object.entries(viewsOf) as [Role, readonly string[]][]) {
  test.describe(`as ${role}`, () => {
    test.use({ role });
    for (const language of ['de', 'en'] as const) {
      test(`every view fits the window and is labelled (${language})`, async ({ page }, testInfo) => {
        await page.getByTestId(`language-${language}`).click();
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(views.length);
        for (const view of views) {
          await page.getByTestId(`nav-${view}`).click();
          await expect(page).toHaveURL(new RegExp(`#/${view}$`));
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await page.screenshot({ path: testInfo.outputPath(`${role}-${language}-${view}.png`), fullPage: true });
          await fitsAndIsLabelled(page, view);
        }
      });
    }
  });
}

test.describe('before signing in', () => {
  test.use({ role: null });
  test('the sign-in screen fits and is labelled in both languages', async ({ page }, testInfo) => {
    for (const language of ['de', 'en'] as const) {
      await page.getByTestId(`language-${language}`).click();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: testInfo.outputPath(`sign-in-${language}.png`) });
      await fitsAndIsLabelled(page, 'sign-in');
    }
  });
});

test('keyboard focus is visible', async ({ page }) => {
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    const style = getComputedStyle(focused);
    return { tag: focused.tagName, width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });
  expect(outline.tag).not.toBe('BODY');
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

// Every view in both languages: a screenshot to look at (test-results/), nothing cut off or
// overflowing sideways, every form field labelled and the focus ring visible.
import { expect, test } from './fixtures.ts';

const views = ['library', 'player', 'exports', 'audit', 'settings'] as const;

for (const language of ['de', 'en'] as const) {
  test(`every view fits the window and is labelled (${language})`, async ({ page }, testInfo) => {
    await page.getByTestId(`language-${language}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const view of views) {
      await page.getByTestId(`nav-${view}`).click();
      await expect(page).toHaveURL(new RegExp(`#/${view}$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`${language}-${view}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${view} overflows sideways`).toBeLessThanOrEqual(0);
      const unlabelled = await page.locator('input, select, textarea').evaluateAll((fields) =>
        fields.filter((field) => (field as HTMLInputElement).labels?.length === 0 && !field.getAttribute('aria-label')).length,
      );
      expect(unlabelled, `${view} has unlabelled fields`).toBe(0);
    }
  });
}

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

// The network trap itself: a page that reaches for another host must show up in it, or the
// "no outbound connection" checks of the other tests could never fail.
import { expect, test } from './fixtures.ts';

test('the trap records a request to a foreign host', async ({ browser, trap }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const before = trap.attempts.length;
  await page.goto('http://revier-trap-check.invalid/').catch(() => undefined);
  await context.close();
  expect(trap.attempts.slice(before).some((line) => line.includes('revier-trap-check.invalid'))).toBe(true);
});

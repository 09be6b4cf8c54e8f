// The contract from inside a signed-in page, as the renderer calls it (same origin, session cookie).
import type { Page } from '@playwright/test';

/** Calls a contract method and returns its value; a refused call throws with the core's error. */
export async function callApi<T>(page: Page, method: string, request: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, request }) => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
      return response.json() as Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
    },
    { method, request },
  );
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

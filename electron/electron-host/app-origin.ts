// The renderer's own origin: `app://renderer`, a privileged standard scheme (see schemes.ts) so
// the page gets a real origin and a secure context instead of `file://`.
export const appScheme = 'app';
export const appHost = 'renderer';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** True for URLs on the renderer's origin. (`URL.origin` is "null" for custom schemes, so the
 * scheme and host are compared instead.) */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
}

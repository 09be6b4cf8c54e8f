// Where footage is served. The hosts serve a clip's bytes under its media token only (see
// player.ts): the browser host at `/media/<token>` on its own origin, the Electron host at
// `evidence://media/<token>`. Both hosts read the token back with `mediaTokenFromUrl`.
import { MediaTokenSchema } from './player.ts';

/** The Electron host's privileged scheme for footage. */
export const evidenceScheme = 'evidence';
export const evidenceMediaHost = 'media';
export const httpMediaPrefix = '/media/';

/** Same-origin path of a clip's media in the browser host. */
export const httpMediaPath = (token: string): string => `${httpMediaPrefix}${token}`;

/** Address of a clip's media in the Electron host. */
export const evidenceMediaUrl = (token: string): string => `${evidenceScheme}://${evidenceMediaHost}/${token}`;

const evidenceMediaAddress = new RegExp(`^${evidenceScheme}://${evidenceMediaHost}/([^/?#]*)(?:[?#]|$)`);
const httpMediaAddress = new RegExp(`^https?://[^/?#]+${httpMediaPrefix}([^/?#]*)(?:[?#]|$)`);

/**
 * The media token a URL names, or null when it names none: `evidence://media/<token>`, or
 * `http(s)://<host>/media/<token>`. Query and fragment are ignored; nothing else may follow the
 * token. Takes a serialized URL as `Request.url` gives it (dot segments resolved, scheme and host
 * lower case), which is what both hosts hand the media handler.
 */
export function mediaTokenFromUrl(url: string): string | null {
  const candidate = (evidenceMediaAddress.exec(url) ?? httpMediaAddress.exec(url))?.[1];
  return candidate !== undefined && MediaTokenSchema.safeParse(candidate).success ? candidate : null;
}

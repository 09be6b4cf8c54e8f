// Where the hosts serve footage, and the one parser of the token both hosts use.
import { describe, expect, it } from 'vitest';
import { evidenceMediaUrl, httpMediaPath, mediaTokenFromUrl } from '../../shared/api/media.ts';

const token = '0123456789abcdef0123456789abcdef';

describe('media addresses', () => {
  it('builds the browser host path and the evidence: URL', () => {
    expect(httpMediaPath(token)).toBe(`/media/${token}`);
    expect(evidenceMediaUrl(token)).toBe(`evidence://media/${token}`);
  });

  it('reads the token back from both forms, as Request.url serializes them', () => {
    expect(mediaTokenFromUrl(new Request(evidenceMediaUrl(token)).url)).toBe(token);
    expect(mediaTokenFromUrl(new Request(`http://127.0.0.1:4000${httpMediaPath(token)}`).url)).toBe(token);
    expect(mediaTokenFromUrl(`http://127.0.0.1:4000/media/${token}?t=1#x`)).toBe(token);
    expect(mediaTokenFromUrl(new Request(`http://127.0.0.1:4000/x/../media/${token}`).url)).toBe(token);
  });

  it.each([
    `http://127.0.0.1:4000/media/${token.toUpperCase()}`,
    `http://127.0.0.1:4000/media/${token}0`,
    `http://127.0.0.1:4000/media/${token.slice(1)}`,
    `http://127.0.0.1:4000/media/${token}/`,
    `http://127.0.0.1:4000/media/${token}/x`,
    `http://127.0.0.1:4000/media/`,
    `http://127.0.0.1:4000/media/../${token}`,
    `http://127.0.0.1:4000/other/${token}`,
    `http://127.0.0.1:4000/api/media/${token}`,
    `http://127.0.0.1:4000/media/%2e%2e%2fetc%2fpasswd`,
    `evidence://clip/${token}`,
    `evidence://media.evil/${token}`,
    `evidence://media/media/${token}`,
    `app://renderer/media/${token}`,
    `file:///media/${token}`,
    'not a url',
  ])('names no media: %s', (url) => {
    expect(mediaTokenFromUrl(url)).toBeNull();
  });
});

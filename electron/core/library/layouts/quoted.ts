// A value from a sidecar as it appears in a problem message: in quotes, control characters
// blanked, cut short, so a hostile file cannot flood or garble the message.

const MAX_CHARS = 60;

export function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `"${clean.length > MAX_CHARS ? `${clean.slice(0, MAX_CHARS - 1)}…` : clean}"`;
}

// ffprobe writes rationals as "30000/1001" (and "0/0" for none).
export interface Rational {
  num: number;
  den: number;
}

/** The rational in `text`, or null when it is missing, malformed or has a zero denominator. */
export function parseRational(text: string | undefined): Rational | null {
  const match = /^(-?\d+)[/:](\d+)$/.exec(text ?? '');
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return den > 0 && Number.isSafeInteger(num) && Number.isSafeInteger(den) ? { num, den } : null;
}

// The player's keyboard map, in one place: the key handler and the cheat sheet both read it.
// Keys follow editing suites: Space/K pause, J/L shuttle, arrows step frames, I/O mark the range;
// annotation keys are single letters too (M marker, R/E draw, X outside, N next frame), undo and
// redo the usual Ctrl+Z / Ctrl+Shift+Z, and Alt+arrows move the selected mask.

export const playerCommands = [
  'togglePlay',
  'pause',
  'shuttleBackward',
  'shuttleForward',
  'stepBackward',
  'stepForward',
  'stepBackward10',
  'stepForward10',
  'first',
  'last',
  'markIn',
  'markOut',
  'jumpField',
  'cheatSheet',
  'markPoint',
  'markRange',
  'drawRectangle',
  'drawEllipse',
  'toggleOutside',
  'copyToNextFrame',
  'maskLeft',
  'maskRight',
  'maskUp',
  'maskDown',
  'maskNarrower',
  'maskWider',
  'maskShorter',
  'maskTaller',
  'audioRedaction',
  'togglePreview',
  'deleteSelection',
  'cancel',
  'undo',
  'redo',
] as const;
export type PlayerCommand = (typeof playerCommands)[number];

export interface Shortcut {
  command: PlayerCommand;
  /** KeyboardEvent.key values (case-insensitive for letters). */
  keys: string[];
  shift?: boolean;
  /** Ctrl (or Cmd) held. */
  ctrl?: boolean;
  alt?: boolean;
  /** How the cheat sheet writes the key. */
  label: string;
}

/** Reviewing: playing, stepping, in/out and the jump field. */
export const playbackShortcuts: Shortcut[] = [
  { command: 'togglePlay', keys: [' '], label: 'Space' },
  { command: 'pause', keys: ['k'], label: 'K' },
  { command: 'shuttleBackward', keys: ['j'], label: 'J' },
  { command: 'shuttleForward', keys: ['l'], label: 'L' },
  { command: 'stepBackward', keys: ['ArrowLeft'], label: '←' },
  { command: 'stepForward', keys: ['ArrowRight'], label: '→' },
  { command: 'stepBackward10', keys: ['ArrowLeft'], shift: true, label: 'Shift + ←' },
  { command: 'stepForward10', keys: ['ArrowRight'], shift: true, label: 'Shift + →' },
  { command: 'first', keys: ['Home'], label: 'Pos1 / Home' },
  { command: 'last', keys: ['End'], label: 'Ende / End' },
  { command: 'markIn', keys: ['i'], label: 'I' },
  { command: 'markOut', keys: ['o'], label: 'O' },
  { command: 'jumpField', keys: ['g'], label: 'G' },
  { command: 'cheatSheet', keys: ['?'], label: '?' },
];

/** Annotating: markers, redactions on the paused picture, audio, undo and redo. */
export const annotationShortcuts: Shortcut[] = [
  { command: 'markPoint', keys: ['m'], label: 'M' },
  { command: 'markRange', keys: ['m'], shift: true, label: 'Shift + M' },
  { command: 'drawRectangle', keys: ['r'], label: 'R' },
  { command: 'drawEllipse', keys: ['e'], label: 'E' },
  { command: 'toggleOutside', keys: ['x'], label: 'X' },
  { command: 'copyToNextFrame', keys: ['n'], label: 'N' },
  { command: 'maskLeft', keys: ['ArrowLeft'], alt: true, label: 'Alt + ←' },
  { command: 'maskRight', keys: ['ArrowRight'], alt: true, label: 'Alt + →' },
  { command: 'maskUp', keys: ['ArrowUp'], alt: true, label: 'Alt + ↑' },
  { command: 'maskDown', keys: ['ArrowDown'], alt: true, label: 'Alt + ↓' },
  { command: 'maskNarrower', keys: ['ArrowLeft'], alt: true, shift: true, label: 'Alt + Shift + ←' },
  { command: 'maskWider', keys: ['ArrowRight'], alt: true, shift: true, label: 'Alt + Shift + →' },
  { command: 'maskShorter', keys: ['ArrowUp'], alt: true, shift: true, label: 'Alt + Shift + ↑' },
  { command: 'maskTaller', keys: ['ArrowDown'], alt: true, shift: true, label: 'Alt + Shift + ↓' },
  { command: 'audioRedaction', keys: ['a'], label: 'A' },
  { command: 'togglePreview', keys: ['v'], label: 'V' },
  { command: 'deleteSelection', keys: ['Delete'], label: 'Entf / Delete' },
  { command: 'cancel', keys: ['Escape'], label: 'Esc' },
  { command: 'undo', keys: ['z'], ctrl: true, label: 'Strg + Z' },
  { command: 'redo', keys: ['z'], ctrl: true, shift: true, label: 'Strg + Shift + Z' },
];

export const shortcuts: Shortcut[] = [...playbackShortcuts, ...annotationShortcuts];

/**
 * The command a key press means, or null. Ctrl and Alt must be exactly as the table says (other
 * combinations are the browser's), Meta counts as Ctrl; Shift matters for arrows and for keys
 * that have a Shift variant (M, Z), letters and Space ignore it otherwise.
 */
export function commandOf(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>): PlayerCommand | null {
  const ctrl = event.ctrlKey || event.metaKey;
  if (event.ctrlKey && event.metaKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const candidates = shortcuts.filter((s) => s.keys.includes(key) && Boolean(s.ctrl) === ctrl && Boolean(s.alt) === event.altKey);
  const shiftMatters = key.startsWith('Arrow') || candidates.some((s) => s.shift);
  const shortcut = candidates.find((s) => !shiftMatters || Boolean(s.shift) === event.shiftKey);
  return shortcut?.command ?? null;
}

/** Shuttle speeds: each J or L press doubles the speed in its direction, up to 16x. */
export const maxShuttleRate = 16;

export function nextShuttleRate(current: number, direction: 1 | -1): number {
  if (Math.sign(current) !== direction) return direction;
  return direction * Math.min(maxShuttleRate, Math.abs(current) * 2);
}

/** Speeds offered in the speed menu (the browser plays 0.0625x to 16x). */
export const playbackRates = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16] as const;

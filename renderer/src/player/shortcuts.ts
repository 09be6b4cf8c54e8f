// The player's keyboard map, in one place: the key handler and the cheat sheet both read it.
// Keys follow editing suites: Space/K pause, J/L shuttle, arrows step frames, I/O mark the range.

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
] as const;
export type PlayerCommand = (typeof playerCommands)[number];

export interface Shortcut {
  command: PlayerCommand;
  /** KeyboardEvent.key values (case-insensitive for letters). */
  keys: string[];
  shift?: boolean;
  /** How the cheat sheet writes the key. */
  label: string;
}

export const shortcuts: Shortcut[] = [
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

/** The command a key press means, or null. Presses with Ctrl, Alt or Meta are the browser's. */
export function commandOf(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>): PlayerCommand | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // '?' needs Shift on most layouts; letters and Space ignore it.
  const shiftMatters = key.startsWith('Arrow');
  const shortcut = shortcuts.find((s) => s.keys.includes(key) && (!shiftMatters || Boolean(s.shift) === event.shiftKey));
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

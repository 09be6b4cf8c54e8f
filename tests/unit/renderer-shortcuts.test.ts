// The player's keyboard map: which press means which command, the shuttle speeds and the speed menu.
import { describe, expect, it } from 'vitest';
import {
  commandOf,
  maxShuttleRate,
  nextShuttleRate,
  playbackRates,
  playerCommands,
  shortcuts,
  type PlayerCommand,
} from '../../renderer/src/player/shortcuts.ts';

type Press = Parameters<typeof commandOf>[0];
type Modifiers = Partial<Omit<Press, 'key'>>;

const press = (key: string, modifiers: Modifiers = {}): Press => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
});
const shift: Modifiers = { shiftKey: true };

describe('commandOf (key press → player command)', () => {
  it.each<[string, Press, PlayerCommand]>([
    ['Space', press(' '), 'togglePlay'],
    ['Shift + Space', press(' ', shift), 'togglePlay'],
    ['k', press('k'), 'pause'],
    ['K (Shift)', press('K', shift), 'pause'],
    ['K (Caps Lock)', press('K'), 'pause'],
    ['j', press('j'), 'shuttleBackward'],
    ['J (Shift)', press('J', shift), 'shuttleBackward'],
    ['l', press('l'), 'shuttleForward'],
    ['L (Shift)', press('L', shift), 'shuttleForward'],
    ['←', press('ArrowLeft'), 'stepBackward'],
    ['→', press('ArrowRight'), 'stepForward'],
    ['Shift + ←', press('ArrowLeft', shift), 'stepBackward10'],
    ['Shift + →', press('ArrowRight', shift), 'stepForward10'],
    ['Home', press('Home'), 'first'],
    ['Shift + Home', press('Home', shift), 'first'],
    ['End', press('End'), 'last'],
    ['i', press('i'), 'markIn'],
    ['I (Shift)', press('I', shift), 'markIn'],
    ['o', press('o'), 'markOut'],
    ['O (Shift)', press('O', shift), 'markOut'],
    ['g', press('g'), 'jumpField'],
    ['G (Shift)', press('G', shift), 'jumpField'],
    ['? typed with Shift', press('?', shift), 'cheatSheet'],
    ['? on a layout without Shift', press('?'), 'cheatSheet'],
    ['m', press('m'), 'markPoint'],
    ['Shift + M', press('M', shift), 'markRange'],
    ['M with Caps Lock', press('M'), 'markPoint'],
    ['r', press('r'), 'drawRectangle'],
    ['e', press('e'), 'drawEllipse'],
    ['x', press('x'), 'toggleOutside'],
    ['n', press('n'), 'copyToNextFrame'],
    ['Alt + ←', press('ArrowLeft', { altKey: true }), 'maskLeft'],
    ['Alt + ↓', press('ArrowDown', { altKey: true }), 'maskDown'],
    ['Alt + Shift + →', press('ArrowRight', { altKey: true, shiftKey: true }), 'maskWider'],
    ['Alt + Shift + ↑', press('ArrowUp', { altKey: true, shiftKey: true }), 'maskShorter'],
    ['a', press('a'), 'audioRedaction'],
    ['v', press('v'), 'togglePreview'],
    ['Delete', press('Delete'), 'deleteSelection'],
    ['Escape', press('Escape'), 'cancel'],
    ['Ctrl + Z', press('z', { ctrlKey: true }), 'undo'],
    ['Cmd + Z', press('z', { metaKey: true }), 'undo'],
    ['Ctrl + Shift + Z', press('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
  ])('%s', (_name, event, command) => {
    expect(commandOf(event)).toBe(command);
  });

  it.each<[string, Press]>([
    ['Ctrl + k', press('k', { ctrlKey: true })],
    ['Ctrl + Space', press(' ', { ctrlKey: true })],
    ['Ctrl + Shift + ←', press('ArrowLeft', { ctrlKey: true, shiftKey: true })],
    ['Ctrl + Alt + ←', press('ArrowLeft', { ctrlKey: true, altKey: true })],
    ['Alt + z', press('z', { altKey: true })],
    ['Ctrl + m', press('m', { ctrlKey: true })],
    ['Alt + Home', press('Home', { altKey: true })],
    ['Meta + l', press('l', { metaKey: true })],
    ['Meta + Shift + ?', press('?', { metaKey: true, shiftKey: true })],
    ['Ctrl + Alt + Meta + i', press('i', { ctrlKey: true, altKey: true, metaKey: true })],
  ])('leaves %s to the browser', (_name, event) => {
    expect(commandOf(event)).toBeNull();
  });

  it.each<[string, Press]>([
    ['q', press('q')],
    ['Enter', press('Enter')],
    ['z without Ctrl', press('z')],
    ['Tab', press('Tab')],
    ['↑', press('ArrowUp')],
    ['Shift + ↓', press('ArrowDown', shift)],
    ['PageDown', press('PageDown')],
    ['F5', press('F5')],
    ['home in lower case (not a key value)', press('home')],
    ['Spacebar (old key value)', press('Spacebar')],
    ['/ (the unshifted ? key)', press('/')],
    ['ß', press('ß')],
    ['Dead', press('Dead')],
    ['Unidentified', press('Unidentified')],
    ['empty key', press('')],
  ])('knows nothing of %s', (_name, event) => {
    expect(commandOf(event)).toBeNull();
  });
});

describe('the shortcut table', () => {
  it.each(playerCommands.map((command) => [command]))('%s has exactly one shortcut', (command) => {
    expect(shortcuts.filter((shortcut) => shortcut.command === command)).toHaveLength(1);
  });

  it('has a shortcut for every command and only for player commands', () => {
    expect(shortcuts.map((shortcut) => shortcut.command).sort()).toEqual([...playerCommands].sort());
    expect(shortcuts).toHaveLength(34);
  });

  it('gives every shortcut its own label', () => {
    const labels = shortcuts.map((shortcut) => shortcut.label);
    expect(labels.every((label) => label.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('reaches every command through each of its keys, with Shift as the table says', () => {
    for (const shortcut of shortcuts) {
      for (const key of shortcut.keys) {
        expect(commandOf(press(key, { shiftKey: Boolean(shortcut.shift), ctrlKey: Boolean(shortcut.ctrl), altKey: Boolean(shortcut.alt) }))).toBe(shortcut.command);
      }
    }
  });

  it('uses no key and modifier combination twice', () => {
    const combinations = shortcuts.flatMap((shortcut) => shortcut.keys.map((key) => `${key}|${Boolean(shortcut.shift)}|${Boolean(shortcut.ctrl)}|${Boolean(shortcut.alt)}`));
    expect(new Set(combinations).size).toBe(combinations.length);
  });
});

describe('shuttle speeds', () => {
  /** The rates after each press, starting from `rate`. */
  const presses = (start: number, directions: (1 | -1)[]): number[] => {
    const rates: number[] = [];
    let rate = start;
    for (const direction of directions) {
      rate = nextShuttleRate(rate, direction);
      rates.push(rate);
    }
    return rates;
  };

  it('doubles forward from a stop up to 16x: 0 → 1 → 2 → 4 → 8 → 16 → 16', () => {
    expect(presses(0, [1, 1, 1, 1, 1, 1])).toEqual([1, 2, 4, 8, 16, 16]);
  });

  it('turns round at 1x and then doubles backward: 4 → -1 → -2 → -4 → -8 → -16 → -16', () => {
    expect(presses(4, [-1, -1, -1, -1, -1, -1])).toEqual([-1, -2, -4, -8, -16, -16]);
  });

  it('turns round from backward to forward at 1x', () => {
    expect(presses(-16, [1, 1])).toEqual([1, 2]);
  });

  it.each<[number, 1 | -1, number]>([
    [0, -1, -1],
    [-0, 1, 1],
    [1, -1, -1],
    [-1, 1, 1],
    [0.5, 1, 1],
    [0.25, 1, 0.5],
    [0.5, -1, -1],
    [3, 1, 6],
    [10, 1, 16],
    [16, 1, 16],
    [-10, -1, -16],
    [Number.NaN, 1, 1],
  ])('from %d pressing %d gives %d', (current, direction, next) => {
    expect(nextShuttleRate(current, direction)).toBe(next);
  });

  it('stops at 16x', () => {
    expect(maxShuttleRate).toBe(16);
  });
});

describe('speed menu', () => {
  it('offers rates the browser plays, in ascending order, including normal speed', () => {
    expect(playbackRates).toContain(1);
    for (const rate of playbackRates) {
      expect(rate).toBeGreaterThanOrEqual(0.1);
      expect(rate).toBeLessThanOrEqual(16);
    }
    expect([...playbackRates].sort((a, b) => a - b)).toEqual([...playbackRates]);
    expect(new Set(playbackRates).size).toBe(playbackRates.length);
  });

  it('reaches the fastest shuttle speed', () => {
    expect(Math.max(...playbackRates)).toBe(maxShuttleRate);
  });
});

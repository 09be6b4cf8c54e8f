// Calls `onIdle` once no pointer, key or wheel input reached the window for `minutes`; any input
// starts the wait again. Listeners and the timer end with the calling component.
import { onScopeDispose, watch, type Ref } from 'vue';

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdle(minutes: Ref<number>, onIdle: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, minutes.value * 60_000);
  };
  for (const name of inputEvents) window.addEventListener(name, restart, { passive: true, capture: true });
  watch(minutes, restart, { immediate: true });
  onScopeDispose(() => {
    clearTimeout(timer);
    for (const name of inputEvents) window.removeEventListener(name, restart, { capture: true });
  });
}

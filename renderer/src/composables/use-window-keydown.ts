// A keydown listener on the window for as long as the calling component lives.
import { onScopeDispose } from 'vue';

export function useWindowKeydown(listener: (event: KeyboardEvent) => void): void {
  window.addEventListener('keydown', listener);
  onScopeDispose(() => window.removeEventListener('keydown', listener));
}

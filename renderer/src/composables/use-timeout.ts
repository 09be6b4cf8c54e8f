// A timer tied to the calling component: cleared when the component unmounts.
import { onScopeDispose } from 'vue';

export function useTimeout(callback: () => void, milliseconds: number): { cancel: () => void } {
  const handle = setTimeout(callback, milliseconds);
  const cancel = (): void => clearTimeout(handle);
  onScopeDispose(cancel);
  return { cancel };
}

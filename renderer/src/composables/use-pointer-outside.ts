// Calls `listener` for every pointer press outside an element (a menu that closes when the user
// clicks elsewhere), for as long as the calling component lives.
import { onScopeDispose, type Ref } from 'vue';

export function usePointerOutside(element: Readonly<Ref<HTMLElement | null>>, listener: () => void): void {
  const onPointerDown = (event: PointerEvent): void => {
    const inside = element.value;
    if (inside && event.target instanceof Node && !inside.contains(event.target)) listener();
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  onScopeDispose(() => document.removeEventListener('pointerdown', onPointerDown, true));
}

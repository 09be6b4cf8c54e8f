// Virtual scrolling for a list of rows of one fixed height: follows the scroll position and the
// size of a scroll container and says which rows to render. The scroll listener, the resize
// observer and the pending animation frame are removed when the calling scope ends.
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { scrollTopToReveal, visibleRows, type RowRange } from '../format/virtual-window.ts';

export interface VirtualRowsOptions {
  rowHeight: number;
  /** Rows rendered beyond the visible ones on each side. */
  overscan: number;
  /** Height of content above the rows inside the container (a sticky header). */
  headerHeight?: number;
}

export interface VirtualRows {
  /** The rows to render. */
  range: Readonly<Ref<RowRange>>;
  /** How many rows fit on screen. */
  rowsPerScreen: Readonly<Ref<number>>;
  /** Scrolls as little as needed to show a row; the range follows at once. */
  reveal(index: number): void;
  scrollToTop(): void;
}

export function useVirtualRows(container: Ref<HTMLElement | null>, total: Ref<number>, options: VirtualRowsOptions): VirtualRows {
  const headerHeight = options.headerHeight ?? 0;
  const scrollTop = ref(0);
  const height = ref(0);
  let frame = 0;

  const bodyHeight = computed(() => Math.max(0, height.value - headerHeight));
  // The same range object while the rows stay the same, so that watchers fire only on a change.
  const range = computed<RowRange>((previous) => {
    const next = visibleRows(scrollTop.value, bodyHeight.value, options.rowHeight, total.value, options.overscan);
    return previous && previous.start === next.start && previous.end === next.end ? previous : next;
  });
  const rowsPerScreen = computed(() => Math.max(1, Math.floor(bodyHeight.value / options.rowHeight)));

  function measure(): void {
    frame = 0;
    const element = container.value;
    if (!element) return;
    scrollTop.value = element.scrollTop;
    height.value = element.clientHeight;
  }

  function onScroll(): void {
    if (frame === 0) frame = requestAnimationFrame(measure);
  }

  const resizeObserver = new ResizeObserver(() => measure());

  watch(
    container,
    (element, previous) => {
      if (previous) {
        previous.removeEventListener('scroll', onScroll);
        resizeObserver.unobserve(previous);
      }
      if (element) {
        element.addEventListener('scroll', onScroll, { passive: true });
        resizeObserver.observe(element);
        measure();
      }
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    container.value?.removeEventListener('scroll', onScroll);
    resizeObserver.disconnect();
    if (frame !== 0) cancelAnimationFrame(frame);
  });

  function reveal(index: number): void {
    const element = container.value;
    if (!element) return;
    const next = scrollTopToReveal(index, options.rowHeight, element.scrollTop, bodyHeight.value);
    if (next !== element.scrollTop) element.scrollTop = next;
    scrollTop.value = element.scrollTop;
  }

  function scrollToTop(): void {
    const element = container.value;
    if (element) element.scrollTop = 0;
    scrollTop.value = 0;
  }

  return { range, rowsPerScreen, reveal, scrollToTop };
}

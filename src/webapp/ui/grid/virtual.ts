import type { RefObject } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** Rows rendered at once before the grid switches to windowing (off-screen rows not in the DOM). */
export const VIRTUAL_THRESHOLD = 120;
const OVERSCAN = 10;

export interface RowWindow {
  first: number;
  last: number;
  padTop: number;
  padBottom: number;
  onScroll(): void;
  scrollToRow(r: number): void;
}

/** The rows in view of a scrolling container, for forms too large to render whole. */
export function useWindow(ref: RefObject<HTMLElement>, count: number, rowHeight: number): RowWindow {
  const virtual = count > VIRTUAL_THRESHOLD;
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(800);
  useEffect(() => {
    if (ref.current) setHeight(ref.current.clientHeight || 800);
  }, [ref.current]);
  const onScroll = useCallback(() => {
    if (virtual && ref.current) setTop(ref.current.scrollTop);
  }, [virtual]);
  if (!virtual) return { first: 0, last: count - 1, padTop: 0, padBottom: 0, onScroll, scrollToRow: () => undefined };
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  return {
    first,
    last,
    padTop: first * rowHeight,
    padBottom: (count - 1 - last) * rowHeight,
    onScroll,
    scrollToRow(r) {
      const el = ref.current;
      if (!el) return;
      const y = r * rowHeight;
      if (y < el.scrollTop + rowHeight) el.scrollTop = Math.max(0, y - rowHeight);
      else if (y > el.scrollTop + el.clientHeight - 2 * rowHeight) el.scrollTop = y - el.clientHeight + 2 * rowHeight;
      setTop(el.scrollTop);
    },
  };
}

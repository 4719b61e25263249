/**
 * The paginated grid: LiveKit's useGridLayout (with callink's table of shapes), usePagination
 * (speakers move to page 1, the rest stays put) and TrackLoop, as LiveKit's GridLayout does,
 * but with page controls people can use: LiveKit's are two unnamed buttons, drawn invisible
 * until the mouse moves over the grid and labelled "1 of 3" in English only. These are always
 * shown, in their own row under the tiles, named and in the page's language.
 */
import {
  Chevron,
  TrackLoop,
  useGridLayout,
  usePagination,
  useSwipe,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { useRef, type ReactNode, type RefObject } from 'react';
import { t } from '../../join/ui.js';
import { CALL_GRID_LAYOUTS, layoutCount } from './grid-math.js';
import './grid.css';

export function CallGrid(props: { tracks: TrackReferenceOrPlaceholder[]; children: ReactNode }) {
  const grid = useRef<HTMLDivElement>(null) as RefObject<HTMLDivElement>;
  const { layout } = useGridLayout(grid, layoutCount(props.tracks.length), {
    gridLayouts: CALL_GRID_LAYOUTS,
  });
  const pages = usePagination(layout.maxTiles, props.tracks);
  useSwipe(grid, { onLeftSwipe: pages.nextPage, onRightSwipe: pages.prevPage });
  const paged = pages.totalPageCount > 1;
  return (
    <div className="call-grid" data-pages={pages.totalPageCount} data-page={pages.currentPage}>
      <div ref={grid} className="lk-grid-layout" data-lk-pagination={paged ? 'true' : 'false'}>
        <TrackLoop tracks={pages.tracks}>{props.children}</TrackLoop>
      </div>
      {paged && (
        <nav
          className="pager"
          aria-label={t('page_of', { page: pages.currentPage, pages: pages.totalPageCount })}
        >
          <button
            type="button"
            className="pager-prev"
            aria-label={t('page_prev')}
            title={t('page_prev')}
            disabled={pages.currentPage === 1}
            onClick={pages.prevPage}
          >
            <Chevron aria-hidden="true" />
          </button>
          <span aria-hidden="true">
            {t('page_of', { page: pages.currentPage, pages: pages.totalPageCount })}
          </span>
          <button
            type="button"
            aria-label={t('page_next')}
            title={t('page_next')}
            disabled={pages.currentPage === pages.totalPageCount}
            onClick={pages.nextPage}
          >
            <Chevron aria-hidden="true" />
          </button>
        </nav>
      )}
    </div>
  );
}

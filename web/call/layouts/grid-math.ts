/**
 * The grid's shape for a number of tiles in a stage of a given size: LiveKit's selectGridLayout
 * with callink's table of shapes, and the tile size the stylesheet gives them (LiveKit's grid
 * CSS: equal columns, rows only as many as the page fills, a gap around and between).
 * LiveKit's own table keeps a phone (< 560 px wide) to two tiles a page and puts five or six
 * people on a laptop in a 3×3 grid a third of the screen high; callink's lets a phone show four
 * (2×2) or six (2×3) and a laptop six as 3×2, as Meet does. Pure: tested for 1–32 tiles.
 */
import { selectGridLayout, type GridLayoutDefinition } from '@livekit/components-core';

export const CALL_GRID_LAYOUTS: GridLayoutDefinition[] = [
  { columns: 1, rows: 1 },
  { columns: 1, rows: 2, orientation: 'portrait' },
  { columns: 2, rows: 1, orientation: 'landscape' },
  { columns: 2, rows: 2, minWidth: 300 },
  { columns: 2, rows: 3, orientation: 'portrait', minWidth: 300 },
  { columns: 3, rows: 2, orientation: 'landscape', minWidth: 600 },
  { columns: 3, rows: 3, minWidth: 700 },
  { columns: 4, rows: 4, minWidth: 960 },
  { columns: 5, rows: 5, minWidth: 1100 },
];

/** The most tiles a page holds; beyond it LiveKit falls back to its biggest shape (and logs it). */
export const MAX_TILES = Math.max(...CALL_GRID_LAYOUTS.map((l) => l.columns * l.rows));

/** The count to ask LiveKit's layout choice for: the same shape, without its fallback warning. */
export const layoutCount = (count: number): number => Math.min(Math.max(count, 1), MAX_TILES);

/** The CSS gap around and between tiles (--lk-grid-gap: 0.5rem). */
export const GRID_GAP = 8;

export interface GridPlan {
  columns: number;
  /** Tiles on one page. */
  perPage: number;
  pages: number;
  /** Tiles on each page, first to last. */
  pageSizes: number[];
}

export function gridPlan(count: number, width: number, height: number): GridPlan {
  const layout = selectGridLayout(CALL_GRID_LAYOUTS, layoutCount(count), width, height);
  const pages = Math.max(1, Math.ceil(count / layout.maxTiles));
  const pageSizes = Array.from({ length: pages }, (_, i) =>
    Math.min(layout.maxTiles, count - i * layout.maxTiles),
  );
  return { columns: layout.columns, perPage: layout.maxTiles, pages, pageSizes };
}

/** The size of each tile of a page of `onPage` tiles in a grid of `columns` (CSS grid math). */
export function tileSize(
  columns: number,
  onPage: number,
  width: number,
  height: number,
  gap = GRID_GAP,
): { width: number; height: number } {
  const rows = Math.max(1, Math.ceil(onPage / columns));
  return {
    width: (width - 2 * gap - (columns - 1) * gap) / columns,
    height: (height - 2 * gap - (rows - 1) * gap) / rows,
  };
}

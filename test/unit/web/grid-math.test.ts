/**
 * The call grid's shape for 1–32 tiles (web/call/layouts/grid-math.ts): every tile on some
 * page, tiles that fill the stage, and the sizes people see on a laptop and a phone.
 * Stage sizes are the viewport less the control bar (64 px on a laptop, two rows on a phone).
 */
import { describe, expect, it } from 'vitest';
import { GRID_GAP, gridPlan, tileSize } from '../../../web/call/layouts/grid-math.js';

const STAGES = {
  'laptop 1280×800': { width: 1280, height: 800 - 64, viewport: 1280 * 800 },
  'phone 390×844': { width: 390, height: 844 - 120, viewport: 390 * 844 },
  'phone on its side 844×390': { width: 844, height: 390 - 64, viewport: 844 * 390 },
  'laptop with chat open 920×736': { width: 920, height: 736, viewport: 1280 * 800 },
} as const;

describe('the call grid', () => {
  for (const [name, stage] of Object.entries(STAGES)) {
    it(`puts every one of 1–32 people on a page and fills the stage on a ${name}`, () => {
      for (let n = 1; n <= 32; n++) {
        const plan = gridPlan(n, stage.width, stage.height);
        expect(
          plan.pageSizes.reduce((a, b) => a + b, 0),
          `${n} people`,
        ).toBe(n);
        expect(plan.pageSizes.every((s) => s >= 1 && s <= plan.perPage)).toBe(true);
        expect(plan.pages).toBe(Math.ceil(n / plan.perPage));
        // A full page fills the stage: columns × rows of tiles plus the gaps are the stage.
        const full = Math.min(n, plan.perPage);
        const tile = tileSize(plan.columns, full, stage.width, stage.height);
        const rows = Math.ceil(full / plan.columns);
        expect(plan.columns * tile.width + (plan.columns + 1) * GRID_GAP).toBeCloseTo(stage.width);
        expect(rows * tile.height + (rows + 1) * GRID_GAP).toBeCloseTo(stage.height);
        // Nobody is a postage stamp: a tile is at least 120 px wide and 90 px high.
        expect(tile.width, `${n} people`).toBeGreaterThanOrEqual(120);
        expect(tile.height, `${n} people`).toBeGreaterThanOrEqual(90);
        // A grid never leaves a whole empty row: the page's tiles need all its rows.
        expect(Math.ceil(full / plan.columns)).toBeLessThanOrEqual(
          Math.ceil(plan.perPage / plan.columns),
        );
      }
    });
  }

  for (const name of ['laptop 1280×800', 'phone 390×844'] as const) {
    it(`gives two people at least 70 % of a ${name} for the other person's video`, () => {
      const stage = STAGES[name];
      // Two people: one remote tile in the grid, one's own in the corner.
      const plan = gridPlan(1, stage.width, stage.height);
      const tile = tileSize(plan.columns, 1, stage.width, stage.height);
      expect((tile.width * tile.height) / stage.viewport).toBeGreaterThanOrEqual(0.7);
    });
  }

  it('shows up to 25 people a page on a laptop and 6 on a phone, then pages', () => {
    expect(gridPlan(25, 1280, 736)).toMatchObject({ perPage: 25, pages: 1 });
    expect(gridPlan(26, 1280, 736)).toMatchObject({ perPage: 25, pages: 2 });
    expect(gridPlan(32, 1280, 736).pageSizes).toEqual([25, 7]);
    expect(gridPlan(4, 390, 724)).toMatchObject({ columns: 2, perPage: 4, pages: 1 });
    expect(gridPlan(6, 390, 724)).toMatchObject({ columns: 2, perPage: 6, pages: 1 });
    expect(gridPlan(7, 390, 724).pageSizes).toEqual([6, 1]);
    expect(gridPlan(32, 390, 724).pages).toBe(6);
  });

  it('regression: a phone no longer shows only two people a page (LiveKit needs 560 px for 2×2)', () => {
    expect(gridPlan(3, 390, 724).perPage).toBeGreaterThan(2);
    expect(gridPlan(3, 390, 724).pages).toBe(1);
  });

  it('regression: five or six people on a laptop get half-height tiles (3×2), not a 3×3 grid', () => {
    const plan = gridPlan(6, 1280, 736);
    expect(plan).toMatchObject({ columns: 3, perPage: 6 });
    expect(tileSize(plan.columns, 6, 1280, 736).height).toBeGreaterThan(736 / 2 - 2 * GRID_GAP);
  });
});

import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has neither: Mantine reads the colour scheme and measures elements with them.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }) as MediaQueryList;

class NoopResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= NoopResizeObserver;

// Mantine's autosizing Textarea (Description) listens for web fonts; the router scrolls on
// navigation. jsdom has neither.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}
window.scrollTo = () => undefined;
// Mantine's Combobox scrolls the selected option into view; jsdom has no layout.
Element.prototype.scrollIntoView ??= () => undefined;

// Role queries skip their per-element visibility check (a getComputedStyle walk up the tree for
// every candidate, seconds per query over the builder's DOM in jsdom); Mantine with env="test"
// renders nothing hidden that a test could pick by mistake.
// findBy* / waitFor give up after asyncUtilTimeout: a page's first render loads its lazy chunk,
// which on the shared machines takes seconds under load (a limit, not a wait).
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());

"""What a projector in a classroom needs, measured in the page as the browser draws it.

- `unreadable_text(page)`: every piece of text inside our widgets (elements whose classes
  start with "rnn-") whose contrast with what is drawn behind it is below WCAG AA (4.5:1).
  The colours are the computed ones, so the theme's own (JupyterLab Light or Dark) count; a
  semi-transparent colour is blended over what lies under it. SVG text is left to the
  headless tests (tests/widgets/test_contrast.py), which read the colours the SVG sets.
- `too_tall_widgets(page, scroller)`: our widgets taller than the notebook's visible area
  (the element that scrolls the notebook), i.e. those a teacher would have to scroll through.
- `theme(page)`: the JupyterLab theme the page shows ("JupyterLab Dark" …), "" elsewhere.
"""

from __future__ import annotations

from tools.browser.lab import MIN_CONTRAST

# Outermost elements of ours: a class starting with "rnn-" and no such ancestor.
_ROOTS_JS = """
const ours = e => [...e.classList].some(c => c.startsWith('rnn-'));
const roots = [...document.querySelectorAll("[class*='rnn-']")].filter(e => {
    if (!ours(e)) return false;
    for (let p = e.parentElement; p; p = p.parentElement) if (ours(p)) return false;
    return true;
});
"""

_CONTRAST_JS = "(minimum) => {" + _ROOTS_JS + """
    const rgba = text => {
        const m = (text || '').match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, under) => [0, 1, 2].map(
        i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
    const luminance = c => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92
                                                      : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const backdrop = element => {  // what is drawn behind the element, blended
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        let colour = [255, 255, 255, 1];  // the canvas, if nothing is opaque
        for (const c of layers.reverse()) colour = over(c, colour);
        return colour;
    };
    const problems = [];
    for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (!node.textContent.trim() || !element || element.closest('svg')) continue;
            if (!element.getClientRects().length) continue;          // not drawn
            if (getComputedStyle(element).visibility === 'hidden') continue;
            const back = backdrop(element);
            const ink = over(rgba(getComputedStyle(element).color) || [0, 0, 0, 1], back);
            const [a, b] = [luminance(ink), luminance(back)].sort((x, y) => y - x);
            const ratio = (a + 0.05) / (b + 0.05);
            if (ratio < minimum)
                problems.push(`${JSON.stringify(node.textContent.trim().slice(0, 30))} ` +
                    `in .${[...root.classList].find(c => c.startsWith('rnn-'))}: ` +
                    `${ratio.toFixed(2)}:1 (text rgb(${ink.slice(0, 3).map(Math.round)}) ` +
                    `on rgb(${back.slice(0, 3).map(Math.round)}))`);
        }
    }
    return problems;
}"""

_TALL_JS = "(scroller) => {" + _ROOTS_JS + """
    const view = document.querySelector(scroller);
    if (!view) return [`no element ${scroller} scrolls the notebook`];
    const height = view.clientHeight;
    return roots.filter(e => e.getBoundingClientRect().height > height).map(e =>
        `.${[...e.classList].find(c => c.startsWith('rnn-'))} is ` +
        `${Math.round(e.getBoundingClientRect().height)} px tall; ` +
        `the notebook shows ${height} px`);
}"""

SCROLLERS = {"lab": ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer",
             "classic": "#site"}


def unreadable_text(page, minimum: float = MIN_CONTRAST) -> list[str]:
    return page.evaluate(_CONTRAST_JS, minimum)


def too_tall_widgets(page, frontend: str = "lab") -> list[str]:
    return page.evaluate(_TALL_JS, SCROLLERS[frontend])


def theme(page) -> str:
    return page.evaluate("document.body.dataset.jpThemeName || ''")

"""Warm-renderer timings for the standard complaint with three defendants: DOCX, PDF, and bare WeasyPrint.

Targets: DOCX ≤ 60 ms, PDF ≤ 400 ms and ≤ 300 KB. The ratio compares our PDF path (validation, sandboxed
Jinja, forms-only URL fetcher, gc.collect) with WeasyPrint rendering the same HTML bare, in the same run.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time


class _FontToolsWarning(logging.Handler):
    """Notice WeasyPrint's warning that it fell back from HarfBuzz to fontTools for subsetting."""

    seen = False

    def emit(self, record):
        if "fontTools" in record.getMessage():
            _FontToolsWarning.seen = True


def _median_ms(func, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    """Print the medians, the PDF size, the ratio to bare WeasyPrint and the subsetting backend."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    logging.getLogger("weasyprint").addHandler(_FontToolsWarning())

    from legalops.documents.render import get_renderer, weasyprint

    renderer = get_renderer()
    spec = renderer.registry.get("complaint")
    context = json.loads((spec.folder / "sample.json").read_text(encoding="utf-8"))
    assert len(context["respondents"]) == 3
    renderer.render_docx(spec, context), renderer.render_pdf(spec, context)  # warm up
    docx_ms = _median_ms(lambda: renderer.render_docx(spec, context), args.runs)
    pdf_ms = _median_ms(lambda: renderer.render_pdf(spec, context), args.runs)
    size = len(renderer.render_pdf(spec, context))

    wp = weasyprint()
    html = renderer.render_html(spec, context, inline_css=True)
    fonts = wp.text.fonts.FontConfiguration()
    wp.HTML(string=html).write_pdf(font_config=fonts)
    bare_ms = _median_ms(lambda: wp.HTML(string=html).write_pdf(font_config=fonts), args.runs)

    from weasyprint.text.ffi import harfbuzz_subset

    hb = harfbuzz_subset is not None and not _FontToolsWarning.seen
    print(f"complaint, 3 defendants, median of {args.runs} warm runs")
    print(f"DOCX  {docx_ms:7.1f} ms   (target <= 60 ms)  {'ok' if docx_ms <= 60 else 'OVER'}")
    print(f"PDF   {pdf_ms:7.1f} ms   (target <= 400 ms) {'ok' if pdf_ms <= 400 else 'OVER'}")
    print(f"PDF   {size / 1024:7.1f} KB   (target <= 300 KB) {'ok' if size <= 300 * 1024 else 'OVER'}")
    print(f"bare WeasyPrint on the same HTML {bare_ms:7.1f} ms; ours / bare = {pdf_ms / bare_ms:.2f}")
    print(f"font subsetting: {'HarfBuzz (hb-subset)' if hb else 'fontTools fallback (slow)'}")


if __name__ == "__main__":
    main()

"""Static SVG charts drawn by hand, so the report is one self-contained file (no script, no
network, no plotting dependency): stacked bars and a dated scatter on a log scale."""
from __future__ import annotations

import math
from datetime import date, timedelta
from html import escape

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
OTHER = "#9a9a9a"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif"
SHAPES = ("circle", "triangle", "square", "diamond", "cross")


def color_map(keys: list[str]) -> dict[str, str]:
    """First keys get the palette's colours (callers order them by weight), the rest grey."""
    return {k: (PALETTE[i] if i < len(PALETTE) else OTHER) for i, k in enumerate(keys)}


def fmt(n: float | int | None) -> str:
    """1234567 -> '1.2M', 12000 -> '12k', 950 -> '950'."""
    if n is None:
        return "–"
    n = float(n)
    for scale, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(n) >= scale:
            v = n / scale
            return f"{v:.1f}{suffix}".replace(".0" + suffix, suffix) if v < 100 else f"{v:.0f}{suffix}"
    return f"{n:.0f}"


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" style="{FONT};font-size:12px">'
            f"<title>{escape(label)}</title>{''.join(body)}</svg>")


def _text(x, y, s, anchor="start", size=12, weight="normal", fill="#333") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}">{escape(str(s))}</text>')


def _nice_ticks(hi: float, n: int = 5) -> list[float]:
    if hi <= 0:
        return [0, 1]
    raw = hi / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(math.ceil(hi / step)) + 1)]


def marker(shape: str, x: float, y: float, r: float, fill: str, tip: str) -> str:
    t = f"<title>{escape(tip)}</title>"
    style = f'fill="{fill}" fill-opacity="0.85" stroke="#222" stroke-width="0.6"'
    if shape == "triangle":
        pts = f"{x:.1f},{y - r:.1f} {x - r:.1f},{y + r * 0.8:.1f} {x + r:.1f},{y + r * 0.8:.1f}"
        return f'<polygon class="point" points="{pts}" {style}>{t}</polygon>'
    if shape == "square":
        return f'<rect class="point" x="{x - r * 0.8:.1f}" y="{y - r * 0.8:.1f}" width="{r * 1.6:.1f}" height="{r * 1.6:.1f}" {style}>{t}</rect>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
        return f'<polygon class="point" points="{pts}" {style}>{t}</polygon>'
    if shape == "cross":
        d = f"M{x - r:.1f},{y - r:.1f}L{x + r:.1f},{y + r:.1f}M{x - r:.1f},{y + r:.1f}L{x + r:.1f},{y - r:.1f}"
        return f'<path class="point" d="{d}" stroke="{fill}" stroke-width="2.2" fill="none">{t}</path>'
    return f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}>{t}</circle>'


def legend(items: list[tuple[str, str, str]], x: float, y: float, width: float) -> tuple[list[str], float]:
    """(label, colour, shape) items in rows that wrap at `width`; returns the elements and the height used."""
    out, cx, cy = [], x, y
    for label, colour, shape in items:
        w = (26 if colour else 12) + 7 * len(label)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 18
        if colour:  # a mark and its label
            out.append(marker(shape, cx + 6, cy - 4, 5, colour, label))
            out.append(_text(cx + 15, cy, label))
        else:  # a group heading
            out.append(_text(cx, cy, label, weight="bold", fill="#555"))
        cx += w
    return out, cy - y + 18


def stacked_bars(rows: list[tuple[str, dict[str, float]]], series: list[str], colors: dict[str, str], label: str,
                 width: int = 1100, bar: int = 18) -> str:
    """One horizontal bar per row, split by series, the total at its end (linear scale)."""
    left, right, top = 16 + 7 * max((len(name) for name, _ in rows), default=4), 60, 10
    leg, leg_h = legend([(s, colors[s], "square") for s in series], left, top + 12, width - left - right)
    top += leg_h + 8
    totals = [sum(v.get(s, 0) or 0 for s in series) for _, v in rows]
    hi = max(totals, default=0) or 1
    ticks = _nice_ticks(hi)
    span = ticks[-1] or 1
    plot_w = width - left - right
    height = top + len(rows) * (bar + 6) + 30
    body = list(leg)
    axis_y = top + len(rows) * (bar + 6)
    for t in ticks:
        x = left + plot_w * t / span
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="#e3e3e3"/>')
        body.append(_text(x, axis_y + 16, fmt(t), "middle", 11, fill="#666"))
    for i, ((name, values), total) in enumerate(zip(rows, totals)):
        y = top + i * (bar + 6)
        body.append(_text(left - 8, y + bar - 4, name, "end", weight="bold"))
        x = left
        for s in series:
            v = values.get(s) or 0
            if not v:
                continue
            w = plot_w * v / span
            body.append(f'<rect class="bar" x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar}" fill="{colors[s]}">'
                        f"<title>{escape(f'{name} {s}: {v:,.0f}')}</title></rect>")
            x += w
        body.append(_text(x + 6, y + bar - 4, fmt(total), fill="#444"))
    return _svg(width, height, label, body)


def _date_ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    days = (hi - lo).days
    if days <= 120:
        step = max(1, days // 6)
        return [(lo + timedelta(days=i), (lo + timedelta(days=i)).isoformat()) for i in range(0, days + 1, step)]
    if days <= 365 * 4:
        months = []
        y, m = lo.year, lo.month
        while date(y, m, 1) <= hi:
            if date(y, m, 1) >= lo:
                months.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        step = max(1, math.ceil(len(months) / 8))
        return [(d, d.strftime("%Y-%m")) for d in months[::step]]
    years = [date(y, 1, 1) for y in range(lo.year + 1, hi.year + 1)]
    step = max(1, math.ceil(len(years) / 10))
    return [(d, str(d.year)) for d in years[::step]]


def timeline(points: list[dict], colors: dict[str, str], shapes: dict[str, str], label: str, y_label: str,
             color_title: str = "country", shape_title: str = "kind", width: int = 1100, height: int = 320) -> str:
    """Dated scatter: x = date, y = figure on a log scale; colour and shape name two attributes.
    points: {date, value (None: no figure, drawn on a band under the axis), color, shape, tip}."""
    dated = [p for p in points if p.get("date") is not None]
    left, right = 60, 24
    used_colors, used_shapes = {p["color"] for p in dated}, {p["shape"] for p in dated}
    leg_items = [(f"{color_title}:", None, None)] + [(k, c, "circle") for k, c in colors.items() if k in used_colors] + \
                [(f"  {shape_title}:", None, None)] + [(k, "#bbb", s) for k, s in shapes.items() if k in used_shapes]
    leg, leg_h = legend(leg_items, left, 22, width - left - right)
    top = 22 + leg_h + 4
    bottom = height - 58
    body = list(leg)
    if not dated:
        body.append(_text(width / 2, (top + bottom) / 2, "no dated figures yet", "middle", 13, fill="#888"))
        return _svg(width, height, label, body)
    lo = min(p["date"] for p in dated)
    hi = max(p["date"] for p in dated)
    pad = max(7, (hi - lo).days // 25)
    lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    span = (hi - lo).days or 1
    plot_w = width - left - right
    vmax = max((p["value"] for p in dated if p.get("value")), default=10)
    decades = max(1, math.ceil(math.log10(max(vmax, 10))))
    def xpos(d: date) -> float:
        return left + plot_w * (d - lo).days / span
    def ypos(v: float) -> float:
        return bottom - (bottom - top) * math.log10(max(v, 1)) / decades
    for k in range(decades + 1):
        y = ypos(10 ** k)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        body.append(_text(left - 6, y + 4, fmt(10 ** k), "end", 11, fill="#666"))
    for d, text in _date_ticks(lo, hi):
        x = xpos(d)
        if x < left + 20 or x > width - right - 20:  # a label that would run off the chart
            continue
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#f0f0f0"/>')
        body.append(_text(x, bottom + 16, text, "middle", 11, fill="#666"))
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" stroke="#999"/>')
    band = bottom + 34
    if any(not p.get("value") for p in dated):
        body.append(_text(left - 6, band + 4, "no figure", "end", 10, fill="#888"))
        body.append(f'<line x1="{left}" y1="{band}" x2="{width - right}" y2="{band}" stroke="#eee" stroke-dasharray="3 3"/>')
    body.append(f'<text x="14" y="{(top + bottom) / 2:.0f}" transform="rotate(-90 14 {(top + bottom) / 2:.0f})" '
                f'text-anchor="middle" font-size="11" fill="#666">{escape(y_label)} (log scale)</text>')
    for p in sorted(dated, key=lambda p: -(p.get("value") or 0)):  # small points drawn last, on top
        y = ypos(p["value"]) if p.get("value") else band
        body.append(marker(shapes.get(p["shape"], "circle"), xpos(p["date"]), y, 5.5, colors.get(p["color"], OTHER), p["tip"]))
    return _svg(width, height, label, body)

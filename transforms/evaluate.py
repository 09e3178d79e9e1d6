"""`sitrep eval`: the extractor scored against a gold folder exactly as CONTRACT.md says.

Inside each article a produced fact matches a gold fact of the same kind and key; each gold
fact is matched once; optional gold facts are neither required nor errors. Precision, recall
and F1 are micro-averaged per kind (and per kind per language); value and attribute accuracy
are shares of the matched facts.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from transforms.clean import CleaningError, clean_document
from transforms.extract import extract_batch
from transforms.facts import build_facts
from transforms.schema import FACT_KEYS, KINDS, MENTION_SCHEMA, frame
from transforms.sources import read_file

VALUE_COLS = {
    "casualty": ("count_low", "count_best", "count_high", "qualifier"),
    "deployment": ("troops_low", "troops_best", "troops_high", "qualifier"),
    "troop_count": ("count_low", "count_best", "count_high", "qualifier"),
}
ATTR_COLS = {
    "casualty": ("victim_group", "is_subset", "country_iso3"),
    "deployment": ("status",),
    "troop_count": ("country_iso3",),
}


def read_gold(gold_dir: Path) -> list[dict]:
    """gold.jsonl: one JSON object per article."""
    out = []
    with (gold_dir / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def load_article(path: Path, lang: str | None, published: str | None) -> dict:
    """Raw file -> clean article; the gold's lang/date only fill what the file does not say."""
    docs = list(read_file(path, lang_hint=lang))
    if not docs:
        raise CleaningError("no document in file")
    doc = docs[0]
    if doc.get("status") == "rejected":
        raise CleaningError(doc.get("reason") or "rejected")
    doc["lang_hint"] = doc.get("lang_hint") or lang
    doc["date_hint"] = doc.get("date_hint") or published
    return clean_document(doc)


def _key(kind: str, fact: dict) -> tuple:
    return tuple(fact.get(k) for k in FACT_KEYS[kind])


def _norm(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def match_article(produced: dict[str, list[dict]], gold_facts: list[dict]) -> dict:
    """Match one article's produced facts (per kind) to its gold facts."""
    res = {k: {"tp": 0, "fp": 0, "fn": 0, "matched": [], "fp_facts": [], "fn_facts": []} for k in KINDS}
    for kind in KINDS:
        gold = [g for g in gold_facts if g.get("kind") == kind]
        # required gold first, so that a produced fact is credited to a required fact when both fit
        order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
        used: set[int] = set()
        for p in produced.get(kind, []):
            pk = tuple(_norm(x) for x in _key(kind, p))
            hit = None
            for i in order:
                if i not in used and tuple(_norm(x) for x in _key(kind, gold[i])) == pk:
                    hit = i
                    break
            if hit is None:
                res[kind]["fp"] += 1
                res[kind]["fp_facts"].append(p)
                continue
            used.add(hit)
            g = gold[hit]
            if g.get("optional"):
                continue
            res[kind]["tp"] += 1
            res[kind]["matched"].append((p, g))
        for i, g in enumerate(gold):
            if i not in used and not g.get("optional"):
                res[kind]["fn"] += 1
                res[kind]["fn_facts"].append(g)
    return res


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _value_ok(kind: str, p: dict, g: dict) -> bool:
    return all(_norm(p.get(c)) == _norm(g.get(c)) for c in VALUE_COLS[kind])


def _attr_checks(kind: str, p: dict, g: dict) -> list[tuple[str, bool]]:
    return [(c, _norm(p.get(c)) == _norm(g.get(c))) for c in ATTR_COLS[kind] if c in g]


def _brief(kind: str, f: dict) -> dict:
    keep = ("kind", *FACT_KEYS[kind], *VALUE_COLS[kind], *ATTR_COLS[kind], "evidence", "quote", "optional")
    out = {k: (str(v) if hasattr(v, "isoformat") else v) for k, v in f.items() if k in keep and v is not None}
    return {"kind": kind, **out}


def evaluate_folder(gold_dir: Path) -> dict:
    """Run extraction over a gold folder and score it (see module docstring)."""
    gold_dir = Path(gold_dir)
    golds = read_gold(gold_dir)
    articles, langs, errors = [], {}, []
    for g in golds:
        path = gold_dir / "articles" / g["article"]
        try:
            art = load_article(path, g.get("lang"), g.get("published"))
        except (CleaningError, OSError) as exc:
            errors.append({"article": g["article"], "error": str(exc)})
            art = None
        articles.append(art)
        langs[g["article"]] = (g.get("lang") or (art or {}).get("language") or "?")
    ok = [a for a in articles if a is not None]
    # warm-up, one article per language: lexicons load on first use and are not part of the speed
    extract_batch(list({a["language"]: a for a in ok}.values()))
    t0 = time.perf_counter()
    mentions = extract_batch(ok)
    seconds = time.perf_counter() - t0
    facts = build_facts(frame(mentions, MENTION_SCHEMA))
    by_article: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for kind, df in facts.items():
        for row in df.iter_rows(named=True):
            by_article[row["article_id"]][kind].append(row)

    totals = {k: [0, 0, 0] for k in KINDS}
    per_lang: dict[str, dict[str, list[int]]] = defaultdict(lambda: {k: [0, 0, 0] for k in KINDS})
    value = {k: [0, 0] for k in KINDS}
    attr = {k: [0, 0] for k in KINDS}
    attr_cols: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_article = []
    for g, art in zip(golds, articles):
        produced = by_article.get(art["article_id"], {}) if art is not None else {}
        res = match_article(produced, g.get("facts", []))
        lang = langs[g["article"]]
        entry = {"article": g["article"], "lang": lang}
        for kind in KINDS:
            r = res[kind]
            for i, x in enumerate(("tp", "fp", "fn")):
                totals[kind][i] += r[x]
                per_lang[lang][kind][i] += r[x]
            for p, gf in r["matched"]:
                value[kind][1] += 1
                value[kind][0] += _value_ok(kind, p, gf)
                checks = _attr_checks(kind, p, gf)
                if checks:
                    attr[kind][1] += 1
                    attr[kind][0] += all(ok for _, ok in checks)
                for c, okc in checks:
                    attr_cols[f"{kind}.{c}"][1] += 1
                    attr_cols[f"{kind}.{c}"][0] += okc
                if not _value_ok(kind, p, gf) or not all(ok for _, ok in checks):
                    entry.setdefault("mismatch", []).append({"produced": _brief(kind, p), "gold": _brief(kind, gf)})
            if r["fp_facts"]:
                entry.setdefault("fp", []).extend(_brief(kind, f) for f in r["fp_facts"])
            if r["fn_facts"]:
                entry.setdefault("fn", []).extend(_brief(kind, f) for f in r["fn_facts"])
        per_article.append(entry)

    def share(x):
        return round(x[0] / x[1], 4) if x[1] else None

    all_value = [sum(v[0] for v in value.values()), sum(v[1] for v in value.values())]
    all_attr = [sum(v[0] for v in attr.values()), sum(v[1] for v in attr.values())]
    n_chars = sum(len(a["text"]) for a in ok)
    return {
        "gold_dir": str(gold_dir),
        "articles": len(golds),
        "errors": errors,
        "kinds": {k: prf(*totals[k]) for k in KINDS},
        "languages": {lang: {k: prf(*v[k]) for k in KINDS} for lang, v in sorted(per_lang.items())},
        "value_accuracy": {**{k: share(value[k]) for k in KINDS}, "all": share(all_value)},
        "attribute_accuracy": {**{k: share(attr[k]) for k in KINDS}, "all": share(all_attr)},
        "attribute_columns": {k: share(v) for k, v in sorted(attr_cols.items())},
        "speed": {"seconds": round(seconds, 4), "articles_per_second": round(len(ok) / seconds, 1) if seconds else None,
                  "chars": n_chars},
        "per_article": per_article,
    }


def format_report(result: dict) -> str:
    """Plain-text tables of an evaluate_folder() result."""
    lines = [f"gold folder: {result['gold_dir']}  articles: {result['articles']}"]
    if result["errors"]:
        lines.append(f"unreadable articles: {len(result['errors'])}")
        lines += [f"  {e['article']}: {e['error']}" for e in result["errors"]]
    lines.append("")
    lines.append(f"{'kind':<12} {'lang':<5} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")

    def row(kind, lang, m):
        return (f"{kind:<12} {lang:<5} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} "
                f"{m['tp']:>5} {m['fp']:>5} {m['fn']:>5}")

    for kind in KINDS:
        lines.append(row(kind, "all", result["kinds"][kind]))
        for lang, kinds in result["languages"].items():
            lines.append(row(kind, lang, kinds[kind]))
    lines.append("")

    def fmt(v):
        return "  n/a" if v is None else f"{v:.3f}"

    lines.append("value accuracy:     " + "  ".join(f"{k}={fmt(v)}" for k, v in result["value_accuracy"].items()))
    lines.append("attribute accuracy: " + "  ".join(f"{k}={fmt(v)}" for k, v in result["attribute_accuracy"].items()))
    lines.append("  by column:        " + "  ".join(f"{k}={fmt(v)}" for k, v in result["attribute_columns"].items()))
    sp = result["speed"]
    if sp.get("articles_per_second"):
        lines.append(f"speed: {sp['articles_per_second']} articles/s ({sp['seconds']} s)")
    return "\n".join(lines)

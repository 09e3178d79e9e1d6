"""Extraction speed: articles of ~500 words per second on one core (target >= 100).

Runs the real extractor over the bundled sample corpus, repeated to N articles, after cleaning
(cleaning is not timed: this measures extraction alone). Usage: python benchmarks/bench_extract.py [N]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.clean import clean_document  # noqa: E402
from transforms.extract import extract_batch  # noqa: E402
from transforms.sources import read_local  # noqa: E402


def corpus() -> list[dict]:
    docs = [d for d in read_local(ROOT / "samples" / "articles") if d["status"] == "ok"]
    return [clean_document(d) for d in docs]


def main(n: int = 500, repeats: int = 3) -> None:
    base = corpus()
    words = statistics.mean(len(a["text"].split()) for a in base)
    articles = [dict(base[i % len(base)], article_id=f"bench{i}") for i in range(n)]
    extract_batch(articles[: len(base)])  # warm caches (lexicons, compiled regexes)
    rates, cpu_rates = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = extract_batch(articles)
        rates.append(n / (time.perf_counter() - t0))
        cpu_rates.append(n / (time.process_time() - c0))
    per_500 = max(rates) * words / 500
    cpu_500 = max(cpu_rates) * words / 500
    print(f"{n} articles, mean {words:.0f} words, {len(mentions)} mentions")
    print(f"wall: best {max(rates):.0f} articles/s, median {statistics.median(rates):.0f} articles/s "
          f"= {per_500:.0f} articles of 500 words/s (target >= 100)")
    print(f"cpu:  best {max(cpu_rates):.0f} articles/s = {cpu_500:.0f} articles of 500 words/s "
          f"(process time: what one core does when the machine is not shared)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)

"""Speed of the whole build against spaCy's own ``nlp.pipe`` on the same clean texts.

Generates N mixed pages (the generator of bench/build_scale.py), runs
``storyline build --workers W`` as a subprocess (whole process: start-up,
extraction, language id, spaCy, entity/quote analysis, store, corpus linking),
then runs spaCy's ``nlp.pipe`` (one process) over the clean texts the build
stored, twice: with the pipeline as the model package ships it (the reference)
and with storyline's trimmed copy (no lemmatizer, the attribute ruler's POS rules
on arrays), and prints the rates in words per second and the ratios.

    .venv/bin/python bench/pipeline.py [--pages 300] [--workers 1]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_scale import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    exe = os.path.join(os.path.dirname(sys.executable), "storyline")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "pages")
        os.mkdir(data)
        generate(data, args.pages)
        store = os.path.join(tmp, "s.duckdb")
        t0 = time.perf_counter()
        res = subprocess.run([exe, "build", data, "--store", store, "-q", "--workers", str(args.workers)],
                             capture_output=True, text=True)
        build_s = time.perf_counter() - t0
        if res.returncode != 0:
            sys.exit(res.stderr)
        from storyline.analyse import MAX_CHARS, nlp
        from storyline.store import Store

        with Store(store, read_only=True) as st:
            texts = [r["text"][:MAX_CHARS] for r in st.iter_articles() if r["language"] == "en"]
        words = sum(len(t.split()) for t in texts)
        import spacy

        from storyline.analyse import MODEL_PACKAGE

        def timed(pipe) -> float:
            t0 = time.perf_counter()
            for _doc in pipe.pipe(texts, batch_size=64, n_process=args.workers):
                pass
            return time.perf_counter() - t0

        # spaCy's own pipeline as the package ships it, and storyline's trimmed copy of it
        # (no lemmatizer; the attribute ruler's POS rules on arrays): the first is the
        # issue's reference, the second the stricter one
        stock_s = timed(spacy.load(MODEL_PACKAGE))
        ours_s = timed(nlp())
    build_rate = words / build_s
    print(f"{len(texts)} English articles, {words} words")
    print("| run | seconds | words/s | build / this |")
    print("|---|---|---|---|")
    print(f"| storyline build --workers {args.workers} (whole process) | {build_s:.1f} | {build_rate:,.0f} | |")
    for label, sec in ((f"spaCy nlp.pipe, stock {MODEL_PACKAGE}", stock_s),
                       ("spaCy nlp.pipe, storyline's trimmed pipeline", ours_s)):
        rate = words / sec
        print(f"| {label}, same texts, n_process={args.workers} (model loaded) | {sec:.1f} | {rate:,.0f} | "
              f"{build_rate / rate:.2f} |")
    print(f"ratio build / spaCy (stock pipeline): {build_rate / (words / stock_s):.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the scores CSV that `llm-compare import scores` reads, for every model of
data/catalog.toml, from the licensed reference data in ../shared/data.

Standard library only (Python 3.11). Usage, from anywhere:

    python3 tools/build_scores.py [--shared PATH_TO_shared/data] [--out scores.csv]

scripts/build-seed.sh runs it. This is the one place that reads the reference CSV
(reference_models.csv) and Epoch AI's files: it is data archaeology done once, with a comment
for every rule. Prices, limits, release dates and statuses are not read here: the binary's own
importers (`import litellm`, `import modelsdev`) bring those, so each format has one parser.
Every figure written comes from a named source file; nothing is estimated. The script prints
every mismatch and disagreement it finds between sources, and stops on anything suspicious.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
CATALOG = ROOT / "data" / "catalog.toml"

EPOCH, EPOCH_ECI = "epoch-2025-11-17", "epoch-eci-2025-11-07"
LLMSTATS, SIMPLE_EVALS = "llm-stats-2025-10-16", "simple-evals-2025-07-09"
AIDER, REFPAGE = "aider-2025-10-04", "margindash-2026-03-05"

BENCHMARK_ORDER = ["eci", "gpqa-diamond", "math-level-5", "otis-mock-aime", "swe-bench-verified", "aider-polyglot",
                   "gpqa", "mmlu-pro", "mmlu", "math", "aime-2024", "aime-2025", "aime", "aa-intelligence-index"]

# Figures from the reference page (FAQ gives two decimals). slug -> values. They are a comparison
# page's own figures, quoted with attribution: neither a vendor's claim nor a run we can trace.
REFPAGE_SCORES = {
    "gpt-4o-mini": [("aa-intelligence-index", 12.6), ("mmlu-pro", 0.65), ("gpqa", 0.43), ("aime", 0.12)],
    "gpt-4-1-mini": [("aa-intelligence-index", 22.9), ("mmlu-pro", 0.78), ("gpqa", 0.66), ("aime", 0.43)],
}
REFPAGE_NOTE = "quoted from the margindash.com comparison page (data of 2026-03-05); not a run we can trace"

# Known error (shared/data/README.md): LLM-Stats attaches GPT-4o's later GPQA 0.701 to the
# 2024-08-06 snapshot; OpenAI's own table gives 0.531.
DROP_VENDOR = {("gpt-4o-2024-08-06", "gpqa", "0.701")}

# LLM-Stats figures filed under the wrong snapshot (issue 8 audit): (slug, benchmark, value) ->
# (the snapshot it belongs to, note).
MOVE_VENDOR = {
    ("gpt-4o-2024-08-06", "aime-2024", "0.131"): (
        "gpt-4o-2024-11-20",
        "OpenAI's figure for gpt-4o-2024-11-20 (GPT-4.1 announcement); LLM-Stats files it under gpt-4o-2024-08-06"),
}
# LLM-Stats figures that are not the vendor's claim (issue 8 audit): (slug, benchmark, value) ->
# (independent, note).
RELABEL_VENDOR = {
    ("gpt-4o-2024-08-06", "mmlu-pro", "0.747"): (
        True, "TIGER-Lab's own MMLU-Pro leaderboard run (huggingface.co/spaces/TIGER-Lab/MMLU-Pro), not a vendor claim"),
}
# Settings a vendor figure was measured at, which LLM-Stats' method text leaves out.
VENDOR_SETTING = {
    ("o3-mini", "aime-2024"): "at high reasoning effort (o3-mini-high); the API's default is medium",
    ("grok-3", "gpqa"): "Grok 3 (Think), with reasoning on; the grok-3 API model answers without it",
    ("grok-3", "aime-2024"): "Grok 3 (Think), with reasoning on; the grok-3 API model answers without it",
    ("grok-3", "aime-2025"): "Grok 3 (Think), with reasoning on; the grok-3 API model answers without it",
}

# Epoch run task -> (benchmark, reference_models.csv column).
EPOCH_TASKS = [
    ("GPQA diamond", "gpqa-diamond", "epoch_gpqa_diamond"),
    ("MATH level 5", "math-level-5", "epoch_math_level5"),
    ("OTIS Mock AIME 2024-2025", "otis-mock-aime", "epoch_otis_mock_aime_2024_2025"),
    ("SWE-Bench verified", "swe-bench-verified", "epoch_swe_bench_verified"),
]


def say(msg: str) -> None:
    print(msg, file=sys.stderr)


def die(msg: str) -> None:
    print("STOP: " + msg, file=sys.stderr)
    sys.exit(1)


def num(s: str):
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


VENDOR_KEYS = ["gpqa", "mmlu-pro", "mmlu", "aime-2024", "aime-2025"]


def split_methods(text: str) -> dict:
    """'gpqa: Accuracy | mmlu: Accuracy' -> {'gpqa': 'Accuracy', 'mmlu': 'Accuracy'}."""
    if not text:
        return {}
    keys = "|".join(re.escape(k) for k in sorted(VENDOR_KEYS, key=len, reverse=True))
    parts = re.split(rf"(?:^| \| )({keys}): ", text)
    out = {}
    it = iter(parts[1:])
    if parts[0].strip():
        die(f"cannot parse vendor_methods {text!r}")
    for k, v in zip(it, it):
        out[k] = v.strip()
    return out


def score(bench, value, independent, source, as_of, note):
    return OrderedDict([("benchmark", bench), ("value", value), ("independent", independent),
                        ("source", source), ("as_of", as_of), ("note", note)])


# ---------------------------------------------------------------- Epoch

class Epoch:
    """Epoch AI's benchmark runs, ECI and model versions, read with the rules the reference CSV
    used for its epoch_* columns: a run's figure is its "Best score (across scorers)" as
    written (three decimals), from the one run of that model version on that task; an ECI is
    the "ECI Score" rounded to two decimals. `check_against_csv` proves the rules reproduce
    every filled epoch_* cell before any new figure is read with them."""

    def __init__(self, folder: Path):
        def rows(name):
            return list(csv.DictReader(open(folder / name, encoding="utf-8-sig")))
        self.runs: dict[tuple[str, str], list[dict]] = {}
        for r in rows("benchmarks_runs.csv"):
            if r["Status"] != "Success":
                die(f"Epoch run {r['id']}: status {r['Status']!r}")
            self.runs.setdefault((r["model"], r["task"]), []).append(r)
        self.eci = {r["Model version"]: r for r in rows("epoch_capabilities_index_2025-11-07.csv")}
        self.versions = {r["id"]: r for r in rows("model_versions.csv")}

    def run_score(self, version: str, task: str):
        """The figure as the CSV writes it (a string), or None when Epoch has no run."""
        runs = self.runs.get((version, task), [])
        if len(runs) > 1:
            die(f"Epoch has {len(runs)} {task} runs of {version}: which one is not settled")
        return runs[0]["Best score (across scorers)"] if runs else None

    def eci_score(self, version: str):
        e = self.eci.get(version)
        if e is None or not e["ECI Score"]:
            return None
        return format(Decimal(e["ECI Score"]).quantize(Decimal("0.01")).normalize(), "f")

    def check_against_csv(self, rows: list[dict]) -> int:
        checked = 0
        for r in rows:
            for task, _, col in EPOCH_TASKS:
                got = self.run_score(r["epoch_model_version"], task) if r["epoch_model_version"] else None
                if (got or "") != r[col]:
                    die(f"{r['slug']}: {col} is {r[col]!r} in the CSV but {got!r} by the Epoch rule")
                checked += bool(got)
            got = self.eci_score(r["epoch_eci_version"]) if r["epoch_eci_version"] else None
            if (got is None) != (not r["epoch_eci"]) or (got and Decimal(got) != Decimal(r["epoch_eci"])):
                die(f"{r['slug']}: epoch_eci is {r['epoch_eci']!r} in the CSV but {got!r} by the Epoch rule")
            checked += bool(got)
        return checked



# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--catalog", type=Path, default=CATALOG)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    shared: Path = args.shared

    catalog = tomllib.loads(args.catalog.read_text(encoding="utf-8"))
    # The reference CSV writes ids with dots (gpt-4.1); ours have hyphens.
    rows = {r["slug"].lower().replace(".", "-"): r
            for r in csv.DictReader(open(shared / "reference_models.csv", encoding="utf-8"))}
    epoch = Epoch(shared / "epoch")
    say(f"== Epoch rules reproduce all {epoch.check_against_csv(list(rows.values()))} filled epoch_* cells of the CSV ==")
    ids = {m["id"] for m in catalog["model"]}

    scores: dict[str, list] = {m["id"]: [] for m in catalog["model"]}
    for m in catalog["model"]:
        slug = m["id"]
        r = rows.get(slug)
        version = m.get("epoch")
        if version:
            if version not in epoch.versions:
                die(f"{slug}: Epoch version {version} not in model_versions.csv")
            if r and r["epoch_model_version"] and r["epoch_model_version"] != version:
                say(f"  note {slug}: catalog Epoch version {version}, the reference CSV used {r['epoch_model_version']}")
            for task, bench, _ in EPOCH_TASKS:
                v = epoch.run_score(version, task)
                if v is not None:
                    scores[slug].append((bench, num(v), True, EPOCH, "2025-11-17", None))
            v = epoch.eci_score(version)
            if v is not None:
                scores[slug].append(("eci", num(v), True, EPOCH_ECI, "2025-11-07", version))
        if r is None:
            continue
        # ---- the reference CSV's other joins (models carried from the first seed)
        if r["aider_polyglot_pct"]:
            am = re.search(r'model "([^"]+)" date (\d{4}-\d{2}-\d{2})\s*$', r["aider_source"])
            if not am:
                die(f"{slug}: cannot read aider_source")
            scores[slug].append(("aider-polyglot", num(r["aider_polyglot_pct"]), True, AIDER, am.group(2), am.group(1)))
        se = {}
        for col, bench in [("simpleevals_gpqa", "gpqa"), ("simpleevals_mmlu", "mmlu"), ("simpleevals_math", "math")]:
            if r[col]:
                se[bench] = r[col]
        se_row = re.search(r'row "([^"]+)"', r["simpleevals_source"])
        for bench, v in se.items():
            scores[slug].append((bench, num(v), False, SIMPLE_EVALS, "2025-07-09",
                                 f'simple-evals row "{se_row.group(1)}"' if se_row else None))
        methods = split_methods(r["vendor_methods"])
        for col, bench in [("vendor_gpqa", "gpqa"), ("vendor_mmlu_pro", "mmlu-pro"), ("vendor_mmlu", "mmlu"),
                           ("vendor_aime_2024", "aime-2024"), ("vendor_aime_2025", "aime-2025")]:
            v = r[col]
            if not v:
                continue
            if (slug, bench, v) in DROP_VENDOR:
                say(f"  DROPPED {slug}: LLM-Stats {bench} {v} (known error: later blog figure)")
                continue
            if bench in se:
                if Decimal(se[bench]) != Decimal(v):
                    say(f"  DISAGREE {slug}: {bench} simple-evals {se[bench]} vs LLM-Stats {v} -> simple-evals kept")
                continue
            note = methods.get(bench)
            if (slug, bench) in VENDOR_SETTING:
                note = f"{note}; {VENDOR_SETTING[slug, bench]}" if note else VENDOR_SETTING[slug, bench]
            target, independent = slug, False
            if (slug, bench, v) in MOVE_VENDOR:
                target, note = MOVE_VENDOR[slug, bench, v]
                if target not in ids:
                    die(f"{slug}: {bench} belongs to {target}, which the catalog lacks")
                say(f"  MOVED {slug} -> {target}: LLM-Stats {bench} {v}")
            if (slug, bench, v) in RELABEL_VENDOR:
                independent, note = RELABEL_VENDOR[slug, bench, v]
            scores[target].append((bench, num(v), independent, LLMSTATS, "2025-10-16", note))
        for bench, v in REFPAGE_SCORES.get(slug, []):
            scores[slug].append((bench, v, True, REFPAGE, "2026-03-05", REFPAGE_NOTE))

    order = {b: i for i, b in enumerate(BENCHMARK_ORDER)}
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "benchmark", "value", "source", "date", "independent", "note"])
        total = 0
        for m in catalog["model"]:
            seen = set()
            for bench, value, independent, source, as_of, note in sorted(
                    scores[m["id"]], key=lambda s: (order[s[0]], not s[2])):
                if (bench, source) in seen:
                    die(f"{m['id']}: two {bench} figures from {source}")
                seen.add((bench, source))
                w.writerow([m["id"], bench, value, source, as_of, "true" if independent else "false", note or ""])
                total += 1
    scored = sum(1 for v in scores.values() if v)
    say(f"== wrote {total} scores for {scored} of {len(scores)} models to {args.out} ==")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build data/seed.json from the licensed reference data in ../shared/data.

Standard library only (Python 3.11). Usage, from anywhere:

    python3 tools/build_seed.py [--shared PATH_TO_shared/data] [--reference PATH_TO_reference-page.txt]

Every figure written comes from a named source file; nothing is estimated. A figure that no
source gives stays null (or absent). The script prints every mismatch and disagreement it finds
between sources, and stops on anything suspicious (a zero output price, a price with more than
six decimal places, an unknown source id).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, OrderedDict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "reference-page.txt"
OUT = ROOT / "data" / "seed.json"

MARCH_ID, NOV_ID = "litellm-1.82.6", "litellm-1.110.2"
MARCH_DATE, NOV_DATE = "2026-03-05", "2026-11-25"
MD_JULY, MD_MARCH = "modelsdev-2026-07-02", "modelsdev-2026-03-15"
EPOCH, EPOCH_ECI = "epoch-2025-11-17", "epoch-eci-2025-11-07"
LLMSTATS, SIMPLE_EVALS = "llm-stats-2025-10-16", "simple-evals-2025-07-09"
AIDER, REFPAGE = "aider-2025-10-04", "margindash-2026-03-05"

SOURCES = [
    {"id": MARCH_ID, "title": "LiteLLM model price map v1.82.6 (March 2026 snapshot)",
     "url": "https://github.com/BerriAI/litellm", "license": "MIT", "as_of": MARCH_DATE},
    {"id": NOV_ID, "title": "LiteLLM model price map v1.110.2 (November 2026 snapshot)",
     "url": "https://github.com/BerriAI/litellm", "license": "MIT", "as_of": NOV_DATE},
    {"id": MD_JULY, "title": "models.dev database, commit f3fc692 (2026-07-02)",
     "url": "https://models.dev", "license": "MIT", "as_of": "2026-07-02"},
    {"id": MD_MARCH, "title": "models.dev database, commit 458a66c (2026-03-15)",
     "url": "https://models.dev", "license": "MIT", "as_of": "2026-03-15"},
    {"id": EPOCH, "title": "Epoch AI, AI Benchmarking Hub",
     "url": "https://epoch.ai/data/ai-benchmarking-dashboard", "license": "CC-BY 4.0",
     "as_of": "2025-11-17"},
    {"id": EPOCH_ECI, "title": "Epoch AI, Epoch Capabilities Index",
     "url": "https://github.com/epoch-research/benchmark-stitching", "license": "CC-BY 4.0",
     "as_of": "2025-11-07"},
    {"id": LLMSTATS, "title": "LLM-Stats (vendor-reported scores)",
     "url": "https://llm-stats.com", "license": "CC-BY 4.0", "as_of": "2025-10-16"},
    {"id": SIMPLE_EVALS, "title": "OpenAI simple-evals results",
     "url": "https://github.com/openai/simple-evals", "license": "MIT", "as_of": "2025-07-09"},
    {"id": AIDER, "title": "Aider polyglot leaderboard",
     "url": "https://aider.chat/docs/leaderboards/", "license": "Apache-2.0", "as_of": "2025-10-04"},
    {"id": REFPAGE,
     "title": "margindash.com: GPT-4o mini vs GPT-4.1 mini comparison page, data of 2026-03-05",
     "url": "https://margindash.com", "license": "facts quoted with attribution",
     "as_of": "2026-03-05"},
]

BENCHMARKS = [
    ("eci", "Epoch Capabilities Index (ECI)", "index",
     "A composite capability score from Epoch AI that places results from many benchmarks on one scale."),
    ("gpqa-diamond", "GPQA Diamond", "fraction",
     "Accuracy on the hardest subset of GPQA: graduate-level multiple-choice questions in biology, "
     "physics and chemistry written by domain experts."),
    ("math-level-5", "MATH Level 5", "fraction",
     "Accuracy on the hardest (level 5) competition mathematics problems of the MATH dataset."),
    ("otis-mock-aime", "OTIS Mock AIME 2024-2025", "fraction",
     "Accuracy on the OTIS mock AIME exams of 2024-2025, hard short-answer competition mathematics problems."),
    ("swe-bench-verified", "SWE-bench Verified", "fraction",
     "Share of human-verified real GitHub issues from Python projects that the model fixes so that "
     "the project's tests pass."),
    ("aider-polyglot", "Aider Polyglot", "percent",
     "Percentage of 225 hard Exercism coding exercises in six programming languages that the model "
     "solves when used through the Aider coding assistant."),
    ("gpqa", "GPQA (variant as reported)", "fraction",
     "Accuracy on GPQA graduate-level science multiple-choice questions, with the subset and settings "
     "the source used."),
    ("mmlu-pro", "MMLU-Pro", "fraction",
     "Accuracy on MMLU-Pro, a harder ten-option version of the MMLU knowledge and reasoning test."),
    ("mmlu", "MMLU", "fraction",
     "Accuracy on MMLU, four-option multiple-choice questions across 57 academic and professional subjects."),
    ("math", "MATH", "fraction",
     "Accuracy on MATH competition mathematics problems (OpenAI's simple-evals uses the MATH-500 "
     "subset for o1 and newer models)."),
    ("aime-2024", "AIME 2024", "fraction",
     "Accuracy on the problems of the 2024 American Invitational Mathematics Examination."),
    ("aime-2025", "AIME 2025", "fraction",
     "Accuracy on the problems of the 2025 American Invitational Mathematics Examination."),
    ("aime", "AIME (edition not stated by the source)", "fraction",
     "Accuracy on American Invitational Mathematics Examination problems; the source does not say "
     "which year's exam."),
    ("aa-intelligence-index", "Artificial Analysis Intelligence Index", "index",
     "Artificial Analysis's composite score over its own set of benchmark evaluations."),
]

PROVIDER_SLUGS = {
    "OpenAI": "openai", "Anthropic": "anthropic", "Google": "google", "xAI": "xai",
    "Mistral": "mistral", "Meta": "meta", "Amazon": "amazon", "DeepSeek": "deepseek",
    "Alibaba": "alibaba", "Cohere": "cohere", "Moonshot AI": "moonshot-ai",
}

# Figures from the reference page (FAQ gives two decimals). slug -> values.
REFPAGE_SCORES = {
    "gpt-4o-mini": [("aa-intelligence-index", 12.6), ("mmlu-pro", 0.65), ("gpqa", 0.43), ("aime", 0.12)],
    "gpt-4-1-mini": [("aa-intelligence-index", 22.9), ("mmlu-pro", 0.78), ("gpqa", 0.66), ("aime", 0.43)],
}
REFPAGE_SPEEDS = {"gpt-4o-mini": (49.9, 0.49), "gpt-4-1-mini": (70.6, 0.47)}
REFPAGE_NOTE = "as published on the reference comparison page"

# Known error (shared/data/README.md): LLM-Stats attaches GPT-4o's later GPQA 0.701 to the
# 2024-08-06 snapshot; OpenAI's own table gives 0.531.
DROP_VENDOR = {("gpt-4o-2024-08-06", "gpqa", "0.701")}

# Epoch model versions that reference_models.csv left unmapped (its epoch_* columns are blank)
# although Epoch has figures for them: slug -> Epoch model version id. Only clear matches.
EPOCH_EXTRA_VERSIONS = {
    # Our qwen3-max prices LiteLLM's dashscope/qwen3-max and takes its limits from models.dev
    # providers/alibaba/models/qwen3-max ("Qwen3 Max", released 2025-09-23, reasoning false):
    # the September 2025 Qwen3 Max release. Epoch's model_versions.csv has exactly that snapshot
    # as "qwen3-max-2025-09-23" (model "Qwen3-Max", display name "Qwen3-Max-Instruct", release
    # 2025-09-24), with GPQA Diamond, MATH level 5 and OTIS mock AIME runs and an ECI score.
    # The later qwen3-max-2026-01-23 snapshot (Qwen3 Max Thinking) is a separate LiteLLM key and
    # has no Epoch figures.
    "qwen3-max": "qwen3-max-2025-09-23",
}
# Epoch run task -> (benchmark, reference_models.csv column).
EPOCH_TASKS = [
    ("GPQA diamond", "gpqa-diamond", "epoch_gpqa_diamond"),
    ("MATH level 5", "math-level-5", "epoch_math_level5"),
    ("OTIS Mock AIME 2024-2025", "otis-mock-aime", "epoch_otis_mock_aime_2024_2025"),
    ("SWE-Bench verified", "swe-bench-verified", "epoch_swe_bench_verified"),
]

PRICE_FIELDS = [  # (our field, LiteLLM key)
    ("input", "input_cost_per_token"),
    ("output", "output_cost_per_token"),
    ("cache_read", "cache_read_input_token_cost"),
    ("cache_write", "cache_creation_input_token_cost"),
    ("cache_write_1h", "cache_creation_input_token_cost_above_1hr"),
    ("batch_input", "input_cost_per_token_batches"),
    ("batch_output", "output_cost_per_token_batches"),
]
TIER_RE = re.compile(r"^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost)"
                     r"_above_(\d+)k_tokens$")
TIER_FIELD = {"input_cost_per_token": "input", "output_cost_per_token": "output",
              "cache_read_input_token_cost": "cache_read"}

PROBLEMS: list[str] = []


def say(msg: str) -> None:
    print(msg)


def die(msg: str) -> None:
    print("STOP: " + msg, file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------- prices

def per_mtok(per_token, what: str) -> str:
    """USD per token (JSON number) -> exact decimal string in USD per 1M tokens."""
    if isinstance(per_token, bool) or not isinstance(per_token, (int, float)):
        die(f"{what}: not a number: {per_token!r}")
    d = (Decimal(repr(per_token)) * 10 ** 6).normalize()
    if d < 0:
        die(f"{what}: negative price {d}")
    if -d.as_tuple().exponent > 6:
        die(f"{what}: more than 6 decimal places: {d}")
    s = format(d, "f")
    if "e" in s.lower():
        die(f"{what}: exponent in {s}")
    return s


def csv_price(s: str) -> str | None:
    """A per-1M price from the CSV, normalised the same way."""
    if s.strip() == "":
        return None
    return format(Decimal(s).normalize(), "f")


def prices_from_litellm(e: dict, what: str) -> dict:
    p: dict = {}
    for field, key in PRICE_FIELDS:
        v = e.get(key)
        p[field] = None if v is None else per_mtok(v, f"{what} {key}")
    # DeepSeek entries give the cache-hit price as input_cost_per_token_cache_hit (same concept
    # as cache_read_input_token_cost); use it when the canonical field is absent.
    if p["cache_read"] is None and e.get("input_cost_per_token_cache_hit") is not None:
        p["cache_read"] = per_mtok(e["input_cost_per_token_cache_hit"], f"{what} input_cost_per_token_cache_hit")
        say(f"  note {what}: cache_read taken from input_cost_per_token_cache_hit = {p['cache_read']}")
    tiers: dict[int, dict] = {}
    for k, v in e.items():
        m = TIER_RE.match(k)
        if m and v is not None:
            above = int(m.group(2)) * 1000
            tiers.setdefault(above, {})[TIER_FIELD[m.group(1)]] = per_mtok(v, f"{what} {k}")
    tp = e.get("tiered_pricing")
    if tp:
        tp = sorted(tp, key=lambda t: t["range"][0])
        first = tp[0]
        if first["range"][0] != 0:
            die(f"{what}: tiered_pricing does not start at 0")
        for field, key in (("input", "input_cost_per_token"), ("output", "output_cost_per_token"),
                           ("cache_read", "cache_read_input_token_cost")):
            if key in first:
                v = per_mtok(first[key], f"{what} tiered_pricing[0] {key}")
                if p[field] is None:
                    p[field] = v
                elif p[field] != v:
                    say(f"  MISMATCH {what}: top-level {field} {p[field]} vs first tier {v}")
        for t in tp[1:]:
            above = int(t["range"][0])
            if above in tiers:
                die(f"{what}: tier {above} given twice")
            tiers[above] = {}
            for key, field in TIER_FIELD.items():
                if key in t:
                    tiers[above][field] = per_mtok(t[key], f"{what} tiered_pricing {key}")
    p["long_context"] = [
        {"above_tokens": a, "input": tiers[a].get("input"), "output": tiers[a].get("output"),
         "cache_read": tiers[a].get("cache_read")}
        for a in sorted(tiers)
    ]
    if p["output"] == "0":
        die(f"{what}: output price is 0 (suspicious)")
    if p["input"] is None or p["output"] is None:
        die(f"{what}: no input/output price")
    for field in ("input", "cache_read", "batch_input", "batch_output"):
        if p[field] == "0":
            die(f"{what}: {field} price is 0 (suspicious)")
    if p["cache_write"] == "0":
        # DeepSeek: LiteLLM writes 0.0 as a placeholder; a cache miss is billed at the input
        # price, so "0" would claim free cache writes. A missing rate is not 0: leave it empty.
        say(f"  note {what}: cache_creation_input_token_cost is 0 -> cache_write left null")
        p["cache_write"] = None
    for t in p["long_context"]:
        if t["output"] == "0" or t["input"] == "0":
            die(f"{what}: zero long-context price")
    return p


def price_row(p: dict, eff_from: str, eff_to, source: str, last_seen: str) -> dict:
    row = OrderedDict()
    row["effective_from"] = eff_from
    row["effective_to"] = eff_to
    for field, _ in PRICE_FIELDS:
        row[field] = p[field]
    row["long_context"] = p["long_context"]
    row["source"] = source
    row["last_seen_in"] = last_seen
    return row


def diff_prices(a: dict, b: dict) -> list[str]:
    out = []
    for field, _ in PRICE_FIELDS:
        if a[field] != b[field]:
            out.append(f"{field} {a[field]} -> {b[field]}")
    if a["long_context"] != b["long_context"]:
        out.append(f"long_context {a['long_context']} -> {b['long_context']}")
    return out


# ---------------------------------------------------------------- models.dev

def md_entry(md: dict, provider: str, model_id: str):
    """Resolve providers/<provider>/models/<model_id> in the July 2026 models.dev dump,
    applying its base_model inheritance. Falls back to the shared model record with the
    same <provider>/<model_id> when the provider no longer lists it. Returns (entry, how)."""
    prov = md["providers"].get(provider, {}).get("models", {})
    e = prov.get(model_id)
    if e is not None:
        if "base_model" in e:
            base = md["models"].get(e["base_model"])
            if base is None:
                die(f"models.dev base_model {e['base_model']} missing")
            merged = json.loads(json.dumps(base))
            for k, v in e.items():
                if isinstance(v, dict) and isinstance(merged.get(k), dict):
                    merged[k] = {**merged[k], **v}
                else:
                    merged[k] = v
            return merged, f"providers/{provider}/models/{model_id} (base {e['base_model']})"
        return e, f"providers/{provider}/models/{model_id}"
    base = md["models"].get(f"{provider}/{model_id}")
    if base is not None:
        return base, f"models/{provider}/{model_id} (no longer listed under providers/{provider})"
    return None, None


# ---------------------------------------------------------------- helpers

def slugify(s: str) -> str:
    slug = s.lower().replace(".", "-")
    if not re.fullmatch(r"[a-z0-9-]+", slug) or "-vs-" in slug:
        die(f"bad slug {slug!r}")
    return slug


def num(s: str):
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def release_source(text: str):
    if text.startswith("Epoch model_versions"):
        return EPOCH
    if "LLM-Stats" in text:
        return LLMSTATS
    if text.startswith("models.dev"):
        return MD_MARCH
    die(f"unknown release_date_source {text!r}")


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
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    shared: Path = args.shared

    rows = list(csv.DictReader(open(shared / "reference_models.csv", encoding="utf-8")))
    march = json.load(open(shared / "litellm" / "model_prices_2026-03_v1.82.6.json", encoding="utf-8"))
    nov = json.load(open(shared / "litellm" / "model_prices_2026-11_v1.110.2.json", encoding="utf-8"))
    md = json.load(open(shared / "modelsdev" / "models_2026-07-02.json", encoding="utf-8"))
    epoch = Epoch(shared / "epoch")
    say(f"== Epoch rules reproduce all {epoch.check_against_csv(rows)} filled epoch_* cells of the CSV ==")
    for slug, version in EPOCH_EXTRA_VERSIONS.items():
        row = next((r for r in rows if r["slug"] == slug), None)
        if row is None:
            die(f"EPOCH_EXTRA_VERSIONS: no model {slug}")
        if any(row[c] for c in ("epoch_model_version", "epoch_eci_version", "epoch_eci")) or \
                any(row[col] for _, _, col in EPOCH_TASKS):
            die(f"EPOCH_EXTRA_VERSIONS: the CSV already maps {slug} to Epoch")
        v = epoch.versions.get(version)
        if v is None:
            die(f"EPOCH_EXTRA_VERSIONS: {version} not in Epoch model_versions.csv")
        say(f"  Epoch mapping added: {slug} -> {version} (Epoch: model {v['Model']!r}, "
            f"display {v['Display name']!r}, released {v['Version release date']}; "
            f"our release date {row['release_date']} from {row['release_date_source'][:40]}...)")
    max_inputs = []

    # The reference page's figures are typed in above; make sure they are on the page.
    page = args.reference.read_text(encoding="utf-8")
    for needle in ["(22.9 vs 12.6)", "MMLU-Pro (0.78 vs 0.65)", "GPQA (0.66 vs 0.43)",
                   "AIME (0.43 vs 0.12)", "70.6 tokens per second", "49.9 tokens per second",
                   "0.47s vs 0.49s"]:
        if needle not in page:
            die(f"reference page does not contain {needle!r}")

    models = []
    providers: "OrderedDict[str, str]" = OrderedDict()
    changes, statuses = [], Counter()
    say("== prices, limits, status ==")
    for r in rows:
        slug = slugify(r["slug"])
        what = slug
        prov_name = re.sub(r"\s*\(open weights\)$", "", r["provider"])
        if prov_name not in PROVIDER_SLUGS:
            die(f"unknown provider {r['provider']!r}")
        providers.setdefault(PROVIDER_SLUGS[prov_name], prov_name)

        # ---- prices
        m = re.search(r'key "([^"]+)"', r["price_source"])
        prices, keys = [], []
        status_entry, status_source = None, None
        if r["price_source"].startswith("litellm 1.82.6") and m:
            key = m.group(1)
            keys = [key]
            if key not in march:
                die(f"{what}: key {key} not in March map")
            pm = prices_from_litellm(march[key], f"{what} [{MARCH_ID} {key}]")
            # check against the CSV's columns
            for field, col in [("input", "input_per_mtok"), ("output", "output_per_mtok"),
                               ("cache_read", "cache_read_per_mtok"), ("cache_write", "cache_write_per_mtok"),
                               ("cache_write_1h", "cache_write_1h_per_mtok"),
                               ("batch_input", "batch_input_per_mtok"), ("batch_output", "batch_output_per_mtok")]:
                if pm[field] != csv_price(r[col]):
                    say(f"  MISMATCH {what}: {field} March map {pm[field]} vs CSV {r[col] or 'blank'}")
            if r["long_ctx_threshold"]:
                t = int(r["long_ctx_threshold"].rstrip("k")) * 1000
                lc = {x["above_tokens"]: x for x in pm["long_context"]}
                if t not in lc or lc[t]["input"] != csv_price(r["input_per_mtok_above_threshold"]) \
                        or lc[t]["output"] != csv_price(r["output_per_mtok_above_threshold"]):
                    say(f"  MISMATCH {what}: long context CSV {r['long_ctx_threshold']} vs map {pm['long_context']}")
            if key in nov:
                pn = prices_from_litellm(nov[key], f"{what} [{NOV_ID} {key}]")
                d = diff_prices(pm, pn)
                if not d:
                    prices.append(price_row(pm, MARCH_DATE, None, MARCH_ID, NOV_ID))
                else:
                    prices.append(price_row(pm, MARCH_DATE, NOV_DATE, MARCH_ID, MARCH_ID))
                    prices.append(price_row(pn, NOV_DATE, None, NOV_ID, NOV_ID))
                    changes.append(f"{slug}: " + "; ".join(d))
                status_entry, status_source = nov[key], NOV_ID
            else:
                prices.append(price_row(pm, MARCH_DATE, None, MARCH_ID, MARCH_ID))
                changes.append(f"{slug}: key {key} absent in {NOV_ID} (March row kept, last seen {MARCH_ID})")
                status_entry, status_source = march[key], MARCH_ID
        elif r["price_source"].startswith("models.dev"):
            # No LiteLLM key: the CSV's price is models.dev's (commit 458a66c, 2026-03-15).
            p = {field: csv_price(r[col]) for field, col in [
                ("input", "input_per_mtok"), ("output", "output_per_mtok"),
                ("cache_read", "cache_read_per_mtok"), ("cache_write", "cache_write_per_mtok"),
                ("cache_write_1h", "cache_write_1h_per_mtok"), ("batch_input", "batch_input_per_mtok"),
                ("batch_output", "batch_output_per_mtok")]}
            p["long_context"] = []
            if r["long_ctx_threshold"]:
                die(f"{what}: long context in a models.dev price")
            if p["output"] in (None, "0") or p["input"] is None:
                die(f"{what}: bad models.dev price")
            prices.append(price_row(p, "2026-03-15", None, MD_MARCH, MD_MARCH))
            say(f"  note {what}: no LiteLLM key in either map; price from {MD_MARCH} via the CSV; "
                f"status left 'active' with no source")
        else:
            die(f"{what}: cannot read price_source {r['price_source']!r}")

        dep = status_entry.get("deprecation_date") if status_entry else None
        if dep:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dep):
                die(f"{what}: odd deprecation_date {dep!r}")
            status = "retired" if dep < NOV_DATE else "deprecated"
        else:
            status = "active"
        statuses[status] += 1
        if status_source == MARCH_ID and not dep:
            say(f"  note {what}: key absent in {NOV_ID} and no deprecation_date in {MARCH_ID} -> 'active'")

        # ---- limits and open weights
        ctx_csv, out_csv = int(r["context_window"]), int(r["max_output"])
        if r["limits_source"].startswith("models.dev"):
            csv_limits_source = MD_MARCH
        elif r["limits_source"].startswith("litellm 1.82.6"):
            csv_limits_source = MARCH_ID
        else:
            die(f"{what}: unknown limits_source")
        context, max_output, limits_source = ctx_csv, out_csv, csv_limits_source
        max_input = None
        open_weights, ow_source = None, None
        mm = re.search(r"providers/(.+?)/models/(.+)\.toml", r["md_source"])
        if mm:
            e, how = md_entry(md, mm.group(1), mm.group(2))
        else:
            e, how = None, None
        if e is None:
            say(f"  limits {what}: not in {MD_JULY} ({r['md_source'] and mm.group(0) or 'no models.dev path'}); "
                f"CSV limits {ctx_csv}/{out_csv} from {csv_limits_source}")
        else:
            if "open_weights" in e:
                open_weights, ow_source = bool(e["open_weights"]), MD_JULY
            lim = e.get("limit", {})
            c7, o7, i7 = lim.get("context"), lim.get("output"), lim.get("input")
            cost = e.get("cost", {})
            moved = any(cost.get(k) is not None and r[col] and Decimal(repr(cost[k])) != Decimal(r[col])
                        for k, col in (("input", "md_input"), ("output", "md_output")))
            if i7 is not None and (c7 is None or o7 is None or moved):
                say(f"  note {what}: {MD_JULY} {how} has limit.input {i7} but its other limits are not "
                    f"used, so neither is the input cap")
            if c7 is None or o7 is None:
                say(f"  limits {what}: {MD_JULY} {how} lacks context/output; CSV limits kept")
            elif moved:
                say(f"  LIMITS KEPT {what}: {MD_JULY} {how} now prices {cost.get('input')}/{cost.get('output')} "
                    f"(CSV/March {r['md_input']}/{r['md_output']}) with limits {c7}/{o7}: the alias points to a "
                    f"newer model; kept March limits {ctx_csv}/{out_csv}")
            else:
                if (c7, o7) != (ctx_csv, out_csv):
                    say(f"  LIMITS DIFFER {what}: CSV ({MD_MARCH}) {ctx_csv}/{out_csv} vs {MD_JULY} {c7}/{o7} "
                        f"-> using {MD_JULY}")
                context, max_output, limits_source = int(c7), int(o7), MD_JULY
                # An input cap below the context window (OpenAI's GPT-5 family: 400k context,
                # 272k input), from the same record and so the same source as the limits.
                if i7 is not None and int(i7) < context:
                    max_input = int(i7)
                    ll = r["litellm_max_input_tokens"]
                    max_inputs.append(f"{slug}: {max_input} (context {context}; LiteLLM max_input_tokens "
                                      f"{ll or 'absent'}{'' if ll == str(max_input) else ', DISAGREES'})")
                elif i7 is not None:
                    say(f"  note {what}: {MD_JULY} limit.input {i7} is not below the context {context}; ignored")
            if not how.startswith("providers/") or "base" in how:
                say(f"  note {what}: models.dev record used: {how}")

        # ---- release date
        rd = r["release_date"] or None
        rd_source = release_source(r["release_date_source"]) if rd else None

        # ---- scores
        scores = []
        for col, bench in [("epoch_gpqa_diamond", "gpqa-diamond"), ("epoch_math_level5", "math-level-5"),
                           ("epoch_otis_mock_aime_2024_2025", "otis-mock-aime"),
                           ("epoch_swe_bench_verified", "swe-bench-verified")]:
            if r[col]:
                scores.append(score(bench, num(r[col]), True, EPOCH, "2025-11-17", None))
        if r["epoch_eci"]:
            scores.append(score("eci", num(r["epoch_eci"]), True, EPOCH_ECI, "2025-11-07",
                                r["epoch_eci_version"] or None))
        if slug in EPOCH_EXTRA_VERSIONS:
            version = EPOCH_EXTRA_VERSIONS[slug]
            for task, bench, _ in EPOCH_TASKS:
                v = epoch.run_score(version, task)
                if v is not None:
                    scores.append(score(bench, num(v), True, EPOCH, "2025-11-17", None))
            v = epoch.eci_score(version)
            if v is not None:
                scores.append(score("eci", num(v), True, EPOCH_ECI, "2025-11-07", version))
            say(f"  Epoch figures for {slug} ({version}): "
                + ", ".join(f"{s['benchmark']} {s['value']}" for s in scores if s["source"] in (EPOCH, EPOCH_ECI)))
        if r["aider_polyglot_pct"]:
            am = re.search(r'model "([^"]+)" date (\d{4}-\d{2}-\d{2})\s*$', r["aider_source"])
            if not am:
                die(f"{what}: cannot read aider_source")
            scores.append(score("aider-polyglot", num(r["aider_polyglot_pct"]), True, AIDER,
                                am.group(2), am.group(1)))
        se = {}
        for col, bench in [("simpleevals_gpqa", "gpqa"), ("simpleevals_mmlu", "mmlu"), ("simpleevals_math", "math")]:
            if r[col]:
                se[bench] = r[col]
        se_row = re.search(r'row "([^"]+)"', r["simpleevals_source"])
        for bench, v in se.items():
            scores.append(score(bench, num(v), False, SIMPLE_EVALS, "2025-07-09",
                                f'simple-evals row "{se_row.group(1)}"' if se_row else None))
        methods = split_methods(r["vendor_methods"])
        for col, bench in [("vendor_gpqa", "gpqa"), ("vendor_mmlu_pro", "mmlu-pro"), ("vendor_mmlu", "mmlu"),
                           ("vendor_aime_2024", "aime-2024"), ("vendor_aime_2025", "aime-2025")]:
            v = r[col]
            if not v:
                continue
            if (r["slug"], bench, v) in DROP_VENDOR:
                say(f"  DROPPED {what}: LLM-Stats {bench} {v} (known error: later blog figure)")
                continue
            if bench in se:
                if Decimal(se[bench]) != Decimal(v):
                    say(f"  DISAGREE {what}: {bench} simple-evals {se[bench]} vs LLM-Stats {v} -> simple-evals kept")
                continue
            if bench not in methods:
                say(f"  note {what}: no vendor method text for {bench}")
            scores.append(score(bench, num(v), False, LLMSTATS, "2025-10-16", methods.get(bench)))
        for bench, v in REFPAGE_SCORES.get(slug, []):
            scores.append(score(bench, v, True, REFPAGE, "2026-03-05", REFPAGE_NOTE))
        order = {b[0]: i for i, b in enumerate(BENCHMARKS)}
        scores.sort(key=lambda s: (order[s["benchmark"]], not s["independent"]))
        speeds = []
        if slug in REFPAGE_SPEEDS:
            tps, ttft = REFPAGE_SPEEDS[slug]
            speeds.append(OrderedDict([("output_tokens_per_s", tps), ("ttft_s", ttft),
                                       ("source", REFPAGE), ("as_of", "2026-03-05")]))

        models.append(OrderedDict([
            ("slug", slug), ("name", r["name"]), ("provider", PROVIDER_SLUGS[prov_name]),
            ("api_host", r["api_host"]),
            ("release_date", rd), ("release_date_source", rd_source),
            ("context_window", context), ("max_output", max_output),
            *([("max_input", max_input)] if max_input is not None else []),
            ("limits_source", limits_source),
            ("open_weights", open_weights), ("open_weights_source", ow_source),
            ("status", status), ("deprecation_date", dep), ("status_source", status_source),
            ("litellm_keys", keys), ("prices", prices), ("scores", scores), ("speeds", speeds),
        ]))

    used_benchmarks = {s["benchmark"] for mo in models for s in mo["scores"]}
    used_sources = set()
    for mo in models:
        for k in ("release_date_source", "limits_source", "open_weights_source", "status_source"):
            if mo[k]:
                used_sources.add(mo[k])
        for p in mo["prices"]:
            used_sources |= {p["source"], p["last_seen_in"]}
        for s in mo["scores"] + mo["speeds"]:
            used_sources.add(s["source"])
    known = {s["id"] for s in SOURCES}
    if used_sources - known:
        die(f"unknown source ids {used_sources - known}")

    seed = OrderedDict([
        ("format", "llm-compare-dataset"),
        ("version", 1),
        ("sources", [s for s in SOURCES if s["id"] in used_sources]),
        ("providers", [OrderedDict([("slug", s), ("name", n)]) for s, n in providers.items()]),
        ("benchmarks", [OrderedDict([("slug", b), ("name", n), ("measures", me), ("scale", sc),
                                     ("higher_is_better", True)])
                        for b, n, sc, me in BENCHMARKS if b in used_benchmarks]),
        ("models", models),
    ])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(seed, f, indent=1, ensure_ascii=False)
        f.write("\n")

    say("\n== price changes March -> November ==")
    for c in changes:
        say("  " + c)
    say(f"\n== summary ==\n  wrote {args.out}\n  models {len(models)}, providers {len(providers)}, "
        f"sources {len(seed['sources'])}, benchmarks {len(seed['benchmarks'])}")
    say(f"  statuses {dict(statuses)}")
    say(f"  max_input (input cap below the context window, {MD_JULY}) on {len(max_inputs)} models:")
    for line in max_inputs:
        say("    " + line)
    per_bench = Counter(s["benchmark"] for mo in models for s in mo["scores"])
    say("  scores per benchmark " + ", ".join(f"{b}={per_bench[b]}" for b, *_ in BENCHMARKS if per_bench[b]))


if __name__ == "__main__":
    main()

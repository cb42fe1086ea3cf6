#!/usr/bin/env python3
"""Lighthouse scores for every public page type, served the way production serves them.

    (cd bench/lighthouse && npm ci)            # once: Lighthouse 12, pinned in package-lock.json
    .venv/bin/python scripts/lighthouse.py [--mobile-only] [--json FOLDER]

It starts a throwaway site (scripts/serve.py: fresh SQLite database with the demo content,
gunicorn with DEBUG=false, WhiteNoise's compressed static files), runs Lighthouse on the home,
industry, growth rates, all-occupations, occupation, pathway, search and compare pages with Debian's
Chromium (CHROME_PATH=/usr/bin/chromium, headless), phone first (Lighthouse's default: a
mid-range phone on a slow 4G connection, simulated) and then with the desktop preset, and
prints the four category scores of each. It exits with 1 when a page scores below the target
(100 in accessibility, best practices and SEO; 95 in performance) and names the audits that
cost points. gunicorn is stopped by its PID whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import ThrowawaySite
from servers import ROOT

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-background-networking --disable-component-update"
)

OCCUPATION = "/occupations/diagnostic-medical-sonographer/charlotte/"
PAGES = {
    "home": "/",
    "industry": "/industries/healthcare/",
    "growth rates": "/growth-rates/",
    "all occupations": "/occupations/",
    "occupation": OCCUPATION,
    "pathway": OCCUPATION + "pathways/obstetric-and-gynecological-sonographer/",
    "search": "/search/?q=ultrasound",
    "compare": "/compare/?o=diagnostic-medical-sonographer&o=registered-nurse&metro=charlotte",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Audits a page may fail on purpose, and why. Nothing else is excused.
ACCEPTED: dict[tuple[str, str], str] = {}
# Lighthouse's performance score moves from run to run on a busy machine; a page that misses
# the target is measured twice more and judged on the median of the three runs.
PERFORMANCE_RUNS = 3


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if not shutil.which("npm"):
        sys.exit("Lighthouse needs Node.js and npm: install them, then run this again.")
    print("Installing Lighthouse (npm ci in bench/lighthouse) ...", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


def audit(url: str, form_factor: str, report: Path) -> dict:
    """Run Lighthouse once; return its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text())


def scores(report: dict) -> dict[str, int]:
    return {
        category: round((report["categories"][category]["score"] or 0) * 100)
        for category in CATEGORIES
    }


def lost_points(report: dict, category: str) -> list[tuple[str, str]]:
    """The weighted audits that scored less than full marks in a category: (id, line)."""
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        result = report["audits"][ref["id"]]
        if ref["weight"] and result["score"] is not None and result["score"] < 1:
            value = f" ({result['displayValue']})" if result.get("displayValue") else ""
            lost.append((ref["id"], f"{ref['id']}: {result['title']}{value}"))
    return lost


def measure(url: str, name: str, form_factor: str, reports: Path) -> tuple[dict, str, dict]:
    """A page's scores, a note on how performance was judged, and the first run's report."""
    stem = reports / f"{name.replace(' ', '-')}-{form_factor}"
    report = audit(url, form_factor, stem.with_suffix(".json"))
    result, note = scores(report), ""
    if result["performance"] < TARGETS["performance"]:
        runs = [result["performance"]] + [
            scores(audit(url, form_factor, Path(f"{stem}-{run}.json")))["performance"]
            for run in range(2, PERFORMANCE_RUNS + 1)
        ]
        result["performance"] = sorted(runs)[len(runs) // 2]
        note = f"performance: median of {runs}"
    return result, note, report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mobile-only", action="store_true", help="skip the desktop preset")
    parser.add_argument("--json", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    ensure_lighthouse()
    form_factors = ["mobile"] if args.mobile_only else ["mobile", "desktop"]
    reports = args.json or Path(tempfile.mkdtemp(prefix="careerpaths-lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)

    rows, misses, excused = [], [], []
    print("Starting a throwaway production-like site ...", flush=True)
    try:
        with ThrowawaySite() as site:
            print(f"gunicorn pid {site.server.process.pid} at {site.url}", flush=True)
            for form_factor in form_factors:
                for name, path in PAGES.items():
                    result, note, report = measure(site.url + path, name, form_factor, reports)
                    rows.append((name, form_factor, result, note))
                    print(f"  {name} ({form_factor}): {result} {note}", flush=True)
                    for category, target in TARGETS.items():
                        if result[category] >= target:
                            continue
                        lost = lost_points(report, category)
                        if (
                            category != "performance"
                            and lost
                            and all((name, audit_id) in ACCEPTED for audit_id, _ in lost)
                        ):
                            excused.append((name, form_factor, category, lost))
                        else:
                            misses.append((name, form_factor, category, lost))
    finally:
        if not args.json:
            shutil.rmtree(reports, ignore_errors=True)

    print()
    print("| page | form factor | performance | accessibility | best practices | SEO |")
    print("|---|---|---|---|---|---|")
    for name, form_factor, result, note in rows:
        cells = " | ".join(str(result[category]) for category in CATEGORIES)
        print(f"| {name} | {form_factor} | {cells} |" + (f" {note}" if note else ""))
    for name, form_factor, category, lost in excused:
        for audit_id, line in lost:
            print(f"\n{name} ({form_factor}), {category}: {line}: accepted, as")
            print(f"  {ACCEPTED[(name, audit_id)]}.")
    if misses:
        print("\nBelow target:")
        for name, form_factor, category, lost in misses:
            print(f"- {name} ({form_factor}), {category} under {TARGETS[category]}:")
            for _, line in lost:
                print(f"    {line}")
        return 1
    print("\nEvery page meets the target.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

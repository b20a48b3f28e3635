"""The same articles give byte-identical reports under other BLAS kernels and thread counts.

Each configuration runs in a fresh process (the kernel and thread count are read at start-up) and
analyses the example and three dev clusters of ../shared/bench (when present), each as one story,
then all of them together (clustering included)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "syria-ceasefire-2017"
BENCH = ROOT.parent / "shared" / "bench"
DEV_CLUSTERS = 3

# (OPENBLAS_CORETYPE, threads): the machine's own kernel and three others, one and two threads
CONFIGS = [("", 2), ("Haswell", 1), ("Sandybridge", 2), ("Prescott", 1)]

DRIVER = """
import sys
from pathlib import Path
import newsprism
out, folders = Path(sys.argv[1]), sys.argv[2:]
for i, folder in enumerate(folders):
    (out / f"story-{i}.json").write_text(newsprism.to_json(newsprism.analyze([folder], one_story=True)))
(out / "all.json").write_text(newsprism.to_json(newsprism.analyze(folders)))
"""


def dev_folders(root: Path) -> list[Path]:
    """The first ``DEV_CLUSTERS`` gold clusters of stories-dev as folders of .txt files with a sources.csv."""
    gold_path, data_path = BENCH / "story-gold-dev.json", BENCH / "stories-dev.jsonl"
    if not (gold_path.exists() and data_path.exists()):
        return []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["clusters"]
    rows = {}
    for line in data_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["id"]] = row
    keys = sorted(k for k, g in gold.items() if g["source"].get("file") == "stories-dev.jsonl")[:DEV_CLUSTERS]
    folders = []
    for n, key in enumerate(keys):
        folder = root / f"dev-{n}"
        folder.mkdir()
        with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "outlet", "url", "published"])
            for k, meta in sorted(gold[key]["articles"].items()):
                (folder / f"{k}.txt").write_text(rows[meta["ref"]]["text"], encoding="utf-8")
                w.writerow([f"{k}.txt", meta.get("outlet") or "", "", meta.get("date") or ""])
        folders.append(folder)
    return folders


def run(config: tuple[str, int], out: Path, folders: list[Path]) -> dict[str, bytes]:
    coretype, threads = config
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    env["NEWSPRISM_VECTOR_CACHE"] = "0"  # every run computes its vectors: a cached vector would hide a difference
    env.pop("OPENBLAS_CORETYPE", None)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    out.mkdir()
    subprocess.run([sys.executable, "-c", DRIVER, str(out), *map(str, folders)], env=env, check=True, timeout=600)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}


@pytest.mark.slow
def test_reports_identical_across_blas_kernels_and_threads(tmp_path: Path) -> None:
    folders = [EXAMPLE, *dev_folders(tmp_path)]
    runs = {c: run(c, tmp_path / f"out-{c[0] or 'native'}-{c[1]}", folders) for c in CONFIGS}
    first, *rest = CONFIGS
    assert len(runs[first]) == len(folders) + 1
    for config in rest:
        for name, data in runs[first].items():
            assert runs[config][name] == data, f"{name} differs between {first} and {config}"

"""Many small files: ``newsprism analyze`` of N short articles made of random stories-dev sentences.

    .venv/bin/python bench/bench_many.py [--files 5000] [--sentences 3] [--seed 5] [--warm]

Writes N text files (each ``--sentences`` sentences drawn at random, fixed seed, from the
stories-dev articles) to a temporary folder and runs ``newsprism analyze FOLDER --out DIR -q`` on
them as a new user would, in a child process. Prints wall time and the child's peak memory. The
vector cache is off by default (a first analysis); ``--warm`` runs once to fill a private cache and
times a second run of the same files. Skips cleanly when ../shared/bench/ is absent. Issue 22's
target: 5,000 files in under 60 s and 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "stories-dev.jsonl"
SENTENCE_END = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z])")


def sentences() -> list[str]:
    """Every sentence of six words or more of the stories-dev articles, in file order."""
    out = []
    for line in DATA.open(encoding="utf-8"):
        for para in json.loads(line)["text"].split("\n"):
            out.extend(s for s in SENTENCE_END.split(para.strip()) if len(s.split()) >= 6)
    return out


def write_files(folder: Path, pool: list[str], files: int, per_file: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(files):
        (folder / f"a{i:05d}.txt").write_text(" ".join(rng.sample(pool, per_file)) + "\n", encoding="utf-8")


def run(folder: Path, out: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and exit code of one ``analyze`` of ``folder``."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsprism", "analyze", str(folder), "--out", str(out), "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, done.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--sentences", type=int, default=3, help="sentences per file")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--warm", action="store_true", help="time a second run, the vector cache filled by a first")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        write_files(folder, sentences(), args.files, args.sentences, args.seed)
        env = dict(os.environ)
        if args.warm:
            env["NEWSPRISM_CACHE"] = str(Path(tmp) / "cache")
            run(folder, Path(tmp) / "first", env)
        else:
            env["NEWSPRISM_VECTOR_CACHE"] = "0"
        seconds, code = run(folder, out, env)
        stories = len(json.loads((out / "report.json").read_text(encoding="utf-8"))["stories"]) if code in (0, 1) else 0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    table = Table(title=f"analyze {args.files} files of {args.sentences} sentences ({'vector cache warm' if args.warm else 'vector cache off'})")
    for col in ("files", "exit", "stories", "wall s", "files/s", "peak RSS MB (largest child)"):
        table.add_column(col, justify="right")
    table.add_row(str(args.files), str(code), str(stories), f"{seconds:.1f}", f"{args.files / seconds:.1f}", f"{peak_mb:.0f}")
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Parser throughput: MB/s and peak memory over ≥ 5 MB of plan text (one core).

    .venv/bin/python bench/parse_bench.py [--mb 5] [--seeds ../shared/seeds]

The corpus is the seed plans (and the parser's own golden and generalisation plans) repeated
until it reaches the target size, parsed one document at a time as the CLI would; then the
same text once as a single large document. Target: ≥ 2 MB/s on one core, so the figures are
given both by wall clock and by the process's CPU time (the two differ when the machine is
shared: on a loaded host only the CPU figure measures the parser).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.textparse import parse_text  # noqa: E402
from gongkai.textparse.readers.text import decode  # noqa: E402


def corpus(seed_dir: Path) -> list[str]:
    data = ROOT / "gongkai/textparse/tests/data"
    files = sorted(seed_dir.glob("*.txt")) + sorted(data.glob("plan_*.txt")) + sorted(data.glob("generalisation/*.txt"))
    docs = []
    for f in files:
        try:
            docs.append(decode(f.read_bytes()))
        except Exception:  # noqa: BLE001 - skip the deliberately bad fixtures
            continue
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    docs = corpus(args.seeds)
    if not docs:
        print("no documents found", file=sys.stderr)
        return 1
    target = int(args.mb * 1024 * 1024)
    batch: list[str] = []
    size = 0
    while size < target:
        for d in docs:
            batch.append(d)
            size += len(d.encode("utf-8"))
    parse_text(docs[0])  # warm caches (opencc, regexes) outside the timing

    # Timing without tracemalloc (it slows Python several times); memory in a second pass.
    t0, c0 = time.perf_counter(), time.process_time()
    tasks = sum(len(parse_text(d).tasks) for d in batch)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    mb = size / 1048576
    print(f"documents: {len(batch)} docs, {mb:.2f} MB UTF-8, {tasks} tasks")
    print(f"per-document: {elapsed:.2f} s wall, {mb / elapsed:.2f} MB/s; {cpu:.2f} s CPU, {mb / cpu:.2f} MB/s")

    # one long ledger: the first table-laid-out document's rows repeated to the same size
    table_doc = next((d for d in docs if d.count("\t") > 20), docs[0])
    body = table_doc[table_doc.index("\n", table_doc.index("\t") - 200):]
    big = table_doc[: table_doc.index("\t")] + body * max(1, size // len(body.encode("utf-8")))
    t0, c0 = time.perf_counter(), time.process_time()
    n = len(parse_text(big).tasks)
    elapsed_big, cpu_big = time.perf_counter() - t0, time.process_time() - c0
    print(f"one {mb:.1f} MB document: {elapsed_big:.2f} s wall, {mb / elapsed_big:.2f} MB/s; "
          f"{cpu_big:.2f} s CPU, {mb / cpu_big:.2f} MB/s; {n} tasks")

    tracemalloc.start()
    for d in batch[: len(docs)]:
        parse_text(d)
    _, peak_doc = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    parse_text(big)
    _, peak_big = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory (tracemalloc): {peak_doc / 1048576:.1f} MB per document, {peak_big / 1048576:.1f} MB for the "
          f"{mb:.1f} MB document; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"target >= 2 MB/s on one core (CPU time): {'met' if mb / cpu >= 2 else 'NOT met'}; "
          f"wall clock: {'met' if mb / elapsed >= 2 else 'NOT met'} (load average {load:.1f} on {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

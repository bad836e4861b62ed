#!/usr/bin/env python3
"""Times `fulcrum batch` against `jq -c . FILE > /dev/null` on the same file, in one run.

Reports proposals per second, the ratio to jq, peak memory (max RSS) for a
small and a large batch, and the speed-up from 1 to 2 jobs, each against the
targets of docs/performance.md. Called by bench/batch/run.sh, which builds
fulcrum and writes the proposal files; see there for the options.

Each command runs as its own child process and is measured with wait4(), so
its time and peak memory are its own, not the sum over earlier commands.
Quantification is off (the batch default). The target's figures are for
the default records, each with its whole review; a last line times the same
batch writing `--record portfolio` records (the row alone), for what a
portfolio owner who needs only the summary and the gate pays.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(argv, repeat):
    """Best wall time (s) over `repeat` runs, with the peak RSS (KiB) of that run."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        err = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"measure: {' '.join(argv)} exited {code}:\n{err[-2000:]}")
        cpu = usage.ru_utime + usage.ru_stime
        if best is None or wall < best["wall"]:
            best = {"wall": wall, "cpu": cpu, "rss_kib": usage.ru_maxrss}
    return best


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fulcrum", required=True)
    parser.add_argument("--large", required=True, help="JSON Lines file of the large batch")
    parser.add_argument("--small", required=True, help="JSON Lines file of the small batch")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()

    n_large = count_lines(args.large)
    n_small = count_lines(args.small)

    def batch(path, jobs, *extra):
        return [args.fulcrum, "batch", path, "--jobs", str(jobs), "--quiet", "-o", "/dev/null", *extra]

    # Interleaved, so that a change in the machine's load hits both sides.
    jq = run(["jq", "-c", ".", args.large], args.repeat)
    two = run(batch(args.large, 2), args.repeat)
    one = run(batch(args.large, 1), args.repeat)
    small = run(batch(args.small, 2), args.repeat)
    rows = run(batch(args.large, 2, "--record", "portfolio"), args.repeat)

    # What a review writes against what jq writes, from one untimed run of
    # the small batch into a file: the two are not doing the same amount of work.
    with tempfile.TemporaryDirectory() as scratch:
        records = os.path.join(scratch, "records.jsonl")
        subprocess.run([args.fulcrum, "batch", args.small, "--quiet", "-o", records], check=True)
        record_bytes = os.path.getsize(records) / n_small
    input_bytes = os.path.getsize(args.large) / n_large

    rate = {name: n_large / m["wall"] for name, m in (("jq", jq), ("jobs2", two), ("jobs1", one))}
    figures = {
        "proposals": n_large,
        "small_proposals": n_small,
        "jq_per_s": rate["jq"],
        "jobs1_per_s": rate["jobs1"],
        "jobs2_per_s": rate["jobs2"],
        "ratio_to_jq": rate["jobs2"] / rate["jq"],
        "speedup_1_to_2_jobs": one["wall"] / two["wall"],
        "peak_rss_large_mib": two["rss_kib"] / 1024,
        "peak_rss_small_mib": small["rss_kib"] / 1024,
        "memory_ratio": two["rss_kib"] / small["rss_kib"],
        "cpu_us_per_proposal_jobs2": two["cpu"] / n_large * 1e6,
        "cpu_us_per_proposal_jq": jq["cpu"] / n_large * 1e6,
        "input_bytes_per_proposal": input_bytes,
        "record_bytes_per_proposal": record_bytes,
        "jq_output_mib_per_s": rate["jq"] * input_bytes / 2**20,
        "jobs2_output_mib_per_s": rate["jobs2"] * record_bytes / 2**20,
        "rows_jobs2_per_s": n_large / rows["wall"],
        "rows_ratio_to_jq": (n_large / rows["wall"]) / rate["jq"],
    }

    def verdict(ok):
        return "meets" if ok else "MISSES"

    print(f"batch benchmark: {n_large:,} proposals ({os.path.getsize(args.large) / n_large / 1024:.1f} KiB each), "
          f"best of {args.repeat}")
    print(f"  jq -c .               {rate['jq']:10,.0f} proposals/s  ({jq['wall']:.2f} s, "
          f"{figures['cpu_us_per_proposal_jq']:.0f} us CPU each)")
    print(f"  fulcrum batch, 1 job  {rate['jobs1']:10,.0f} proposals/s  ({one['wall']:.2f} s)")
    print(f"  fulcrum batch, 2 jobs {rate['jobs2']:10,.0f} proposals/s  ({two['wall']:.2f} s, "
          f"{figures['cpu_us_per_proposal_jobs2']:.0f} us CPU each)")
    print(f"  JSON written: a record is {record_bytes / 1024:.1f} KiB ({record_bytes / input_bytes:.1f} times its "
          f"input); fulcrum, 2 jobs, {figures['jobs2_output_mib_per_s']:,.0f} MiB/s against jq's "
          f"{figures['jq_output_mib_per_s']:,.0f} MiB/s")
    print(f"  ratio to jq, 2 jobs          {figures['ratio_to_jq']:6.2f}   target >= 2.0   "
          f"{verdict(figures['ratio_to_jq'] >= 2.0)}")
    print(f"  speed-up, 1 to 2 jobs        {figures['speedup_1_to_2_jobs']:6.2f}   target >= 1.7   "
          f"{verdict(figures['speedup_1_to_2_jobs'] >= 1.7)}")
    print(f"  peak memory, {n_large:,} vs {n_small:,}: {figures['peak_rss_large_mib']:.1f} MiB vs "
          f"{figures['peak_rss_small_mib']:.1f} MiB = {figures['memory_ratio']:.2f}   target <= 1.2   "
          f"{verdict(figures['memory_ratio'] <= 1.2)}")
    print(f"  not the target's records: --record portfolio, 2 jobs {figures['rows_jobs2_per_s']:,.0f} proposals/s "
          f"({rows['wall']:.2f} s), ratio to jq {figures['rows_ratio_to_jq']:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)


if __name__ == "__main__":
    main()

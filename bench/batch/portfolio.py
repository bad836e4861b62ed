#!/usr/bin/env python3
"""Times `fulcrum portfolio` reading back a batch's records against the batch that wrote them, in one run.

The baseline is `fulcrum batch FILE -o RECORDS --jobs 2` (reviews written to a
file); then `fulcrum portfolio` makes the summary of those records, from the
one file and from the same batch split into 4 shards (--shard K/4, written
untimed). Prints the wall and CPU time of each and the ratios. Called by
bench/batch/portfolio.sh, which builds fulcrum and writes the proposals.
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import count_lines, run  # noqa: E402  (the same wait4() timing)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fulcrum", required=True)
    parser.add_argument("--proposals", required=True, help="JSON Lines file of proposals")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--scratch", help="folder for the records (default: a temporary one)")
    args = parser.parse_args()
    n = count_lines(args.proposals)

    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        records = os.path.join(scratch, "records.jsonl")
        shards = [os.path.join(scratch, f"shard-{k}.jsonl") for k in range(1, 5)]
        for k, shard in enumerate(shards, 1):
            subprocess.run([args.fulcrum, "batch", args.proposals, "--quiet", "--shard", f"{k}/4", "-o", shard],
                           check=True)
        batch = run([args.fulcrum, "batch", args.proposals, "--quiet", "--jobs", "2", "-o", records], args.repeat)
        size = os.path.getsize(records)
        one = run([args.fulcrum, "portfolio", records, "--quiet", "--summary", os.path.join(scratch, "a.json")],
                  args.repeat)
        four = run([args.fulcrum, "portfolio", *shards, "--quiet", "--summary", os.path.join(scratch, "b.json")],
                   args.repeat)
        same = open(os.path.join(scratch, "a.json"), "rb").read() == open(os.path.join(scratch, "b.json"), "rb").read()

    print(f"{n:,} proposals, {size / 2**20:,.0f} MiB of records")
    for name, m in (("batch, 2 jobs, writing the records", batch), ("portfolio, one file", one),
                    ("portfolio, 4 shards", four)):
        print(f"  {name:36} {m['wall']:6.2f} s wall  {m['cpu']:6.2f} s CPU  {m['rss_kib'] / 1024:6.1f} MiB"
              f"  {size / 2**20 / m['wall']:7.0f} MiB/s")
    print(f"  portfolio against the batch: {one['wall'] / batch['wall']:.2f} of its wall time, "
          f"{one['cpu'] / batch['cpu']:.2f} of its CPU; 4 shards {four['wall'] / one['wall']:.2f} times one file")
    print(f"  the two summaries are {'identical' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

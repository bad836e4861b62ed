#!/usr/bin/env python3
"""A plain vectorised NumPy implementation of the FAIR model that
host/src/quant simulates, for comparison (bench/quant/run.sh).

Each simulated year of each risk draws a rate from its beta-PERT range, a
Poisson number of loss events at that rate and one beta-PERT loss per event
(plus, with the secondary probability, a secondary loss). The same summaries
as the C++ engine follow: mean, sd, percentiles, chance of any loss and a
100-point loss exceedance curve, per risk and for the total.

With --compare it reads the C++ benchmark's JSON, checks that both agree on
the mean and the P90 of every risk and of the total within sampling error,
and prints the speed ratio (CPU time, best of --repeat runs each).
"""
import argparse
import csv
import json
import math
import sys
import time

import numpy as np


def read_scenarios(path):
    scenarios = []
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(line for line in f if line.strip() and not line.lstrip().startswith("#"))]
    for row in rows:
        row = [x.strip() for x in row]
        if row[0].lower() == "name":
            continue
        numbers = [float(x) if x else None for x in row[1:]]
        secondary = None
        if len(numbers) == 10 and numbers[6] is not None:
            secondary = (numbers[6], tuple(numbers[7:10]))
        scenarios.append({"name": row[0], "frequency": tuple(numbers[0:3]), "magnitude": tuple(numbers[3:6]),
                          "secondary": secondary})
    return scenarios


def pert(rng, low, likely, high, size):
    if high == low:
        return np.full(size, low)
    alpha = 1 + 4 * (likely - low) / (high - low)
    beta = 1 + 4 * (high - likely) / (high - low)
    return low + (high - low) * rng.beta(alpha, beta, size)


def simulate(rng, s, n):
    rate = pert(rng, *s["frequency"], n)
    events = rng.poisson(rate)
    total_events = int(events.sum())
    loss = pert(rng, *s["magnitude"], total_events)
    if s["secondary"] is not None:
        probability, magnitude = s["secondary"]
        hit = rng.random(total_events) < probability
        loss = loss + np.where(hit, pert(rng, *magnitude, total_events), 0.0)
    year = np.repeat(np.arange(n), events)
    return np.bincount(year, weights=loss, minlength=n), total_events


def summarise(loss):
    ordered = np.sort(loss)
    mean = loss.mean()
    sd = loss.std(ddof=1)
    p10, p50, p90, p95, p99 = np.percentile(ordered, [10, 50, 90, 95, 99])
    positive = ordered[ordered > 0]
    curve = None
    if positive.size:
        thresholds = np.geomspace(positive[0], positive[-1], 100)
        curve = (loss.size - np.searchsorted(ordered, thresholds, side="right")) / loss.size
    return {"mean": mean, "sd": sd, "p10": p10, "p50": p50, "p90": p90, "p95": p95, "p99": p99,
            "probability_of_loss": positive.size / loss.size, "curve": curve, "sorted": ordered}


def run(scenarios, n, seed):
    rng = np.random.default_rng(seed)
    total = np.zeros(n)
    results = {}
    events = 0
    for s in scenarios:
        loss, drawn = simulate(rng, s, n)
        events += drawn
        total += loss
        results[s["name"]] = summarise(loss)
    results["(total)"] = summarise(total)
    return results, events


def p90_standard_error(summary, n):
    # sqrt(p (1 - p) / n) / density at the P90, the density from the spacing
    # of the sample around it.
    ordered = summary["sorted"]
    q89, q91 = np.percentile(ordered, [89, 91])
    if q91 <= q89:
        return 0.0
    density = 0.02 / (q91 - q89)
    return math.sqrt(0.9 * 0.1 / n) / density


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", required=True)
    parser.add_argument("--iterations", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", help="the C++ benchmark's --json output")
    args = parser.parse_args()
    scenarios = read_scenarios(args.scenarios)
    n = args.iterations
    best = math.inf
    for r in range(args.repeat):
        start = time.process_time()
        results, events = run(scenarios, n, args.seed + r)
        best = min(best, time.process_time() - start)
    total = results["(total)"]
    print(f"NumPy {np.__version__} baseline: {len(scenarios)} risks x {n} simulated years, best of {args.repeat}")
    print(f"  CPU time {best * 1e3:.1f} ms, {events} loss events drawn: "
          f"{best / events * 1e9:.1f} ms per million loss-event draws")
    print(f"  total annual loss: mean {total['mean']:.0f}, P90 {total['p90']:.0f}")
    if not args.compare:
        return 0
    with open(args.compare) as f:
        cpp = json.load(f)
    if cpp["iterations"] != n:
        print(f"cannot compare: the C++ run simulated {cpp['iterations']} years, this one {n}", file=sys.stderr)
        return 2
    agree = True
    print("Agreement, within four standard errors (mean, P90):")
    for name, ours in [(s["name"], results[s["name"]]) for s in scenarios] + [("(total)", total)]:
        theirs = cpp["total"] if name == "(total)" else cpp["scenarios"][name]
        se_mean = math.sqrt((ours["sd"] ** 2 + theirs["sd"] ** 2) / n)
        se_p90 = math.sqrt(2) * p90_standard_error(ours, n)
        ok_mean = abs(ours["mean"] - theirs["mean"]) <= 4 * se_mean
        ok_p90 = abs(ours["p90"] - theirs["p90"]) <= 4 * se_p90 + 1e-9 * max(1.0, abs(ours["p90"]))
        agree = agree and ok_mean and ok_p90
        print(f"  {name:24s} mean {theirs['mean']:12.0f} vs {ours['mean']:12.0f} {'ok' if ok_mean else 'DIFFERENT'}"
              f"   P90 {theirs['p90']:12.0f} vs {ours['p90']:12.0f} {'ok' if ok_p90 else 'DIFFERENT'}")
    ratio = best / cpp["cpu_seconds"]
    print(f"Speed: C++ {cpp['cpu_seconds'] * 1e3:.1f} ms against NumPy {best * 1e3:.1f} ms of CPU time: "
          f"the C++ engine is {ratio:.1f} times faster on one core (target: at least 5)")
    if not agree:
        print("The two implementations disagree beyond sampling error.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

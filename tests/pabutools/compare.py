#!/usr/bin/env python3
"""Compare `hromada tally` with pabutools, rule by rule.

    python3 tests/pabutools/compare.py HROMADA_BINARY [FILE.pb ...] [--random N] [--seed S]

For each pabulib file given, and for N small random instances (seeded, so every run checks the
same ones), computes the winners of every rule with pabutools and with
`hromada tally FILE --rule RULE --json`, and exits non-zero after printing every difference.

The pabutools counterparts, with hromada's tie-break (more votes, lower cost, smaller project id,
numeric ids by value) as a pabutools TieBreakingRule:
  greedy            greedy_utilitarian_welfare(sat_class=Cost_Sat)
  greedy-threshold  the same over the projects with at least min_project_score_threshold votes
  greedy-per-cost   greedy_utilitarian_welfare(sat_class=Cardinality_Sat): pabutools ranks by
                    satisfaction density, here votes / cost (infinite for a free project with
                    votes, 0 without votes), highest first, ties by the tie-break
  greedy-no-skip    pabutools has no such rule: the projects pabutools' greedy selects, in the
                    order it considers them, up to the first one it skips
  equalshares/add1  exhaustion_by_budget_increase(method_of_equal_shares, Cost_Sat,
                    budget_step=number of voters), over the multiprofile (identical ballots
                    grouped, which Equal Shares treats alike anyway)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

from pabutools.election import Cardinality_Sat, Cost_Sat, Instance, parse_pabulib
from pabutools.fractions import frac
from pabutools.rules import (
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

RULES = ["greedy", "greedy-no-skip", "greedy-threshold", "greedy-per-cost", "equalshares/add1"]


def id_key(name: str):
    """hromada's submission-order key for pabulib ids: numbers by value first, then the rest."""
    if re.fullmatch(r"[0-9]+", name):
        return (0, int(name), name)
    return (1, 0, name)


def tie_breaking(profile) -> TieBreakingRule:
    return TieBreakingRule(
        lambda inst, prof, p: (-profile.approval_score(p), p.cost, id_key(p.name))
    )


def greedy(instance, profile, tb):
    return greedy_utilitarian_welfare(
        instance, profile, sat_class=Cost_Sat, tie_breaking=tb
    )


def greedy_no_skip(instance, profile, tb):
    # The order in which pabutools' greedy (additive satisfaction) considers the projects.
    ordered = tb.order(instance, profile, sorted(instance))
    position = {p: i for i, p in enumerate(ordered)}

    def density(p):
        total = profile.approval_score(p) * p.cost
        if total > 0:
            return frac(total, p.cost)
        return 0

    ordered.sort(key=lambda p: (-density(p), position[p]))
    chosen = set(greedy(instance, profile, tb))
    winners = []
    for p in ordered:
        if p not in chosen:
            break
        winners.append(p)
    return winners


def greedy_per_cost(instance, profile, tb):
    return greedy_utilitarian_welfare(
        instance, profile, sat_class=Cardinality_Sat, tie_breaking=tb
    )


def greedy_threshold(instance, profile, tb):
    threshold = int(instance.meta["min_project_score_threshold"])
    kept = Instance(
        [p for p in instance if profile.approval_score(p) >= threshold],
        budget_limit=instance.budget_limit,
    )
    return greedy(kept, profile, tb)


def equal_shares_add1(instance, profile, tb):
    return exhaustion_by_budget_increase(
        instance,
        profile.as_multiprofile(),
        method_of_equal_shares,
        {"sat_class": Cost_Sat, "tie_breaking": tb},
        budget_step=profile.num_ballots(),
    )


PABUTOOLS = {
    "greedy": greedy,
    "greedy-no-skip": greedy_no_skip,
    "greedy-threshold": greedy_threshold,
    "greedy-per-cost": greedy_per_cost,
    "equalshares/add1": equal_shares_add1,
}


def hromada(binary: str, path: str, rule: str) -> list[str]:
    run = subprocess.run(
        [binary, "tally", path, "--rule", rule, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        raise RuntimeError(f"hromada tally {path} --rule {rule} failed: {run.stderr.strip()}")
    return json.loads(run.stdout)["winners"]


def compare_file(binary: str, path: str, label: str) -> list[str]:
    instance, profile = parse_pabulib(path)
    tb = tie_breaking(profile)
    differences = []
    for rule in RULES:
        if rule == "greedy-threshold" and "min_project_score_threshold" not in instance.meta:
            continue
        expected = sorted(p.name for p in PABUTOOLS[rule](instance, profile, tb))
        got = sorted(hromada(binary, path, rule))
        if expected != got:
            differences.append(
                f"{label} {rule}: pabutools {expected}, hromada {got}"
                f" (only pabutools: {sorted(set(expected) - set(got))},"
                f" only hromada: {sorted(set(got) - set(expected))})"
            )
    return differences


def csv_field(value: str) -> str:
    if any(c in value for c in ';"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def random_instance(rng: random.Random) -> str:
    """A small pabulib file: 2-8 projects (costs from 1, sometimes with decimals), 1-15 voters."""
    decimals = rng.random() < 0.25
    names = rng.sample(["1", "2", "3", "10", "11", "a", "b", "B", "x;y", "07"], rng.randint(2, 8))

    def amount(low, high):
        value = rng.randint(low, high)
        return f"{value}.{rng.randint(0, 9)}" if decimals else str(value)

    projects = [(name, amount(1, 60)) for name in names]
    voters = rng.randint(1, 15)
    lines = [
        "META",
        "key;value",
        "description;random instance",
        f"budget;{amount(10, 150)}",
        "vote_type;approval",
        "rule;greedy",
        f"min_project_score_threshold;{rng.randint(0, 4)}",
        "PROJECTS",
        "project_id;cost",
    ]
    lines += [f"{csv_field(name)};{cost}" for name, cost in projects]
    lines += ["VOTES", "voter_id;vote"]
    for v in range(voters):
        approved = rng.sample(names, rng.randint(0, min(4, len(names))))
        lines.append(f"v{v};{csv_field(','.join(approved))}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", help="the hromada binary")
    parser.add_argument("files", nargs="*", help="pabulib files to compare on")
    parser.add_argument("--random", type=int, default=40, help="random instances (default 40)")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    differences = []
    checked = 0
    for path in args.files:
        differences += compare_file(args.binary, path, os.path.basename(path))
        checked += 1
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.random):
            path = os.path.join(tmp, f"random-{i}.pb")
            with open(path, "w", encoding="utf-8") as f:
                f.write(random_instance(rng))
            found = compare_file(args.binary, path, f"random instance {i} (seed {args.seed})")
            if found:
                with open(path, encoding="utf-8") as f:
                    print(f"--- random instance {i}:\n{f.read()}", end="")
            differences += found
            checked += 1
    for d in differences:
        print(d)
    print(f"compared {checked} instances with pabutools: {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

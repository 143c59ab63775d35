#!/usr/bin/env python3
"""Seconds pabutools takes for one rule on one pabulib file (for tests/bench/tally.rs).

    python3 tests/bench/pabutools_time.py FILE.pb RULE

RULE: greedy, greedy-no-skip (pabutools has no such rule; its greedy is timed), greedy-threshold
(greedy over the projects with at least min_project_score_threshold votes) or equalshares/add1
(exhaustion_by_budget_increase over method_of_equal_shares with Cost_Sat, budget_step = number
of voters, on the multiprofile). Parsing the file is not timed.
"""

import sys
import time

from pabutools.election import Cost_Sat, Instance, parse_pabulib
from pabutools.rules import (
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)


def main() -> None:
    path, rule = sys.argv[1], sys.argv[2]
    instance, profile = parse_pabulib(path)
    started = time.perf_counter()
    if rule in ("greedy", "greedy-no-skip"):
        greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    elif rule == "greedy-threshold":
        threshold = int(instance.meta.get("min_project_score_threshold", 0))
        kept = Instance(
            [p for p in instance if profile.approval_score(p) >= threshold],
            budget_limit=instance.budget_limit,
        )
        greedy_utilitarian_welfare(kept, profile, sat_class=Cost_Sat)
    elif rule == "equalshares/add1":
        multi = profile.as_multiprofile()
        exhaustion_by_budget_increase(
            instance,
            multi,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            budget_step=profile.num_ballots(),
        )
    else:
        sys.exit(f"unknown rule {rule}")
    print(time.perf_counter() - started)


if __name__ == "__main__":
    main()

//! The `.pb` (pabulib) reader, `pabulib::read_bytes` (`hromada tally FILE.pb`), its writer and
//! the tally of what it read.
//!
//! Properties: what is read is consistent (every approval names a project, once; extra values
//! match their columns); whatever the reader accepts the writer writes, and the written file
//! reads back to the same `Election`; the tally under every rule spends at most the budget,
//! `spent + left = budget`, `spent` is the winners' cost, winners are distinct and carry
//! their real vote counts, and the greedy rules leave no project out that still fits.
#![no_main]

use std::collections::HashSet;

use hromada::domain::pabulib;
use hromada::domain::tally::{self, Rule};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(election) = pabulib::read_bytes(data) else {
        return;
    };

    for p in &election.projects {
        assert_eq!(p.extra.len(), election.project_columns.len());
    }
    for v in &election.votes {
        assert_eq!(v.extra.len(), election.vote_columns.len());
        let mut seen = HashSet::new();
        for &p in &v.projects {
            assert!(
                p < election.projects.len(),
                "voter {:?} approves #{p}",
                v.voter_id
            );
            assert!(seen.insert(p), "voter {:?} approves #{p} twice", v.voter_id);
        }
    }

    let written = pabulib::write(&election)
        .unwrap_or_else(|e| panic!("a file the reader accepts cannot be written: {e}"));
    match pabulib::read(&written) {
        Ok(again) => assert_eq!(
            again, election,
            "written file reads back differently:\n{written}"
        ),
        Err(e) => panic!("the written file does not read: {e}\n{written}"),
    }

    // The tally of the file, as `hromada tally` does it, on inputs small enough to be quick.
    if election.projects.len() > 40 || election.votes.len() > 200 {
        return;
    }
    let (projects, ballots) = election.tally_input();
    let mut rules = vec![Rule::Greedy, Rule::GreedyNoSkip, Rule::GreedyPerCost];
    if let Some(min_votes) = election.min_project_score_threshold {
        rules.push(Rule::GreedyThreshold { min_votes });
    }
    // add1 raises the voters' budget a currency unit at a time, up to the pot per voter.
    if election.budget <= Decimal::from(1000) {
        rules.push(Rule::EqualSharesAdd1);
    }
    for rule in rules {
        let Ok(outcome) = tally::tally(rule, election.budget, &projects, &ballots) else {
            continue;
        };
        assert_eq!(outcome.spent + outcome.left, election.budget, "{rule:?}");
        assert!(
            !outcome.left.is_sign_negative() || outcome.left.is_zero(),
            "{rule:?} overspent"
        );
        let mut chosen = vec![false; projects.len()];
        let mut cost = Decimal::ZERO;
        for w in &outcome.winners {
            assert!(!chosen[w.project], "{rule:?} chose #{} twice", w.project);
            chosen[w.project] = true;
            cost += projects[w.project].cost;
            let votes = ballots
                .iter()
                .filter(|b| b.projects().contains(&w.project))
                .count();
            assert_eq!(w.votes, votes as u64, "{rule:?}: votes of #{}", w.project);
        }
        assert_eq!(
            cost, outcome.spent,
            "{rule:?}: spent is not the winners' cost"
        );
        let min_votes = match rule {
            Rule::Greedy | Rule::GreedyPerCost => Some(0),
            Rule::GreedyThreshold { min_votes } => Some(min_votes),
            _ => None,
        };
        if let Some(min_votes) = min_votes {
            for (p, project) in projects.iter().enumerate() {
                let votes = ballots.iter().filter(|b| b.projects().contains(&p)).count() as u64;
                if !chosen[p] && votes >= min_votes {
                    assert!(
                        project.cost > outcome.left,
                        "{rule:?} left out #{p}, which fits"
                    );
                }
            }
        }
    }
});

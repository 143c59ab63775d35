//! `hromada tally`: the winners of a pabulib file's vote, as text for people or as JSON.
//!
//! Needs no database and no configuration: a file in, a report out.

use std::fmt::Write as _;

use serde_json::json;

use crate::domain::pabulib::{self, Election, ParseError};
use crate::domain::tally::{self, Outcome, Rule, RuleError, TallyError};

/// Why a file cannot be tallied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyFileError {
    #[error("{0}")]
    Parse(#[from] ParseError),
    #[error("the file has no `rule` in META; choose one with --rule")]
    NoRule,
    #[error("{0}")]
    Rule(#[from] RuleError),
    #[error("{0}")]
    Tally(#[from] TallyError),
}

/// A tallied file.
#[derive(Debug, Clone)]
pub struct TallyReport {
    pub election: Election,
    pub projects: Vec<tally::Project>,
    pub outcome: Outcome,
}

/// Reads a pabulib file (bytes as on disk) and tallies it with `rule`, or with the file's own
/// `rule` field when `rule` is `None`.
pub fn tally_pabulib(bytes: &[u8], rule: Option<&str>) -> Result<TallyReport, TallyFileError> {
    let election = pabulib::read_bytes(bytes)?;
    let name = rule.or(election.rule()).ok_or(TallyFileError::NoRule)?;
    let rule = Rule::from_pabulib(name, election.min_project_score_threshold)?;
    let (projects, ballots) = election.tally_input();
    let outcome = tally::tally(rule, election.budget, &projects, &ballots)?;
    Ok(TallyReport {
        election,
        projects,
        outcome,
    })
}

impl TallyReport {
    /// `{"rule", "winners": [ids in the order chosen], "spent", "left"}`, and for Equal Shares
    /// `"per_head"` (id → a full share, rounded to 2 decimals) and `"voter_budget"`.
    pub fn json(&self) -> serde_json::Value {
        let o = &self.outcome;
        let mut value = json!({
            "rule": o.rule.pabulib_name(),
            "winners": o.winner_ids(&self.projects),
            "spent": o.spent.to_string(),
            "left": o.left.to_string(),
        });
        if let Some(voter_budget) = &o.voter_budget {
            let per_head: serde_json::Map<String, serde_json::Value> = o
                .winners
                .iter()
                .filter_map(|w| {
                    let share = w.per_head.as_ref()?;
                    Some((
                        self.projects[w.project].id.clone(),
                        tally::format_rounded(share, 2).into(),
                    ))
                })
                .collect();
            value["per_head"] = per_head.into();
            value["voter_budget"] = tally::format_rounded(voter_budget, 2).into();
        }
        value
    }

    /// Rule, budget, spent, left and the winners (id, cost, votes; per head for Equal Shares).
    pub fn text(&self) -> String {
        let o = &self.outcome;
        let mut out = String::new();
        let _ = writeln!(out, "rule:   {}", o.rule);
        if let Rule::GreedyThreshold { min_votes } = o.rule {
            let _ = writeln!(out, "        (projects with at least {min_votes} votes)");
        }
        let _ = writeln!(out, "budget: {}", o.budget);
        let _ = writeln!(out, "spent:  {}", o.spent);
        let _ = writeln!(out, "left:   {}", o.left);
        if let Some(voter_budget) = &o.voter_budget {
            let _ = writeln!(
                out,
                "budget per voter in the kept run: {}",
                tally::format_rounded(voter_budget, 2)
            );
        }
        let _ = writeln!(
            out,
            "winners: {} of {} projects, in the order chosen",
            o.winners.len(),
            self.projects.len()
        );
        let id_width = o
            .winners
            .iter()
            .map(|w| self.projects[w.project].id.chars().count())
            .chain(["id".len()])
            .max()
            .unwrap_or(2);
        let cost_width = o
            .winners
            .iter()
            .map(|w| self.projects[w.project].cost.to_string().len())
            .chain(["cost".len()])
            .max()
            .unwrap_or(4);
        let mut heading = format!(
            "  {:<id_width$}  {:>cost_width$}  {:>8}",
            "id", "cost", "votes"
        );
        if o.voter_budget.is_some() {
            heading.push_str("  per head");
        }
        let _ = writeln!(out, "{}", heading.trim_end());
        for w in &o.winners {
            let p = &self.projects[w.project];
            let mut line = format!(
                "  {:<id_width$}  {:>cost_width$}  {:>8}",
                p.id,
                p.cost.to_string(),
                w.votes
            );
            if let Some(share) = &w.per_head {
                let _ = write!(line, "  {:>8}", tally::format_rounded(share, 2));
            }
            let _ = writeln!(out, "{line}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\n\
        PROJECTS\nproject_id;cost;name\n1;60;Park\n2;50;Lights\n3;40;Bench\n\
        VOTES\nvoter_id;vote\nv1;1,2\nv2;1,3\nv3;2\nv4;1\n";

    #[test]
    fn uses_the_files_rule_or_the_one_given() {
        let report = tally_pabulib(FILE.as_bytes(), None).unwrap();
        assert_eq!(
            report.json(),
            json!({"rule": "greedy", "winners": ["1", "3"], "spent": "100", "left": "0"})
        );
        let no_skip = tally_pabulib(FILE.as_bytes(), Some("greedy-no-skip")).unwrap();
        assert_eq!(no_skip.json()["winners"], json!(["1"]));
        let text = report.text();
        assert!(text.contains("rule:   greedy\n"), "{text}");
        assert!(text.contains("left:   0\n"), "{text}");
        assert!(text.contains("  1     60         3\n"), "{text}");
    }

    #[test]
    fn equal_shares_reports_shares() {
        let report = tally_pabulib(FILE.as_bytes(), Some("equalshares/add1")).unwrap();
        let value = report.json();
        assert_eq!(value["rule"], "equalshares/add1");
        assert!(value["per_head"].is_object());
        assert!(report.text().contains("per head"));
    }

    #[test]
    fn errors_say_what_is_missing() {
        let no_rule = FILE.replace("rule;greedy\n", "");
        assert_eq!(
            tally_pabulib(no_rule.as_bytes(), None).unwrap_err(),
            TallyFileError::NoRule
        );
        assert!(matches!(
            tally_pabulib(FILE.as_bytes(), Some("greedy-threshold")),
            Err(TallyFileError::Rule(RuleError::MissingThreshold))
        ));
        assert!(matches!(
            tally_pabulib(FILE.as_bytes(), Some("phragmen")),
            Err(TallyFileError::Rule(RuleError::Unknown(_)))
        ));
        let bad = FILE.replace("2;50;Lights", "2;fifty;Lights");
        assert_eq!(
            tally_pabulib(bad.as_bytes(), None).unwrap_err().to_string(),
            "line 9: cost `fifty` is not a number"
        );
    }
}

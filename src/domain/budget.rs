//! The parameters of a budget session and its pots: what values are acceptable.

use super::money::Money;
use super::profile::Field;

/// The results rules, by their pabulib names (see `domain::tally`).
pub const RESULTS_RULES: [&str; 5] = [
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "greedy-per-cost",
    "equalshares/add1",
];
/// When vote counts are shown: while voting lasts, or only with the results.
pub const SHOW_COUNTS: [&str; 2] = ["live", "after_results"];
pub const REGISTRATION_METHODS: [&str; 2] = ["password", "kyiv_id"];
/// Pots per session, at most.
pub const MAX_POTS: usize = 20;

/// Why a session parameter is refused; each names the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParameterError {
    #[error("votes per resident must be 1 to 50")]
    VotesPerVoter,
    #[error("{field} must be 14 to 100 years")]
    Age { field: &'static str },
    #[error("unknown results rule")]
    ResultsRule,
    #[error("the minimum number of votes cannot be negative")]
    MinVotes,
    #[error("greedy-threshold needs the minimum number of votes")]
    ThresholdMissing,
    #[error("counts are shown live or after_results")]
    ShowCounts,
    #[error("registration methods: at least one of password, kyiv_id")]
    RegistrationMethods,
    #[error("unknown required profile field")]
    RequiredFields,
    #[error("days to appeal must be 0 to {APPEAL_DAYS_MAX}")]
    AppealDays,
}

/// The longest time to appeal a decision, in days.
pub const APPEAL_DAYS_MAX: i32 = 60;

/// The values a session's parameters take.
pub struct ParameterValues<'a> {
    pub votes_per_voter: i32,
    pub min_voter_age: i32,
    pub min_author_age: i32,
    pub results_rule: &'a str,
    pub min_votes_to_win: Option<i32>,
    pub registration_methods: &'a [String],
    pub required_fields: &'a [String],
    pub show_counts: &'a str,
    pub appeal_days: i32,
}

pub fn check_parameters(p: &ParameterValues<'_>) -> Result<(), ParameterError> {
    if !(1..=50).contains(&p.votes_per_voter) {
        return Err(ParameterError::VotesPerVoter);
    }
    for (age, field) in [
        (p.min_voter_age, "min_voter_age"),
        (p.min_author_age, "min_author_age"),
    ] {
        if !(14..=100).contains(&age) {
            return Err(ParameterError::Age { field });
        }
    }
    if !RESULTS_RULES.contains(&p.results_rule) {
        return Err(ParameterError::ResultsRule);
    }
    if p.min_votes_to_win.is_some_and(|v| v < 0) {
        return Err(ParameterError::MinVotes);
    }
    if p.results_rule == "greedy-threshold" && p.min_votes_to_win.is_none() {
        return Err(ParameterError::ThresholdMissing);
    }
    if !SHOW_COUNTS.contains(&p.show_counts) {
        return Err(ParameterError::ShowCounts);
    }
    if p.registration_methods.is_empty()
        || p.registration_methods
            .iter()
            .any(|m| !REGISTRATION_METHODS.contains(&m.as_str()))
    {
        return Err(ParameterError::RegistrationMethods);
    }
    if p.required_fields
        .iter()
        .any(|f| Field::from_code(f).is_none())
    {
        return Err(ParameterError::RequiredFields);
    }
    if !(0..=APPEAL_DAYS_MAX).contains(&p.appeal_days) {
        return Err(ParameterError::AppealDays);
    }
    Ok(())
}

/// A pot's limit of votes per voter, when it has one: 1 to 50.
pub fn pot_vote_limit_valid(limit: Option<i32>) -> bool {
    limit.is_none_or(|l| (1..=50).contains(&l))
}

/// A pot's amounts: both positive, and one project no dearer than the whole pot.
pub fn pot_amounts_valid(total: Money, max_project_cost: Money) -> bool {
    total > Money::ZERO && max_project_cost > Money::ZERO && max_project_cost <= total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kyiv<'a>(methods: &'a [String], fields: &'a [String]) -> ParameterValues<'a> {
        ParameterValues {
            votes_per_voter: 5,
            min_voter_age: 16,
            min_author_age: 18,
            results_rule: "greedy",
            min_votes_to_win: None,
            registration_methods: methods,
            required_fields: fields,
            show_counts: "live",
            appeal_days: 7,
        }
    }

    #[test]
    fn kyiv_parameters_pass_and_each_bound_is_checked() {
        let methods = vec!["password".to_owned(), "kyiv_id".to_owned()];
        let fields = vec!["phone".to_owned(), "birth_date".to_owned()];
        assert_eq!(check_parameters(&kyiv(&methods, &fields)), Ok(()));
        let bad = |edit: &dyn Fn(&mut ParameterValues<'_>)| {
            let mut p = kyiv(&methods, &fields);
            edit(&mut p);
            check_parameters(&p)
        };
        assert_eq!(
            bad(&|p| p.votes_per_voter = 0),
            Err(ParameterError::VotesPerVoter)
        );
        assert_eq!(
            bad(&|p| p.votes_per_voter = 51),
            Err(ParameterError::VotesPerVoter)
        );
        assert_eq!(
            bad(&|p| p.min_voter_age = 13),
            Err(ParameterError::Age {
                field: "min_voter_age"
            })
        );
        assert_eq!(
            bad(&|p| p.min_author_age = 101),
            Err(ParameterError::Age {
                field: "min_author_age"
            })
        );
        assert_eq!(
            bad(&|p| p.results_rule = "coin_toss"),
            Err(ParameterError::ResultsRule)
        );
        assert_eq!(
            bad(&|p| p.min_votes_to_win = Some(-1)),
            Err(ParameterError::MinVotes)
        );
        assert_eq!(
            bad(&|p| p.results_rule = "greedy-threshold"),
            Err(ParameterError::ThresholdMissing)
        );
        assert_eq!(
            bad(&|p| {
                p.results_rule = "greedy-threshold";
                p.min_votes_to_win = Some(50);
            }),
            Ok(())
        );
        for rule in RESULTS_RULES
            .into_iter()
            .filter(|r| *r != "greedy-threshold")
        {
            assert_eq!(bad(&|p| p.results_rule = rule), Ok(()), "{rule}");
        }
        assert_eq!(
            bad(&|p| p.show_counts = "never"),
            Err(ParameterError::ShowCounts)
        );
        assert_eq!(bad(&|p| p.show_counts = "after_results"), Ok(()));
        for days in [0, 7, APPEAL_DAYS_MAX] {
            assert_eq!(bad(&|p| p.appeal_days = days), Ok(()), "{days}");
        }
        for days in [-1, APPEAL_DAYS_MAX + 1] {
            assert_eq!(
                bad(&|p| p.appeal_days = days),
                Err(ParameterError::AppealDays)
            );
        }
        assert!(pot_vote_limit_valid(None) && pot_vote_limit_valid(Some(1)));
        assert!(!pot_vote_limit_valid(Some(0)) && !pot_vote_limit_valid(Some(51)));
        assert_eq!(
            bad(&|p| p.registration_methods = &[]),
            Err(ParameterError::RegistrationMethods)
        );
        let sms = ["sms".to_owned()];
        assert_eq!(
            check_parameters(&kyiv(&sms, &fields)),
            Err(ParameterError::RegistrationMethods)
        );
        let shoe = ["shoe_size".to_owned()];
        assert_eq!(
            check_parameters(&kyiv(&methods, &shoe)),
            Err(ParameterError::RequiredFields)
        );
    }

    #[test]
    fn pot_amounts() {
        let m = |s: &str| s.parse::<Money>().unwrap();
        assert!(pot_amounts_valid(m("50000000"), m("1999999.99")));
        assert!(pot_amounts_valid(m("10"), m("10")));
        assert!(!pot_amounts_valid(m("10"), m("10.01")));
        assert!(!pot_amounts_valid(m("0"), m("0")));
        assert!(!pot_amounts_valid(m("-5"), m("1")));
    }
}

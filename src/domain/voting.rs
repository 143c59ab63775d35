//! Who may vote, for what, and when; the reasons a vote is refused, each one the UI can show.
//!
//! The limits that depend on votes already cast (one vote per project, the session's number of
//! votes, a pot's limit, one ballot per person across channels) are held by the database in
//! the vote's transaction; their refusals are named here all the same.

use super::login::Login;
use super::project::{Period, Status as ProjectStatus};

/// How a vote reached the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Cast by the resident on the platform.
    Internet,
    /// A paper ballot from a service centre (ЦНАП), entered by a moderator.
    Paper,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Internet, Channel::Paper];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Internet => "internet",
            Channel::Paper => "paper",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Why a vote is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("voting has not started")]
    NotOpenYet,
    #[error("voting has ended")]
    Closed,
    #[error("the voter is younger than {min}")]
    TooYoung { min: i32 },
    #[error("the project is not admitted to the vote")]
    NotAdmitted,
    #[error("the project is not in this session")]
    OtherSession,
    #[error("already voted for this project")]
    AlreadyVoted,
    #[error("all {limit} votes are used")]
    NoVotesLeft { limit: i32 },
    #[error("all {limit} votes of the pot are used")]
    PotLimit { limit: i32 },
    #[error("the ballot has a vote in this category already")]
    CategoryUsed,
    #[error("the voter has voted through the other channel")]
    OtherChannel { voted: Channel },
    #[error("votes cannot be withdrawn in this session")]
    WithdrawalNotAllowed,
    #[error("there is no vote to withdraw")]
    NotVoted,
    #[error("a ballot lists a project twice")]
    Duplicate,
    #[error("a ballot has no projects")]
    Empty,
}

impl Refusal {
    /// The stable code of the refusal (a `problem-vote-…` message in `locales/`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotOpenYet => "vote-not-open",
            Refusal::Closed => "vote-closed",
            Refusal::TooYoung { .. } => "vote-too-young",
            Refusal::NotAdmitted => "vote-not-admitted",
            Refusal::OtherSession => "vote-other-session",
            Refusal::AlreadyVoted => "vote-already",
            Refusal::NoVotesLeft { .. } => "vote-none-left",
            Refusal::PotLimit { .. } => "vote-pot-limit",
            Refusal::CategoryUsed => "vote-category-used",
            Refusal::OtherChannel { .. } => "vote-other-channel",
            Refusal::WithdrawalNotAllowed => "vote-withdrawal-off",
            Refusal::NotVoted => "vote-not-cast",
            Refusal::Duplicate => "vote-duplicate",
            Refusal::Empty => "vote-empty",
        }
    }
}

/// Whether votes are taken in this period of the session.
pub fn window(period: Period) -> Result<(), Refusal> {
    match period {
        Period::BeforeSubmission | Period::Submission | Period::Endorsement | Period::Review => {
            Err(Refusal::NotOpenYet)
        }
        Period::Voting => Ok(()),
        Period::AfterVoting => Err(Refusal::Closed),
    }
}

/// Whether a vote for a project in `status` may be cast now by a voter who is `old_enough`
/// (the session's minimum age is `min_age`); the first reason that applies.
pub fn may_vote(
    period: Period,
    status: ProjectStatus,
    old_enough: bool,
    min_age: i32,
) -> Result<(), Refusal> {
    window(period)?;
    if !old_enough {
        return Err(Refusal::TooYoung { min: min_age });
    }
    if status != ProjectStatus::Admitted {
        return Err(Refusal::NotAdmitted);
    }
    Ok(())
}

/// Whether service centres' paper ballots are still taken: while voting lasts and after it,
/// until the results are computed (from then on the count is fixed).
pub fn paper_window(period: Period, results_computed: bool) -> Result<(), Refusal> {
    match period {
        Period::Voting => Ok(()),
        Period::AfterVoting if !results_computed => Ok(()),
        Period::AfterVoting => Err(Refusal::Closed),
        _ => Err(Refusal::NotOpenYet),
    }
}

/// Whether a vote may be taken back now.
pub fn may_withdraw(period: Period, allowed: bool) -> Result<(), Refusal> {
    window(period)?;
    if !allowed {
        return Err(Refusal::WithdrawalNotAllowed);
    }
    Ok(())
}

/// Whether a new ballot through `channel` may stand beside a ballot already cast through
/// `existing` by the same person (found by a number both share). Two internet ballots are two
/// accounts, each signed in on its own (a phone typed into a profile proves nothing, and must
/// not let one resident block another); a paper ballot beside anything is the same person
/// voting twice.
pub fn beside(existing: Channel, channel: Channel) -> Result<(), Refusal> {
    match (existing, channel) {
        (Channel::Internet, Channel::Internet) => Ok(()),
        (Channel::Paper, Channel::Paper) => Err(Refusal::AlreadyVoted),
        (voted, _) => Err(Refusal::OtherChannel { voted }),
    }
}

/// The numbers a voter is known by, normalized and without repeats, the ballot's own key
/// (`login`) first: one person, one ballot, whichever they give. Numbers that are not a valid
/// login (a phone from abroad, a typo) identify no one and are left out.
pub fn voter_keys<'a>(login: &str, others: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut keys = vec![login.to_owned()];
    for other in others {
        if let Ok(parsed) = Login::parse(other)
            && !keys.iter().any(|k| k == parsed.as_str())
        {
            keys.push(parsed.as_str().to_owned());
        }
    }
    keys
}

/// A whole paper ballot: its projects, each with its pot and status, checked against the
/// session's number of votes and the pots' limits (`pot_limit` gives a pot's limit, if any).
/// Paper votes are entered after the voting stage too (service centres hand them in), until
/// the results are published: the window is the caller's.
pub fn check_paper_ballot(
    projects: &[(i64, i64, ProjectStatus)],
    votes_per_voter: i32,
    pot_limit: impl Fn(i64) -> Option<i32>,
) -> Result<(), Refusal> {
    if projects.is_empty() {
        return Err(Refusal::Empty);
    }
    let mut seen = std::collections::HashSet::new();
    let mut per_pot = std::collections::HashMap::<i64, i32>::new();
    for (project, pot, status) in projects {
        if !seen.insert(*project) {
            return Err(Refusal::Duplicate);
        }
        if *status != ProjectStatus::Admitted {
            return Err(Refusal::NotAdmitted);
        }
        let count = per_pot.entry(*pot).or_default();
        *count += 1;
        if let Some(limit) = pot_limit(*pot)
            && *count > limit
        {
            return Err(Refusal::PotLimit { limit });
        }
    }
    if projects.len() > usize::try_from(votes_per_voter).unwrap_or(0) {
        return Err(Refusal::NoVotesLeft {
            limit: votes_per_voter,
        });
    }
    Ok(())
}

/// In a session with one vote per category («один голос на тему»), a ballot's projects are in
/// different categories. (An internet ballot grows a vote at a time: the database holds the
/// rule there, with a unique (ballot, category) row claimed in the vote's transaction.)
pub fn one_per_category(categories: impl IntoIterator<Item = i64>) -> Result<(), Refusal> {
    let mut seen = std::collections::HashSet::new();
    for category in categories {
        if !seen.insert(category) {
            return Err(Refusal::CategoryUsed);
        }
    }
    Ok(())
}

/// Whether vote counts are shown now: live while voting lasts when the session says so, and
/// always once results are published.
pub fn counts_visible(show_counts_live: bool, results_published: bool) -> bool {
    show_counts_live || results_published
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProjectStatus as P;

    #[test]
    fn channels_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_code(channel.code()), Some(channel));
        }
        assert_eq!(Channel::from_code("sms"), None);
    }

    #[test]
    fn votes_are_taken_in_the_voting_stage_only() {
        let expected = [
            (Period::BeforeSubmission, Err(Refusal::NotOpenYet)),
            (Period::Submission, Err(Refusal::NotOpenYet)),
            (Period::Endorsement, Err(Refusal::NotOpenYet)),
            (Period::Review, Err(Refusal::NotOpenYet)),
            (Period::Voting, Ok(())),
            (Period::AfterVoting, Err(Refusal::Closed)),
        ];
        assert_eq!(expected.len(), Period::ALL.len());
        for (period, result) in expected {
            assert_eq!(window(period), result, "{period:?}");
        }
    }

    /// Every period × every project status × old enough or not.
    #[test]
    fn may_vote_whole_table() {
        for period in Period::ALL {
            for status in P::ALL {
                for old_enough in [true, false] {
                    let got = may_vote(period, status, old_enough, 16);
                    let expected = match (period, old_enough, status) {
                        (Period::Voting, false, _) => Err(Refusal::TooYoung { min: 16 }),
                        (Period::Voting, true, P::Admitted) => Ok(()),
                        (Period::Voting, true, _) => Err(Refusal::NotAdmitted),
                        (Period::AfterVoting, _, _) => Err(Refusal::Closed),
                        _ => Err(Refusal::NotOpenYet),
                    };
                    assert_eq!(got, expected, "{period:?} {status:?} {old_enough:?}");
                }
            }
        }
    }

    #[test]
    fn withdrawal_is_a_session_choice_within_the_window() {
        assert_eq!(may_withdraw(Period::Voting, true), Ok(()));
        assert_eq!(
            may_withdraw(Period::Voting, false),
            Err(Refusal::WithdrawalNotAllowed)
        );
        assert_eq!(
            may_withdraw(Period::AfterVoting, true),
            Err(Refusal::Closed)
        );
        assert_eq!(may_withdraw(Period::Review, true), Err(Refusal::NotOpenYet));
    }

    #[test]
    fn paper_ballots_come_in_until_results_are_computed() {
        for period in Period::ALL {
            for computed in [false, true] {
                let expected = match (period, computed) {
                    (Period::Voting, _) | (Period::AfterVoting, false) => Ok(()),
                    (Period::AfterVoting, true) => Err(Refusal::Closed),
                    _ => Err(Refusal::NotOpenYet),
                };
                assert_eq!(
                    paper_window(period, computed),
                    expected,
                    "{period:?} {computed}"
                );
            }
        }
    }

    #[test]
    fn one_person_one_ballot_across_channels() {
        use Channel::{Internet, Paper};
        assert_eq!(beside(Internet, Internet), Ok(()));
        assert_eq!(beside(Paper, Paper), Err(Refusal::AlreadyVoted));
        assert_eq!(
            beside(Internet, Paper),
            Err(Refusal::OtherChannel { voted: Internet })
        );
        assert_eq!(
            beside(Paper, Internet),
            Err(Refusal::OtherChannel { voted: Paper })
        );
    }

    #[test]
    fn a_voter_is_known_by_every_valid_number_once() {
        assert_eq!(
            voter_keys(
                "МЕ123456",
                ["067 123 45 67", "+380671234567", "not a phone"]
            ),
            ["МЕ123456", "+380671234567"]
        );
        assert_eq!(
            voter_keys("+380671234567", ["0671234567"]),
            ["+380671234567"]
        );
        assert_eq!(voter_keys("+380671234567", []), ["+380671234567"]);
    }

    #[test]
    fn paper_ballots_are_checked_whole() {
        let limits = |pot: i64| (pot == 2).then_some(1);
        let ok = [
            (10, 1, P::Admitted),
            (11, 1, P::Admitted),
            (20, 2, P::Admitted),
        ];
        assert_eq!(check_paper_ballot(&ok, 5, limits), Ok(()));
        assert_eq!(check_paper_ballot(&[], 5, limits), Err(Refusal::Empty));
        assert_eq!(
            check_paper_ballot(&[(10, 1, P::Admitted), (10, 1, P::Admitted)], 5, limits),
            Err(Refusal::Duplicate)
        );
        assert_eq!(
            check_paper_ballot(&[(10, 1, P::Rejected)], 5, limits),
            Err(Refusal::NotAdmitted)
        );
        assert_eq!(
            check_paper_ballot(&[(20, 2, P::Admitted), (21, 2, P::Admitted)], 5, limits),
            Err(Refusal::PotLimit { limit: 1 })
        );
        assert_eq!(
            check_paper_ballot(&ok, 2, limits),
            Err(Refusal::NoVotesLeft { limit: 2 })
        );
    }

    #[test]
    fn one_vote_per_category_on_a_ballot() {
        assert_eq!(one_per_category([]), Ok(()));
        assert_eq!(one_per_category([1, 2, 3, 10]), Ok(()));
        assert_eq!(one_per_category([1, 2, 1]), Err(Refusal::CategoryUsed));
        assert_eq!(one_per_category([7, 7]), Err(Refusal::CategoryUsed));
    }

    #[test]
    fn every_refusal_has_its_own_code() {
        let all = [
            Refusal::NotOpenYet,
            Refusal::Closed,
            Refusal::TooYoung { min: 16 },
            Refusal::NotAdmitted,
            Refusal::OtherSession,
            Refusal::AlreadyVoted,
            Refusal::NoVotesLeft { limit: 5 },
            Refusal::PotLimit { limit: 1 },
            Refusal::CategoryUsed,
            Refusal::OtherChannel {
                voted: Channel::Paper,
            },
            Refusal::WithdrawalNotAllowed,
            Refusal::NotVoted,
            Refusal::Duplicate,
            Refusal::Empty,
        ];
        let codes: std::collections::HashSet<&str> = all.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("vote-")));
    }

    #[test]
    fn counts_show_live_or_with_the_results() {
        assert!(counts_visible(true, false));
        assert!(!counts_visible(false, false));
        assert!(counts_visible(false, true));
    }
}

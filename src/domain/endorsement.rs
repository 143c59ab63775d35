//! Endorsements («збір підписів підтримки»): during a session's optional endorsement stage,
//! residents endorse published projects, one endorsement per resident per project. A pot may
//! require a minimum number of them before a project of it can be admitted to the vote.
//!
//! Endorsements are not the supporter team (`supporters`): anyone signed in may endorse, nobody
//! applies or is accepted.

use chrono::NaiveDate;

use super::profile;
use super::project::{Period, Status};

/// The largest minimum a pot may ask for.
pub const MAX_MINIMUM: i32 = 1_000_000;

/// Whether a pot's `min_endorsements` is acceptable: 0 (none required) to [`MAX_MINIMUM`].
pub fn minimum_valid(minimum: i32) -> bool {
    (0..=MAX_MINIMUM).contains(&minimum)
}

/// Why a resident may not endorse a project (or withdraw an endorsement) now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the session has no endorsement stage")]
    NoStage,
    #[error("the endorsement stage has not started")]
    NotOpenYet,
    #[error("the endorsement stage has ended")]
    Closed,
    #[error("authors do not endorse their own projects")]
    OwnProject,
    #[error("a project in status {0:?} is not endorsed")]
    NotEndorsable(Status),
    #[error("the resident is younger than {min}")]
    TooYoung { min: i32 },
}

impl Refusal {
    /// The stable code (a `problem-…` message in `locales/`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NoStage => "endorsement-no-stage",
            Refusal::NotOpenYet => "endorsement-not-open",
            Refusal::Closed => "endorsement-closed",
            Refusal::OwnProject => "endorsement-own-project",
            Refusal::NotEndorsable(_) => "endorsement-not-endorsable",
            Refusal::TooYoung { .. } => "endorsement-too-young",
        }
    }
}

/// Whether the session's endorsement stage is open: `has_stage` says whether the session has
/// one at all (then `period` is [`Period::Endorsement`] while it lasts).
pub fn window(has_stage: bool, period: Period) -> Result<(), Refusal> {
    if !has_stage {
        return Err(Refusal::NoStage);
    }
    match period {
        Period::BeforeSubmission | Period::Submission => Err(Refusal::NotOpenYet),
        Period::Endorsement => Ok(()),
        Period::Review | Period::Voting | Period::AfterVoting => Err(Refusal::Closed),
    }
}

/// Statuses whose projects may be endorsed: published and not yet decided against.
pub fn endorsable(status: Status) -> bool {
    matches!(
        status,
        Status::OnModeration | Status::NeedsRevision | Status::Admitted
    )
}

/// Whether someone is too young to endorse: only when the session sets a minimum age and the
/// profile has a birth date (as for votes, an unknown age is not held against anyone here;
/// the session's required profile fields are a separate matter).
pub fn too_young(birth: Option<NaiveDate>, today: NaiveDate, min_age: i32) -> bool {
    min_age > 0 && birth.is_some() && !profile::old_enough(birth, today, min_age)
}

/// Everything the endorsement rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    /// Whether the project's session has an endorsement stage.
    pub has_stage: bool,
    pub period: Period,
    /// Whether the resident is the project's author.
    pub own: bool,
    pub status: Status,
    pub birth_date: Option<NaiveDate>,
    /// Today in the city's time zone.
    pub today: NaiveDate,
    /// The session's minimum voter age (0: none).
    pub min_age: i32,
}

/// Whether a signed-in resident may endorse the project now; the first reason that applies:
/// the stage, the author, the project's status, the age.
pub fn may_endorse(ask: &Ask) -> Result<(), Refusal> {
    window(ask.has_stage, ask.period)?;
    if ask.own {
        return Err(Refusal::OwnProject);
    }
    if !endorsable(ask.status) {
        return Err(Refusal::NotEndorsable(ask.status));
    }
    if too_young(ask.birth_date, ask.today, ask.min_age) {
        return Err(Refusal::TooYoung { min: ask.min_age });
    }
    Ok(())
}

/// Whether a resident may take back their endorsement now: while the stage is open.
pub fn may_withdraw(has_stage: bool, period: Period) -> Result<(), Refusal> {
    window(has_stage, period)
}

/// A project admitted with fewer endorsements than its pot requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{have} endorsements, {need} needed")]
pub struct BelowMinimum {
    pub have: i64,
    pub need: i32,
}

/// The admission gate: a project of a session with an endorsement stage is admitted only with
/// at least its pot's `minimum` endorsements. Sessions without the stage are not gated.
pub fn may_admit(has_stage: bool, endorsements: i64, minimum: i32) -> Result<(), BelowMinimum> {
    if has_stage && minimum > 0 && endorsements < i64::from(minimum) {
        return Err(BelowMinimum {
            have: endorsements,
            need: minimum,
        });
    }
    Ok(())
}

/// Whether a project with `endorsements` (counting the one just given) has reached its pot's
/// minimum; with no minimum there is nothing to reach.
pub fn reached(endorsements: i64, minimum: i32) -> bool {
    minimum > 0 && endorsements >= i64::from(minimum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    fn ask() -> Ask {
        Ask {
            has_stage: true,
            period: Period::Endorsement,
            own: false,
            status: Status::OnModeration,
            birth_date: Some(date("1990-05-12")),
            today: date("2027-03-05"),
            min_age: 14,
        }
    }

    #[test]
    fn minimums_are_zero_to_a_million() {
        for (minimum, ok) in [
            (i32::MIN, false),
            (-1, false),
            (0, true),
            (1, true),
            (250, true),
            (MAX_MINIMUM, true),
            (MAX_MINIMUM + 1, false),
            (i32::MAX, false),
        ] {
            assert_eq!(minimum_valid(minimum), ok, "{minimum}");
        }
    }

    /// Every period, with and without the stage.
    #[test]
    fn the_window_is_the_endorsement_stage() {
        for period in Period::ALL {
            assert_eq!(window(false, period), Err(Refusal::NoStage), "{period:?}");
            let expected = match period {
                Period::BeforeSubmission | Period::Submission => Err(Refusal::NotOpenYet),
                Period::Endorsement => Ok(()),
                Period::Review | Period::Voting | Period::AfterVoting => Err(Refusal::Closed),
            };
            assert_eq!(window(true, period), expected, "{period:?}");
            assert_eq!(may_withdraw(true, period), expected, "{period:?}");
        }
    }

    #[test]
    fn only_published_undecided_projects_are_endorsed() {
        for status in Status::ALL {
            let expected = matches!(
                status,
                Status::OnModeration | Status::NeedsRevision | Status::Admitted
            );
            assert_eq!(endorsable(status), expected, "{status:?}");
            let got = may_endorse(&Ask { status, ..ask() });
            if expected {
                assert_eq!(got, Ok(()), "{status:?}");
            } else {
                assert_eq!(got, Err(Refusal::NotEndorsable(status)), "{status:?}");
            }
        }
        assert!(!endorsable(Status::Draft) && !Status::Draft.is_public());
    }

    #[test]
    fn age_counts_only_when_set_and_known() {
        let today = date("2027-03-05");
        // 14 on the day.
        assert!(!too_young(Some(date("2013-03-05")), today, 14));
        assert!(too_young(Some(date("2013-03-06")), today, 14));
        // No minimum, or no birth date: never too young.
        assert!(!too_young(Some(date("2020-01-01")), today, 0));
        assert!(!too_young(None, today, 14));
        assert_eq!(
            may_endorse(&Ask {
                birth_date: Some(date("2015-01-01")),
                ..ask()
            }),
            Err(Refusal::TooYoung { min: 14 })
        );
        assert_eq!(
            may_endorse(&Ask {
                birth_date: None,
                ..ask()
            }),
            Ok(())
        );
    }

    #[test]
    fn refusals_come_in_order_stage_author_status_age() {
        let everything_wrong = Ask {
            has_stage: false,
            period: Period::Voting,
            own: true,
            status: Status::Rejected,
            birth_date: Some(date("2020-01-01")),
            ..ask()
        };
        assert_eq!(may_endorse(&everything_wrong), Err(Refusal::NoStage));
        let with_stage = Ask {
            has_stage: true,
            ..everything_wrong
        };
        assert_eq!(may_endorse(&with_stage), Err(Refusal::Closed));
        let open = Ask {
            period: Period::Endorsement,
            ..with_stage
        };
        assert_eq!(may_endorse(&open), Err(Refusal::OwnProject));
        let not_own = Ask { own: false, ..open };
        assert_eq!(
            may_endorse(&not_own),
            Err(Refusal::NotEndorsable(Status::Rejected))
        );
        let endorsable = Ask {
            status: Status::Admitted,
            ..not_own
        };
        assert_eq!(may_endorse(&endorsable), Err(Refusal::TooYoung { min: 14 }));
        assert_eq!(may_endorse(&ask()), Ok(()));
    }

    #[test]
    fn every_refusal_has_its_own_code() {
        let all = [
            Refusal::NoStage,
            Refusal::NotOpenYet,
            Refusal::Closed,
            Refusal::OwnProject,
            Refusal::NotEndorsable(Status::Rejected),
            Refusal::TooYoung { min: 14 },
        ];
        let mut codes: Vec<_> = all.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("endorsement-")));
    }

    #[test]
    fn the_admission_gate() {
        // No stage: never gated, whatever the numbers.
        assert_eq!(may_admit(false, 0, 100), Ok(()));
        // No minimum.
        assert_eq!(may_admit(true, 0, 0), Ok(()));
        assert_eq!(
            may_admit(true, 2, 3),
            Err(BelowMinimum { have: 2, need: 3 })
        );
        assert_eq!(
            may_admit(true, 0, 1),
            Err(BelowMinimum { have: 0, need: 1 })
        );
        assert_eq!(may_admit(true, 3, 3), Ok(()));
        assert_eq!(may_admit(true, 4, 3), Ok(()));
    }

    #[test]
    fn reaching_the_minimum() {
        assert!(!reached(0, 0));
        assert!(!reached(10, 0), "no minimum, nothing to reach");
        assert!(!reached(2, 3));
        assert!(reached(3, 3));
        assert!(reached(4, 3));
        assert!(reached(i64::MAX, MAX_MINIMUM));
    }
}

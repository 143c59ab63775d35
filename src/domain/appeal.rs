//! Appeals and complaints to the public budget commission (ГБК).
//!
//! A project's author may appeal its rejection, or an expert conclusion on it, within the
//! session's `appeal_days` of that decision; any resident may file a complaint about any stage
//! of a session. The commission's members each record one vote with a reason; more than half
//! of the members upholding decides for the filer, half or more dismissing decides against
//! (`commission::decide`). An upheld appeal takes effect at once: a rejected project goes back
//! to the vote, an expert conclusion stops blocking it.

use chrono::{DateTime, Duration, Utc};

use super::commission::{self, Decision};
use super::project::{Period, Status as ProjectStatus};
use super::timeline::StageKind;

/// What is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The author against a decision on their project.
    Appeal,
    /// Any resident about a stage (of a project or of the whole session).
    Complaint,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Appeal, Kind::Complaint];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Appeal => "appeal",
            Kind::Complaint => "complaint",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What an appeal or complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A moderator's rejection of the project.
    Rejection,
    /// An expert conclusion that the project is not feasible.
    ExpertConclusion,
    /// A stage of the session (complaints).
    Stage(StageKind),
}

impl Subject {
    pub fn code(self) -> &'static str {
        match self {
            Subject::Rejection => "rejection",
            Subject::ExpertConclusion => "expert_conclusion",
            Subject::Stage(kind) => kind.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<Subject> {
        match code {
            "rejection" => Some(Subject::Rejection),
            "expert_conclusion" => Some(Subject::ExpertConclusion),
            other => StageKind::from_code(other).map(Subject::Stage),
        }
    }

    /// Whether `kind` may be about this subject: appeals about decisions, complaints about
    /// stages.
    pub fn fits(self, kind: Kind) -> bool {
        match self {
            Subject::Rejection | Subject::ExpertConclusion => kind == Kind::Appeal,
            Subject::Stage(_) => kind == Kind::Complaint,
        }
    }
}

/// Where a filed appeal or complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Upheld,
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Upheld, Status::Dismissed];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Upheld => "upheld",
            Status::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What a decision changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// The rejected project was admitted to the vote: the commission's decision stands over
    /// the admission gates, and a negative expert conclusion on it is overturned with it.
    Reinstated,
    /// The expert conclusion no longer keeps the project from the vote.
    ConclusionOverturned,
    /// Nothing to change by itself (a dismissal, a complaint: the decision is public and the
    /// city's staff act on it).
    None,
    /// Upheld when the vote had already begun: the project could not go back to it.
    TooLate,
}

impl Effect {
    pub const ALL: [Effect; 4] = [
        Effect::Reinstated,
        Effect::ConclusionOverturned,
        Effect::None,
        Effect::TooLate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Effect::Reinstated => "reinstated",
            Effect::ConclusionOverturned => "conclusion_overturned",
            Effect::None => "none",
            Effect::TooLate => "too_late",
        }
    }

    pub fn from_code(code: &str) -> Option<Effect> {
        Effect::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// Why an appeal or complaint may not be filed; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FilingRefusal {
    #[error("the city has no elected commission to decide it")]
    NoCommission,
    #[error("this kind may not be about this subject")]
    WrongSubject,
    #[error("only the project's author may appeal")]
    NotAuthor,
    #[error("there is no such decision on the project to appeal")]
    NothingToAppeal,
    #[error("the time to appeal ended at {0}")]
    WindowClosed(DateTime<Utc>),
}

/// What is known when an author appeals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppealFacts {
    pub members: usize,
    pub subject: Subject,
    pub is_author: bool,
    /// When the decision appealed was taken: the rejection, or the negative (or cost-
    /// correcting) expert conclusion not yet overturned; `None` if there is none.
    pub decided_at: Option<DateTime<Utc>>,
    pub appeal_days: i32,
    pub now: DateTime<Utc>,
}

/// The last moment an appeal against a decision taken at `decided_at` may be filed.
pub fn deadline(decided_at: DateTime<Utc>, appeal_days: i32) -> DateTime<Utc> {
    decided_at + Duration::days(i64::from(appeal_days.max(0)))
}

/// Whether the author may appeal now.
pub fn may_appeal(f: &AppealFacts) -> Result<(), FilingRefusal> {
    if f.members == 0 {
        return Err(FilingRefusal::NoCommission);
    }
    if !f.subject.fits(Kind::Appeal) {
        return Err(FilingRefusal::WrongSubject);
    }
    if !f.is_author {
        return Err(FilingRefusal::NotAuthor);
    }
    let decided_at = f.decided_at.ok_or(FilingRefusal::NothingToAppeal)?;
    let until = deadline(decided_at, f.appeal_days);
    if f.now > until {
        return Err(FilingRefusal::WindowClosed(until));
    }
    Ok(())
}

/// Whether a resident may complain about `subject`.
pub fn may_complain(members: usize, subject: Subject) -> Result<(), FilingRefusal> {
    if members == 0 {
        return Err(FilingRefusal::NoCommission);
    }
    if !subject.fits(Kind::Complaint) {
        return Err(FilingRefusal::WrongSubject);
    }
    Ok(())
}

/// Why a member's vote on an appeal is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefusal {
    #[error("only the commission's members vote")]
    NotMember,
    #[error(
        "a member does not vote on an appeal or complaint of their own or on their own project"
    )]
    OwnCase,
    #[error("already decided")]
    Decided,
    #[error("a reason is required")]
    ReasonRequired,
}

/// Whether a person may record (or change) a vote on an appeal in `status`; `party`: they
/// filed it or wrote the project it is about.
pub fn may_vote(
    status: Status,
    is_member: bool,
    party: bool,
    has_reason: bool,
) -> Result<(), VoteRefusal> {
    if !is_member {
        return Err(VoteRefusal::NotMember);
    }
    if party {
        return Err(VoteRefusal::OwnCase);
    }
    if status != Status::Pending {
        return Err(VoteRefusal::Decided);
    }
    if !has_reason {
        return Err(VoteRefusal::ReasonRequired);
    }
    Ok(())
}

/// Where the members' recorded votes leave the appeal.
pub fn outcome(members: usize, upholds: usize, dismissals: usize) -> Status {
    match commission::decide(members, upholds, dismissals) {
        Decision::Pending => Status::Pending,
        Decision::Approved => Status::Upheld,
        Decision::Refused => Status::Dismissed,
    }
}

/// What a decision does to the project, given where it and its session are.
pub fn effect(
    kind: Kind,
    subject: Subject,
    decided: Status,
    project: Option<ProjectStatus>,
    period: Period,
) -> Effect {
    if kind != Kind::Appeal || decided != Status::Upheld {
        return Effect::None;
    }
    match subject {
        Subject::Rejection => match project {
            Some(ProjectStatus::Rejected) if period.before_voting() => Effect::Reinstated,
            Some(ProjectStatus::Rejected) => Effect::TooLate,
            _ => Effect::None,
        },
        Subject::ExpertConclusion => Effect::ConclusionOverturned,
        Subject::Stage(_) => Effect::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn facts() -> AppealFacts {
        AppealFacts {
            members: 7,
            subject: Subject::Rejection,
            is_author: true,
            decided_at: Some(at(1, 12)),
            appeal_days: 7,
            now: at(3, 9),
        }
    }

    #[test]
    fn codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        for e in Effect::ALL {
            assert_eq!(Effect::from_code(e.code()), Some(e));
        }
        let mut subjects = vec![Subject::Rejection, Subject::ExpertConclusion];
        subjects.extend(StageKind::ORDER.into_iter().map(Subject::Stage));
        for s in subjects {
            assert_eq!(Subject::from_code(s.code()), Some(s));
        }
        assert_eq!(Subject::from_code("nonsense"), None);
        assert_eq!(Kind::from_code("Appeal"), None);
    }

    #[test]
    fn an_author_appeals_within_the_window() {
        assert_eq!(may_appeal(&facts()), Ok(()));
        // The last moment is exactly the deadline.
        let last = AppealFacts {
            now: at(8, 12),
            ..facts()
        };
        assert_eq!(may_appeal(&last), Ok(()));
        let late = AppealFacts {
            now: at(8, 13),
            ..facts()
        };
        assert_eq!(
            may_appeal(&late),
            Err(FilingRefusal::WindowClosed(at(8, 12)))
        );
        let expert = AppealFacts {
            subject: Subject::ExpertConclusion,
            ..facts()
        };
        assert_eq!(may_appeal(&expert), Ok(()));
    }

    #[test]
    fn refusals_come_in_order() {
        let none = AppealFacts {
            members: 0,
            is_author: false,
            decided_at: None,
            ..facts()
        };
        assert_eq!(may_appeal(&none), Err(FilingRefusal::NoCommission));
        let stage = AppealFacts {
            subject: Subject::Stage(StageKind::Voting),
            is_author: false,
            ..facts()
        };
        assert_eq!(may_appeal(&stage), Err(FilingRefusal::WrongSubject));
        let other = AppealFacts {
            is_author: false,
            decided_at: None,
            ..facts()
        };
        assert_eq!(may_appeal(&other), Err(FilingRefusal::NotAuthor));
        let nothing = AppealFacts {
            decided_at: None,
            ..facts()
        };
        assert_eq!(may_appeal(&nothing), Err(FilingRefusal::NothingToAppeal));
        // No days at all: only at the very moment of the decision.
        let zero = AppealFacts {
            appeal_days: 0,
            ..facts()
        };
        assert_eq!(
            may_appeal(&zero),
            Err(FilingRefusal::WindowClosed(at(1, 12)))
        );
    }

    #[test]
    fn complaints_are_about_stages() {
        for kind in StageKind::ORDER {
            assert_eq!(may_complain(3, Subject::Stage(kind)), Ok(()));
            assert_eq!(
                may_complain(0, Subject::Stage(kind)),
                Err(FilingRefusal::NoCommission)
            );
        }
        for subject in [Subject::Rejection, Subject::ExpertConclusion] {
            assert_eq!(may_complain(3, subject), Err(FilingRefusal::WrongSubject));
        }
    }

    #[test]
    fn members_vote_with_reasons_until_decided() {
        assert_eq!(may_vote(Status::Pending, true, false, true), Ok(()));
        assert_eq!(
            may_vote(Status::Pending, false, true, true),
            Err(VoteRefusal::NotMember)
        );
        assert_eq!(
            may_vote(Status::Pending, true, true, true),
            Err(VoteRefusal::OwnCase)
        );
        for decided in [Status::Upheld, Status::Dismissed] {
            assert_eq!(
                may_vote(decided, true, false, true),
                Err(VoteRefusal::Decided)
            );
        }
        assert_eq!(
            may_vote(Status::Pending, true, false, false),
            Err(VoteRefusal::ReasonRequired)
        );
    }

    #[test]
    fn a_majority_of_members_decides() {
        assert_eq!(outcome(7, 3, 3), Status::Pending);
        assert_eq!(outcome(7, 4, 0), Status::Upheld);
        assert_eq!(outcome(7, 0, 4), Status::Dismissed);
        // A tie of an even commission cannot uphold: dismissed.
        assert_eq!(outcome(4, 2, 2), Status::Dismissed);
        assert_eq!(outcome(0, 0, 0), Status::Pending);
    }

    #[test]
    fn effects_of_decisions() {
        use Period as P;
        let rejected = Some(ProjectStatus::Rejected);
        for period in [P::BeforeSubmission, P::Submission, P::Review] {
            assert_eq!(
                effect(
                    Kind::Appeal,
                    Subject::Rejection,
                    Status::Upheld,
                    rejected,
                    period
                ),
                Effect::Reinstated
            );
        }
        for period in [P::Voting, P::AfterVoting] {
            assert_eq!(
                effect(
                    Kind::Appeal,
                    Subject::Rejection,
                    Status::Upheld,
                    rejected,
                    period
                ),
                Effect::TooLate
            );
        }
        // The project moved on meanwhile (withdrawn): nothing to reinstate.
        assert_eq!(
            effect(
                Kind::Appeal,
                Subject::Rejection,
                Status::Upheld,
                Some(ProjectStatus::Withdrawn),
                P::Review
            ),
            Effect::None
        );
        assert_eq!(
            effect(
                Kind::Appeal,
                Subject::ExpertConclusion,
                Status::Upheld,
                Some(ProjectStatus::OnModeration),
                P::Review
            ),
            Effect::ConclusionOverturned
        );
        for status in [Status::Pending, Status::Dismissed] {
            for subject in [Subject::Rejection, Subject::ExpertConclusion] {
                assert_eq!(
                    effect(Kind::Appeal, subject, status, rejected, P::Review),
                    Effect::None
                );
            }
        }
        assert_eq!(
            effect(
                Kind::Complaint,
                Subject::Stage(StageKind::Voting),
                Status::Upheld,
                None,
                P::Voting
            ),
            Effect::None
        );
    }
}

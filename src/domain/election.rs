//! The elections of the public budget commission («Громадська бюджетна комісія», ГБК), in two
//! rounds, as the Kyiv specification describes them.
//!
//! An admin switches elections on per city («Дозволити ГБК»). An election belongs to one budget
//! session and runs through five stages, each starting the day after the previous one ends:
//! applications → review → round 1 → round 2 → results.
//!
//! A resident fills a candidate application (a draft, edited during the applications stage) and
//! submits it: «На модерації». A moderator deletes it («Видалена», final), rejects it
//! («Відхилена», with a comment saying what to fix: the candidate edits and resubmits while the
//! review stage lasts) or admits it to round 1 («Учасник 1-го туру», published).
//!
//! In round 1 residents vote for round-1 participants; whoever has at least the minimum number
//! of votes when it closes goes on to round 2 («Учасник 2-го туру»), the rest do not
//! («Не пройшов до 2-го туру»). In round 2 only the round-2 participants vote, each for the
//! others, never for themselves. When it closes the commission's seats go to those with the
//! most round-2 votes («Член ГБК»), the rest are not elected («Не обраний»); ties are broken by
//! the configured order, and a tie still standing at the last seat goes to the moderators.
//!
//! Everything here is pure: the caller brings the dates, statuses and vote counts.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

/// The stages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Residents fill and submit candidate applications.
    Applications,
    /// Moderators finish reviewing; rejected candidates may still fix and resubmit.
    Review,
    /// The first round: residents vote for the round-1 participants.
    Round1,
    /// The second round: the round-2 participants vote for one another.
    Round2,
    /// The commission is announced.
    Results,
}

impl Stage {
    /// Every stage, in the order an election runs through them.
    pub const ORDER: [Stage; 5] = [
        Stage::Applications,
        Stage::Review,
        Stage::Round1,
        Stage::Round2,
        Stage::Results,
    ];

    /// The stable code, e.g. `"round1"`.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Applications => "applications",
            Stage::Review => "review",
            Stage::Round1 => "round1",
            Stage::Round2 => "round2",
            Stage::Results => "results",
        }
    }

    /// The stage with this exact code, if any.
    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ORDER.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One stage's city calendar dates, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDates {
    pub stage: Stage,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Why an election's stages are refused; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StagesError {
    /// A stage is absent (the first missing one in [`Stage::ORDER`]).
    #[error("the {0} stage is missing")]
    Missing(Stage),
    /// A stage is given out of [`Stage::ORDER`] or repeated.
    #[error("the {0} stage is out of order or repeated")]
    OutOfOrder(Stage),
    /// A stage ends before it starts.
    #[error("the {0} stage ends before it starts")]
    Reversed(Stage),
    /// The stage after `after` does not start the day after `after` ends (a gap or an overlap).
    #[error("the stage after {after} should start on {expected}, not {found}")]
    NotNextDay {
        after: Stage,
        expected: NaiveDate,
        found: NaiveDate,
    },
}

/// All five stages, in order, each not reversed, each starting the day after the previous ends.
///
/// The checks run as: every stage present ([`StagesError::Missing`], the first missing in
/// [`Stage::ORDER`]), then the order of the slice ([`StagesError::OutOfOrder`], the first stage
/// that is not after the one before it), then each stage's own dates
/// ([`StagesError::Reversed`], the first in slice order), then each joint between neighbours
/// ([`StagesError::NotNextDay`], the first).
pub fn check_stages(stages: &[StageDates]) -> Result<(), StagesError> {
    if let Some(missing) = Stage::ORDER
        .into_iter()
        .find(|stage| !stages.iter().any(|d| d.stage == *stage))
    {
        return Err(StagesError::Missing(missing));
    }
    if let Some(pair) = stages.windows(2).find(|p| p[1].stage <= p[0].stage) {
        return Err(StagesError::OutOfOrder(pair[1].stage));
    }
    if let Some(stage) = stages.iter().find(|d| d.end < d.start) {
        return Err(StagesError::Reversed(stage.stage));
    }
    for pair in stages.windows(2) {
        let (before, next) = (&pair[0], &pair[1]);
        match before.end.succ_opt() {
            Some(expected) if expected == next.start => {}
            // Only `NaiveDate::MAX` has no next day: nothing can follow it.
            expected => {
                return Err(StagesError::NotNextDay {
                    after: before.stage,
                    expected: expected.unwrap_or(before.end),
                    found: next.start,
                });
            }
        }
    }
    Ok(())
}

/// Where an election is on a given city date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Before the applications stage opens.
    Before,
    /// During a stage.
    In(Stage),
    /// After the results stage ends.
    After,
}

impl Phase {
    /// Every phase, in time order.
    pub const ALL: [Phase; 7] = [
        Phase::Before,
        Phase::In(Stage::Applications),
        Phase::In(Stage::Review),
        Phase::In(Stage::Round1),
        Phase::In(Stage::Round2),
        Phase::In(Stage::Results),
        Phase::After,
    ];
}

/// The phase on `today` for stages that passed [`check_stages`]: the stage whose dates include
/// `today`; before the first start, `Before`; after the results' end, `After`.
///
/// For stages that did not pass, the answer is still defined: the first stage (in slice order)
/// that includes `today`; else `Before` if no stage has started by `today` (no stages at all
/// included), else `After`.
pub fn phase(stages: &[StageDates], today: NaiveDate) -> Phase {
    if let Some(current) = stages.iter().find(|d| d.start <= today && today <= d.end) {
        return Phase::In(current.stage);
    }
    if stages.iter().all(|d| today < d.start) {
        Phase::Before
    } else {
        Phase::After
    }
}

/// Whether round 1 is over: the phase is round 2, the results, or after them.
pub fn round1_over(phase: Phase) -> bool {
    matches!(
        phase,
        Phase::In(Stage::Round2 | Stage::Results) | Phase::After
    )
}

/// Whether round 2 is over: the phase is the results or after them.
pub fn round2_over(phase: Phase) -> bool {
    matches!(phase, Phase::In(Stage::Results) | Phase::After)
}

/// A rule that orders candidates with equal round-2 votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TieBreak {
    /// More round-1 votes first.
    Round1Votes,
    /// The earlier application first.
    EarlierApplication,
}

impl TieBreak {
    pub const ALL: [TieBreak; 2] = [TieBreak::Round1Votes, TieBreak::EarlierApplication];

    pub fn code(self) -> &'static str {
        match self {
            TieBreak::Round1Votes => "round1_votes",
            TieBreak::EarlierApplication => "earlier_application",
        }
    }

    pub fn from_code(code: &str) -> Option<TieBreak> {
        TieBreak::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// The tie-break order unless the election says otherwise: round-1 votes, then the earlier
/// application.
pub const DEFAULT_TIE_BREAK: [TieBreak; 2] = [TieBreak::Round1Votes, TieBreak::EarlierApplication];

/// An election's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// The minimum number of round-1 votes to reach round 2.
    pub min_votes_round2: i32,
    /// How many votes each resident has in round 1.
    pub votes_round1: i32,
    /// How many votes each round-2 participant has in round 2.
    pub votes_round2: i32,
    /// The commission's size.
    pub seats: i32,
    /// How ties in round-2 votes are broken, in turn.
    pub tie_break: Vec<TieBreak>,
}

/// Why parameters are refused; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParameterError {
    #[error("the minimum votes to reach round 2 must be at least 1")]
    MinVotes,
    #[error("the votes per resident in round 1 must be from 1 to 100")]
    VotesRound1,
    #[error("the votes per participant in round 2 must be from 1 to 100")]
    VotesRound2,
    #[error("the commission must have from 1 to 1000 seats")]
    Seats,
    #[error("a tie-break is given twice")]
    TieBreakRepeated,
}

/// `min_votes_round2` at least 1; `votes_round1` and `votes_round2` from 1 to 100; `seats` from
/// 1 to 1000; no tie-break twice (an empty list is allowed: every tie goes to the moderators).
pub fn check_parameters(p: &Parameters) -> Result<(), ParameterError> {
    if p.min_votes_round2 < 1 {
        return Err(ParameterError::MinVotes);
    }
    if !(1..=100).contains(&p.votes_round1) {
        return Err(ParameterError::VotesRound1);
    }
    if !(1..=100).contains(&p.votes_round2) {
        return Err(ParameterError::VotesRound2);
    }
    if !(1..=1000).contains(&p.seats) {
        return Err(ParameterError::Seats);
    }
    let repeated = p
        .tie_break
        .iter()
        .enumerate()
        .any(|(i, t)| p.tie_break[..i].contains(t));
    if repeated {
        return Err(ParameterError::TieBreakRepeated);
    }
    Ok(())
}

/// A candidate application's status. The codes are the stored values and the API's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Being filled by the candidate.
    Draft,
    /// «На модерації»
    OnModeration,
    /// «Видалена»: removed by a moderator (final).
    Deleted,
    /// «Відхилена»: the candidate may fix it and resubmit while the review stage lasts.
    Rejected,
    /// «Учасник 1-го туру»
    Round1,
    /// «Учасник 2-го туру»
    Round2,
    /// «Не пройшов до 2-го туру»
    NotAdvanced,
    /// «Член ГБК»
    Elected,
    /// «Не обраний»
    NotElected,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Draft,
        Status::OnModeration,
        Status::Deleted,
        Status::Rejected,
        Status::Round1,
        Status::Round2,
        Status::NotAdvanced,
        Status::Elected,
        Status::NotElected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::OnModeration => "on_moderation",
            Status::Deleted => "deleted",
            Status::Rejected => "rejected",
            Status::Round1 => "round1",
            Status::Round2 => "round2",
            Status::NotAdvanced => "not_advanced",
            Status::Elected => "elected",
            Status::NotElected => "not_elected",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Shown on the site to everyone: admitted to round 1 and every status after it.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Status::Round1
                | Status::Round2
                | Status::NotAdvanced
                | Status::Elected
                | Status::NotElected
        )
    }
}

/// Steps a person asks for. (Advancing after round 1 and electing after round 2 are not
/// actions: see [`advance`] and [`elect`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The candidate sends a draft to moderation.
    Submit,
    /// The candidate sends a rejected application back after fixing it.
    Resubmit,
    /// A moderator deletes the application (final).
    Delete,
    /// A moderator rejects it; the comment says what to fix.
    Reject,
    /// A moderator admits the candidate to round 1.
    Admit,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Submit,
        Action::Resubmit,
        Action::Delete,
        Action::Reject,
        Action::Admit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Resubmit => "resubmit",
            Action::Delete => "delete",
            Action::Reject => "reject",
            Action::Admit => "admit",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether the action needs a comment: a rejection says what to fix.
    pub fn needs_comment(self) -> bool {
        self == Action::Reject
    }
}

/// Who asks, as far as this application goes. Staff roles are those of the election's city
/// (a platform admin counts as an admin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// The application's own author.
    Candidate,
    Moderator,
    Admin,
    /// Any other signed-in person.
    Other,
}

impl Who {
    pub const ALL: [Who; 4] = [Who::Candidate, Who::Moderator, Who::Admin, Who::Other];
}

/// Why a transition is refused; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("not allowed for this person")]
    Forbidden,
    #[error("not possible from status {0:?}")]
    WrongStatus(Status),
    #[error("not possible at this stage of the election")]
    WrongPhase,
    #[error("a comment is required")]
    CommentRequired,
}

fn staff(who: Who) -> bool {
    matches!(who, Who::Moderator | Who::Admin)
}

/// The status `action` leads to, or why it may not be taken.
///
/// Submit: the candidate, a draft → on moderation, during the applications stage.
/// Resubmit: the candidate, rejected → on moderation, during the applications or review stage.
/// Delete, Reject, Admit: a moderator or admin, on moderation → deleted / rejected / round 1,
/// during the applications or review stage; a rejection needs a comment.
///
/// Checked in this order: who (`Forbidden`), the status (`WrongStatus(from)`), the phase
/// (`WrongPhase`), the comment (`CommentRequired`), as in `domain::project::transition`.
pub fn transition(
    status: Status,
    action: Action,
    who: Who,
    phase: Phase,
    has_comment: bool,
) -> Result<Status, TransitionError> {
    use Action as A;
    use Status as S;
    let allowed_who = match action {
        A::Submit | A::Resubmit => who == Who::Candidate,
        A::Delete | A::Reject | A::Admit => staff(who),
    };
    if !allowed_who {
        return Err(TransitionError::Forbidden);
    }
    let to = match (action, status) {
        (A::Submit, S::Draft) => S::OnModeration,
        (A::Resubmit, S::Rejected) => S::OnModeration,
        (A::Delete, S::OnModeration) => S::Deleted,
        (A::Reject, S::OnModeration) => S::Rejected,
        (A::Admit, S::OnModeration) => S::Round1,
        (_, from) => return Err(TransitionError::WrongStatus(from)),
    };
    let phase_ok = match action {
        A::Submit => phase == Phase::In(Stage::Applications),
        A::Resubmit | A::Delete | A::Reject | A::Admit => {
            matches!(phase, Phase::In(Stage::Applications | Stage::Review))
        }
    };
    if !phase_ok {
        return Err(TransitionError::WrongPhase);
    }
    if action.needs_comment() && !has_comment {
        return Err(TransitionError::CommentRequired);
    }
    Ok(to)
}

/// Whether the candidate may edit the application's pages now: a draft during the applications
/// stage; a rejected one during the applications or review stage. (That only the candidate
/// edits is the caller's check.)
pub fn editable(status: Status, phase: Phase) -> bool {
    match status {
        Status::Draft => phase == Phase::In(Stage::Applications),
        Status::Rejected => matches!(phase, Phase::In(Stage::Applications | Stage::Review)),
        _ => false,
    }
}

/// Whether `who` (`None`: not signed in) sees the application: public statuses to everyone;
/// a draft to its candidate alone (it is not submitted yet); the rest (deleted ones included)
/// to its candidate and the city's moderators and admins.
pub fn visible(status: Status, who: Option<Who>) -> bool {
    status.is_public()
        || match who {
            Some(Who::Candidate) => true,
            Some(Who::Moderator | Who::Admin) => status != Status::Draft,
            Some(Who::Other) | None => false,
        }
}

/// A round of voting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Round {
    One,
    Two,
}

impl Round {
    pub const ALL: [Round; 2] = [Round::One, Round::Two];

    /// `"round1"` / `"round2"`.
    pub fn code(self) -> &'static str {
        match self {
            Round::One => "round1",
            Round::Two => "round2",
        }
    }

    pub fn from_code(code: &str) -> Option<Round> {
        Round::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The stage during which the round's votes are taken.
    pub fn stage(self) -> Stage {
        match self {
            Round::One => Stage::Round1,
            Round::Two => Stage::Round2,
        }
    }

    /// The status of the candidates one votes for in this round (and, in round two, of the
    /// voters).
    pub fn participant(self) -> Status {
        match self {
            Round::One => Status::Round1,
            Round::Two => Status::Round2,
        }
    }

    /// The round a vote goes to on a day in `phase`: round 1 until its stage is over (before it,
    /// `may_vote` says it has not started), round 2 after (after it, that it has ended).
    pub fn current(phase: Phase) -> Round {
        if round1_over(phase) {
            Round::Two
        } else {
            Round::One
        }
    }
}

/// What a candidate's form holds, as far as submitting it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// The last page saved (0 to 3); page 1 is saved only with a complete profile.
    pub page: i32,
    pub motivation: bool,
    pub consent_personal_data: bool,
    pub consent_rules: bool,
}

/// What a form still lacks before it can be submitted, by field name, in the form's order.
pub fn missing(form: &Form) -> Vec<&'static str> {
    [
        (form.page < 1, "personal"),
        (!form.motivation, "motivation"),
        (!form.consent_personal_data, "consent_personal_data"),
        (!form.consent_rules, "consent_rules"),
    ]
    .into_iter()
    .filter_map(|(lacking, field)| lacking.then_some(field))
    .collect()
}

/// Why a vote in an election is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefusal {
    /// The round's stage has not started.
    #[error("this round has not started")]
    NotOpenYet,
    /// The round's stage is over.
    #[error("this round has ended")]
    Closed,
    /// The candidate is not in this round.
    #[error("the candidate is not in this round")]
    NotCandidate,
    /// Round two: the voter is not a round-2 participant.
    #[error("only round-2 participants vote in round 2")]
    NotParticipant,
    /// Round two: a vote for oneself.
    #[error("a round-2 participant cannot vote for themselves")]
    SelfVote,
    /// Already voted for this candidate in this round (held by the storage layer).
    #[error("already voted for this candidate")]
    AlreadyVoted,
    /// All the round's votes are used (held by the storage layer).
    #[error("all {limit} votes are used")]
    NoVotesLeft { limit: i32 },
}

impl VoteRefusal {
    /// The stable code of the refusal (a `problem-election-vote-…` message in `locales/`).
    pub fn code(self) -> &'static str {
        match self {
            VoteRefusal::NotOpenYet => "election-vote-not-open",
            VoteRefusal::Closed => "election-vote-closed",
            VoteRefusal::NotCandidate => "election-vote-not-candidate",
            VoteRefusal::NotParticipant => "election-vote-not-participant",
            VoteRefusal::SelfVote => "election-vote-self",
            VoteRefusal::AlreadyVoted => "election-vote-already",
            VoteRefusal::NoVotesLeft { .. } => "election-vote-none-left",
        }
    }
}

/// Whether a vote in `round` may be cast now for a candidate in status `candidate`; the first
/// reason that applies, in this order:
///
/// 1. the round's window: a phase before the round's stage → `NotOpenYet`; after → `Closed`;
/// 2. round two, the voter: `voter` is the voter's own application status in this election
///    (`None` if they have none); anything but `Some(Round2)` → `NotParticipant`;
/// 3. round two, `own` (the candidate is the voter) → `SelfVote`; round one allows voting for
///    oneself;
/// 4. the candidate's status: not `Round1` in round one, not `Round2` in round two →
///    `NotCandidate`.
///
/// One vote per candidate and the round's number of votes are held by the storage layer.
pub fn may_vote(
    round: Round,
    phase: Phase,
    candidate: Status,
    voter: Option<Status>,
    own: bool,
) -> Result<(), VoteRefusal> {
    let stage = round.stage();
    match phase {
        Phase::Before => return Err(VoteRefusal::NotOpenYet),
        Phase::In(now) if now < stage => return Err(VoteRefusal::NotOpenYet),
        Phase::In(now) if now > stage => return Err(VoteRefusal::Closed),
        Phase::In(_) => {}
        Phase::After => return Err(VoteRefusal::Closed),
    }
    if round == Round::Two {
        if voter != Some(Status::Round2) {
            return Err(VoteRefusal::NotParticipant);
        }
        if own {
            return Err(VoteRefusal::SelfVote);
        }
    }
    if candidate != round.participant() {
        return Err(VoteRefusal::NotCandidate);
    }
    Ok(())
}

/// A round-1 participant's status once round 1 closes: `Round2` with at least `threshold`
/// votes, else `NotAdvanced`.
pub fn advance(votes: i64, threshold: i32) -> Status {
    if votes >= i64::from(threshold) {
        Status::Round2
    } else {
        Status::NotAdvanced
    }
}

/// A round-2 participant as the count sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contender {
    /// The application's id (only to name the contender: never a tie-break).
    pub id: i64,
    pub round2_votes: i64,
    pub round1_votes: i64,
    /// When the application was submitted, as the caller records it.
    pub submitted_at: DateTime<Utc>,
}

/// Who is elected once round 2 closes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// «Член ГБК», in rank order (ids ascending among equals).
    pub elected: Vec<i64>,
    /// «Не обраний», in rank order (ids ascending among equals).
    pub not_elected: Vec<i64>,
    /// Contenders still tied for the last `open_seats` seats after every tie-break: for
    /// moderators to decide; empty when none. Ids ascending.
    pub tied: Vec<i64>,
    /// The seats the `tied` contenders compete for: 0 when none are tied, else at least 1 and
    /// fewer than `tied.len()`.
    pub open_seats: usize,
}

impl Outcome {
    /// Whether every contender's fate is decided (no tie for the moderators).
    pub fn is_decided(&self) -> bool {
        self.tied.is_empty()
    }
}

/// How two contenders rank: `Less` when `a` ranks above `b`. Round-2 votes (more first), then
/// each tie-break of `order` in turn; `Equal` when all of those are equal.
fn rank(a: &Contender, b: &Contender, order: &[TieBreak]) -> Ordering {
    order
        .iter()
        .fold(b.round2_votes.cmp(&a.round2_votes), |so_far, tie_break| {
            so_far.then_with(|| match tie_break {
                TieBreak::Round1Votes => b.round1_votes.cmp(&a.round1_votes),
                TieBreak::EarlierApplication => a.submitted_at.cmp(&b.submitted_at),
            })
        })
}

/// Elects `seats` contenders once round 2 closes.
///
/// Contenders rank by round-2 votes (more first), then by each tie-break of `order` in turn
/// (round-1 votes: more first; earlier application: earlier first). Contenders equal on all of
/// those form one group. Going down the ranking, a group that fits entirely in the seats still
/// open is elected; a group that straddles the last seat is `tied` (neither elected nor not
/// elected) with `open_seats` the seats still open; every group below is not elected. With
/// fewer contenders than seats all are elected; with no seats none is.
///
/// The outcome does not depend on the input order: `id` is never a tie-break, it only orders
/// the ids within a group in the output lists (ascending).
pub fn elect(contenders: &[Contender], seats: usize, order: &[TieBreak]) -> Outcome {
    let mut ranked: Vec<&Contender> = contenders.iter().collect();
    ranked.sort_by(|a, b| rank(a, b, order).then(a.id.cmp(&b.id)));

    let mut outcome = Outcome::default();
    let mut open = seats;
    for group in ranked.chunk_by(|a, b| rank(a, b, order) == Ordering::Equal) {
        let ids = group.iter().map(|c| c.id);
        if group.len() <= open {
            outcome.elected.extend(ids);
            open -= group.len();
        } else if open > 0 {
            outcome.tied.extend(ids);
            outcome.open_seats = open;
            open = 0;
        } else {
            outcome.not_elected.extend(ids);
        }
    }
    outcome
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn a_form_is_complete_with_every_part() {
        let full = Form {
            page: 3,
            motivation: true,
            consent_personal_data: true,
            consent_rules: true,
        };
        assert!(missing(&full).is_empty());
        assert_eq!(
            missing(&Form {
                page: 0,
                motivation: false,
                consent_personal_data: false,
                consent_rules: false,
            }),
            [
                "personal",
                "motivation",
                "consent_personal_data",
                "consent_rules"
            ]
        );
        assert_eq!(
            missing(&Form {
                consent_rules: false,
                ..full
            }),
            ["consent_rules"]
        );
    }

    #[test]
    fn votes_go_to_round_one_until_it_is_over() {
        for phase in Phase::ALL {
            let expected = if round1_over(phase) {
                Round::Two
            } else {
                Round::One
            };
            assert_eq!(Round::current(phase), expected, "{phase:?}");
        }
        assert_eq!(Round::current(Phase::In(Stage::Round1)), Round::One);
        assert_eq!(Round::current(Phase::In(Stage::Round2)), Round::Two);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Stage::*;
    use Status as S;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    fn dates(stage: Stage, start: &str, end: &str) -> StageDates {
        StageDates {
            stage,
            start: date(start),
            end: date(end),
        }
    }

    /// A good timeline.
    fn good() -> Vec<StageDates> {
        vec![
            dates(Applications, "2027-01-10", "2027-01-31"),
            dates(Review, "2027-02-01", "2027-02-14"),
            dates(Round1, "2027-02-15", "2027-02-28"),
            dates(Round2, "2027-03-01", "2027-03-07"),
            dates(Results, "2027-03-08", "2027-03-15"),
        ]
    }

    // --- codes ---

    #[test]
    fn codes_round_trip() {
        let stage_codes: Vec<_> = Stage::ORDER.map(Stage::code).into();
        assert_eq!(
            stage_codes,
            ["applications", "review", "round1", "round2", "results"]
        );
        for stage in Stage::ORDER {
            assert_eq!(Stage::from_code(stage.code()), Some(stage));
            assert_eq!(stage.to_string(), stage.code());
        }
        let mut sorted = Stage::ORDER;
        sorted.sort();
        assert_eq!(sorted, Stage::ORDER);

        let status_codes: Vec<_> = Status::ALL.map(Status::code).into();
        assert_eq!(
            status_codes,
            [
                "draft",
                "on_moderation",
                "deleted",
                "rejected",
                "round1",
                "round2",
                "not_advanced",
                "elected",
                "not_elected"
            ]
        );
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
        }

        let action_codes: Vec<_> = Action::ALL.map(Action::code).into();
        assert_eq!(
            action_codes,
            ["submit", "resubmit", "delete", "reject", "admit"]
        );
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
            assert_eq!(action.needs_comment(), action == A::Reject, "{action:?}");
        }

        assert_eq!(TieBreak::Round1Votes.code(), "round1_votes");
        assert_eq!(TieBreak::EarlierApplication.code(), "earlier_application");
        for tie_break in TieBreak::ALL {
            assert_eq!(TieBreak::from_code(tie_break.code()), Some(tie_break));
        }

        assert_eq!(Round::One.code(), "round1");
        assert_eq!(Round::Two.code(), "round2");
        for round in Round::ALL {
            assert_eq!(Round::from_code(round.code()), Some(round));
        }
        assert_eq!(Round::One.stage(), Round1);
        assert_eq!(Round::Two.stage(), Round2);
        assert_eq!(Round::One.participant(), S::Round1);
        assert_eq!(Round::Two.participant(), S::Round2);

        for bad in ["", "Draft", "round3", " round1", "round1 ", "elected!"] {
            assert_eq!(Stage::from_code(bad), None, "{bad:?}");
            assert_eq!(Status::from_code(bad), None, "{bad:?}");
            assert_eq!(Action::from_code(bad), None, "{bad:?}");
            assert_eq!(TieBreak::from_code(bad), None, "{bad:?}");
            assert_eq!(Round::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn public_statuses_are_round1_and_after() {
        let public: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_public()).collect();
        assert_eq!(
            public,
            [
                S::Round1,
                S::Round2,
                S::NotAdvanced,
                S::Elected,
                S::NotElected
            ]
        );
    }

    #[test]
    fn every_refusal_has_its_own_code() {
        let all = [
            VoteRefusal::NotOpenYet,
            VoteRefusal::Closed,
            VoteRefusal::NotCandidate,
            VoteRefusal::NotParticipant,
            VoteRefusal::SelfVote,
            VoteRefusal::AlreadyVoted,
            VoteRefusal::NoVotesLeft { limit: 5 },
        ];
        let codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
        assert_eq!(
            codes,
            [
                "election-vote-not-open",
                "election-vote-closed",
                "election-vote-not-candidate",
                "election-vote-not-participant",
                "election-vote-self",
                "election-vote-already",
                "election-vote-none-left"
            ]
        );
        assert_eq!(
            VoteRefusal::NoVotesLeft { limit: 3 }.to_string(),
            "all 3 votes are used"
        );
    }

    // --- check_stages ---

    #[test]
    fn good_stages_pass() {
        assert_eq!(check_stages(&good()), Ok(()));
        let one_day_each = vec![
            dates(Applications, "2027-12-29", "2027-12-29"),
            dates(Review, "2027-12-30", "2027-12-30"),
            dates(Round1, "2027-12-31", "2027-12-31"),
            dates(Round2, "2028-01-01", "2028-01-01"),
            dates(Results, "2028-01-02", "2028-01-02"),
        ];
        assert_eq!(check_stages(&one_day_each), Ok(()));
        let leap_day = vec![
            dates(Applications, "2028-02-01", "2028-02-28"),
            dates(Review, "2028-02-29", "2028-02-29"),
            dates(Round1, "2028-03-01", "2028-03-10"),
            dates(Round2, "2028-03-11", "2028-03-20"),
            dates(Results, "2028-03-21", "2028-03-31"),
        ];
        assert_eq!(check_stages(&leap_day), Ok(()));
    }

    #[test]
    fn missing_stages_are_named_in_order() {
        assert_eq!(check_stages(&[]), Err(StagesError::Missing(Applications)));
        for (i, stage) in Stage::ORDER.into_iter().enumerate() {
            let mut stages = good();
            stages.remove(i);
            assert_eq!(
                check_stages(&stages),
                Err(StagesError::Missing(stage)),
                "{stage:?}"
            );
        }
        // The first missing in ORDER, whatever else is wrong.
        let stages = vec![
            dates(Results, "2027-03-08", "2027-03-01"),
            dates(Round1, "2027-02-15", "2027-02-28"),
        ];
        assert_eq!(
            check_stages(&stages),
            Err(StagesError::Missing(Applications))
        );
        // Five stages with one repeated: one is missing.
        let mut stages = good();
        stages[2] = stages[1];
        assert_eq!(check_stages(&stages), Err(StagesError::Missing(Round1)));
    }

    #[test]
    fn stages_out_of_order_or_repeated_are_named() {
        let mut swapped = good();
        swapped.swap(2, 3);
        assert_eq!(check_stages(&swapped), Err(StagesError::OutOfOrder(Round1)));

        let mut reversed = good();
        reversed.reverse();
        assert_eq!(
            check_stages(&reversed),
            Err(StagesError::OutOfOrder(Round2))
        );

        let mut repeated = good();
        repeated.insert(2, repeated[1]);
        assert_eq!(
            check_stages(&repeated),
            Err(StagesError::OutOfOrder(Review))
        );

        let mut repeated_last = good();
        repeated_last.push(repeated_last[4]);
        assert_eq!(
            check_stages(&repeated_last),
            Err(StagesError::OutOfOrder(Results))
        );
    }

    #[test]
    fn reversed_stages_are_named() {
        for i in 0..Stage::ORDER.len() {
            let mut stages = good();
            let stage = &mut stages[i];
            std::mem::swap(&mut stage.start, &mut stage.end);
            // Every stage of `good` lasts more than a day, so swapping reverses it.
            assert_eq!(
                check_stages(&stages),
                Err(StagesError::Reversed(Stage::ORDER[i])),
                "{i}"
            );
        }
        // Reversed before any joint: the first reversed in slice order.
        let mut stages = good();
        stages[3].end = date("2027-02-01");
        stages[4].end = date("2027-01-01");
        assert_eq!(check_stages(&stages), Err(StagesError::Reversed(Round2)));
    }

    #[test]
    fn each_stage_starts_the_day_after_the_previous_ends() {
        // A gap of one day after review.
        let mut gap = good();
        gap[2].start = date("2027-02-16");
        assert_eq!(
            check_stages(&gap),
            Err(StagesError::NotNextDay {
                after: Review,
                expected: date("2027-02-15"),
                found: date("2027-02-16"),
            })
        );
        // An overlap of one day after round 1.
        let mut overlap = good();
        overlap[3].start = date("2027-02-28");
        assert_eq!(
            check_stages(&overlap),
            Err(StagesError::NotNextDay {
                after: Round1,
                expected: date("2027-03-01"),
                found: date("2027-02-28"),
            })
        );
        // The same day as the previous one starts.
        let mut same = good();
        same[1].start = date("2027-01-10");
        assert_eq!(
            check_stages(&same),
            Err(StagesError::NotNextDay {
                after: Applications,
                expected: date("2027-02-01"),
                found: date("2027-01-10"),
            })
        );
        // The first bad joint is reported.
        let mut two = good();
        two[4].start = date("2027-03-09");
        two[2].start = date("2027-02-16");
        assert_eq!(
            check_stages(&two),
            Err(StagesError::NotNextDay {
                after: Review,
                expected: date("2027-02-15"),
                found: date("2027-02-16"),
            })
        );
        // Each joint on its own.
        for i in 1..Stage::ORDER.len() {
            let mut stages = good();
            let expected = stages[i].start;
            let found = expected.succ_opt().expect("date");
            stages[i].start = found;
            assert_eq!(
                check_stages(&stages),
                Err(StagesError::NotNextDay {
                    after: Stage::ORDER[i - 1],
                    expected,
                    found,
                }),
                "{i}"
            );
        }
        // Nothing follows the last date there is.
        let mut at_the_end = good();
        at_the_end[3].end = NaiveDate::MAX;
        at_the_end[4].start = NaiveDate::MAX;
        at_the_end[4].end = NaiveDate::MAX;
        assert_eq!(
            check_stages(&at_the_end),
            Err(StagesError::NotNextDay {
                after: Round2,
                expected: NaiveDate::MAX,
                found: NaiveDate::MAX,
            })
        );
    }

    #[test]
    fn stage_errors_read_well() {
        assert_eq!(
            StagesError::Missing(Round2).to_string(),
            "the round2 stage is missing"
        );
        assert_eq!(
            StagesError::NotNextDay {
                after: Review,
                expected: date("2027-02-15"),
                found: date("2027-02-16"),
            }
            .to_string(),
            "the stage after review should start on 2027-02-15, not 2027-02-16"
        );
    }

    // --- phase ---

    #[test]
    fn phase_at_every_boundary_day() {
        let stages = good();
        let cases = [
            ("2000-01-01", Phase::Before),
            ("2027-01-09", Phase::Before),
            ("2027-01-10", Phase::In(Applications)),
            ("2027-01-20", Phase::In(Applications)),
            ("2027-01-31", Phase::In(Applications)),
            ("2027-02-01", Phase::In(Review)),
            ("2027-02-14", Phase::In(Review)),
            ("2027-02-15", Phase::In(Round1)),
            ("2027-02-28", Phase::In(Round1)),
            ("2027-03-01", Phase::In(Round2)),
            ("2027-03-07", Phase::In(Round2)),
            ("2027-03-08", Phase::In(Results)),
            ("2027-03-15", Phase::In(Results)),
            ("2027-03-16", Phase::After),
            ("2030-01-01", Phase::After),
        ];
        for (today, expected) in cases {
            assert_eq!(phase(&stages, date(today)), expected, "{today}");
        }
        // Every day from before to after walks through every phase once, in order.
        let mut seen = vec![];
        let mut day = date("2027-01-01");
        while day <= date("2027-03-31") {
            let now = phase(&stages, day);
            if seen.last() != Some(&now) {
                seen.push(now);
            }
            day = day.succ_opt().expect("date");
        }
        assert_eq!(seen, Phase::ALL);
    }

    #[test]
    fn phase_of_bad_stages_is_still_defined() {
        let day = date("2027-02-01");
        assert_eq!(phase(&[], day), Phase::Before);
        // A gap: some stage has started, none is open.
        let gapped = [
            dates(Applications, "2027-01-01", "2027-01-10"),
            dates(Review, "2027-03-01", "2027-03-10"),
        ];
        assert_eq!(phase(&gapped, day), Phase::After);
        assert_eq!(phase(&gapped, date("2026-12-31")), Phase::Before);
        // An overlap: the first in slice order.
        let overlapping = [
            dates(Review, "2027-01-01", "2027-03-01"),
            dates(Applications, "2027-01-15", "2027-02-15"),
        ];
        assert_eq!(phase(&overlapping, day), Phase::In(Review));
    }

    #[test]
    fn rounds_are_over_once_their_stage_ends() {
        for p in Phase::ALL {
            let one = matches!(p, Phase::In(Round2 | Results) | Phase::After);
            let two = matches!(p, Phase::In(Results) | Phase::After);
            assert_eq!(round1_over(p), one, "{p:?}");
            assert_eq!(round2_over(p), two, "{p:?}");
        }
        assert!(!round1_over(Phase::In(Round1)) && !round2_over(Phase::In(Round2)));
    }

    // --- check_parameters ---

    fn parameters() -> Parameters {
        Parameters {
            min_votes_round2: 50,
            votes_round1: 5,
            votes_round2: 10,
            seats: 15,
            tie_break: DEFAULT_TIE_BREAK.to_vec(),
        }
    }

    #[test]
    fn parameters_are_checked() {
        use ParameterError as E;
        assert_eq!(check_parameters(&parameters()), Ok(()));
        type Case = (fn(&mut Parameters), Result<(), ParameterError>);
        let cases: [Case; 24] = [
            (|p| p.min_votes_round2 = 1, Ok(())),
            (|p| p.min_votes_round2 = i32::MAX, Ok(())),
            (|p| p.min_votes_round2 = 0, Err(E::MinVotes)),
            (|p| p.min_votes_round2 = -1, Err(E::MinVotes)),
            (|p| p.votes_round1 = 1, Ok(())),
            (|p| p.votes_round1 = 100, Ok(())),
            (|p| p.votes_round1 = 0, Err(E::VotesRound1)),
            (|p| p.votes_round1 = 101, Err(E::VotesRound1)),
            (|p| p.votes_round2 = 1, Ok(())),
            (|p| p.votes_round2 = 100, Ok(())),
            (|p| p.votes_round2 = 0, Err(E::VotesRound2)),
            (|p| p.votes_round2 = 101, Err(E::VotesRound2)),
            (|p| p.seats = 1, Ok(())),
            (|p| p.seats = 1000, Ok(())),
            (|p| p.seats = 0, Err(E::Seats)),
            (|p| p.seats = 1001, Err(E::Seats)),
            (|p| p.seats = -5, Err(E::Seats)),
            (|p| p.tie_break = vec![], Ok(())),
            (|p| p.tie_break = vec![TieBreak::EarlierApplication], Ok(())),
            (
                |p| p.tie_break = vec![TieBreak::EarlierApplication, TieBreak::Round1Votes],
                Ok(()),
            ),
            (
                |p| p.tie_break = vec![TieBreak::Round1Votes, TieBreak::Round1Votes],
                Err(E::TieBreakRepeated),
            ),
            (
                |p| {
                    p.tie_break = vec![
                        TieBreak::EarlierApplication,
                        TieBreak::Round1Votes,
                        TieBreak::EarlierApplication,
                    ]
                },
                Err(E::TieBreakRepeated),
            ),
            // The first that applies, in order.
            (
                |p| {
                    p.min_votes_round2 = 0;
                    p.seats = 0;
                },
                Err(E::MinVotes),
            ),
            (
                |p| {
                    p.votes_round2 = 0;
                    p.seats = 0;
                    p.tie_break = vec![TieBreak::Round1Votes; 2];
                },
                Err(E::VotesRound2),
            ),
        ];
        for (i, (change, expected)) in cases.into_iter().enumerate() {
            let mut p = parameters();
            change(&mut p);
            assert_eq!(check_parameters(&p), expected, "case {i}: {p:?}");
        }
    }

    // --- transition ---

    /// (action, from, who may, when, to)
    type Row = (Action, Status, &'static [Who], &'static [Phase], Status);

    /// The whole machine as a table.
    fn allowed() -> Vec<Row> {
        const CANDIDATE: &[Who] = &[Who::Candidate];
        const STAFF: &[Who] = &[Who::Moderator, Who::Admin];
        const APPLICATIONS: &[Phase] = &[Phase::In(Applications)];
        const MODERATION: &[Phase] = &[Phase::In(Applications), Phase::In(Review)];
        vec![
            (
                A::Submit,
                S::Draft,
                CANDIDATE,
                APPLICATIONS,
                S::OnModeration,
            ),
            (
                A::Resubmit,
                S::Rejected,
                CANDIDATE,
                MODERATION,
                S::OnModeration,
            ),
            (A::Delete, S::OnModeration, STAFF, MODERATION, S::Deleted),
            (A::Reject, S::OnModeration, STAFF, MODERATION, S::Rejected),
            (A::Admit, S::OnModeration, STAFF, MODERATION, S::Round1),
        ]
    }

    /// Every status × every action × every person × every phase × with and without a comment.
    #[test]
    fn every_combination_is_allowed_only_as_the_table_says() {
        let table = allowed();
        let mut allowed_count = 0;
        for status in Status::ALL {
            for action in Action::ALL {
                for who in Who::ALL {
                    for phase in Phase::ALL {
                        for comment in [false, true] {
                            let got = transition(status, action, who, phase, comment);
                            let row = table.iter().find(|(a, s, ..)| *a == action && *s == status);
                            let who_ok = table
                                .iter()
                                .any(|(a, _, whos, ..)| *a == action && whos.contains(&who));
                            let expected = if !who_ok {
                                Err(TransitionError::Forbidden)
                            } else if let Some((_, _, whos, phases, to)) = row {
                                assert!(whos.contains(&who));
                                if !phases.contains(&phase) {
                                    Err(TransitionError::WrongPhase)
                                } else if action.needs_comment() && !comment {
                                    Err(TransitionError::CommentRequired)
                                } else {
                                    allowed_count += 1;
                                    Ok(*to)
                                }
                            } else {
                                Err(TransitionError::WrongStatus(status))
                            };
                            assert_eq!(
                                got, expected,
                                "{action:?} from {status:?} by {who:?} in {phase:?}, comment {comment}"
                            );
                        }
                    }
                }
            }
        }
        // Submit: 1 person × 1 phase × 2 comments; resubmit: 1 × 2 × 2; delete and admit:
        // 2 × 2 × 2 each; reject: 2 × 2 × 1.
        assert_eq!(allowed_count, 2 + 4 + 8 + 8 + 4);
    }

    #[test]
    fn transitions_in_words() {
        let applications = Phase::In(Applications);
        let review = Phase::In(Review);
        // The candidate submits a draft during applications only.
        assert_eq!(
            transition(S::Draft, A::Submit, Who::Candidate, applications, false),
            Ok(S::OnModeration)
        );
        assert_eq!(
            transition(S::Draft, A::Submit, Who::Candidate, review, false),
            Err(TransitionError::WrongPhase)
        );
        assert_eq!(
            transition(S::Draft, A::Submit, Who::Moderator, applications, false),
            Err(TransitionError::Forbidden)
        );
        // A rejection needs a comment; the candidate fixes and resubmits during review.
        assert_eq!(
            transition(S::OnModeration, A::Reject, Who::Moderator, review, false),
            Err(TransitionError::CommentRequired)
        );
        assert_eq!(
            transition(S::OnModeration, A::Reject, Who::Admin, review, true),
            Ok(S::Rejected)
        );
        assert_eq!(
            transition(S::Rejected, A::Resubmit, Who::Candidate, review, false),
            Ok(S::OnModeration)
        );
        assert_eq!(
            transition(
                S::Rejected,
                A::Resubmit,
                Who::Candidate,
                Phase::In(Round1),
                false
            ),
            Err(TransitionError::WrongPhase)
        );
        // Admitting and deleting need no comment; moderation ends with review.
        assert_eq!(
            transition(S::OnModeration, A::Admit, Who::Moderator, review, false),
            Ok(S::Round1)
        );
        assert_eq!(
            transition(
                S::OnModeration,
                A::Delete,
                Who::Moderator,
                applications,
                false
            ),
            Ok(S::Deleted)
        );
        assert_eq!(
            transition(
                S::OnModeration,
                A::Admit,
                Who::Moderator,
                Phase::In(Round1),
                false
            ),
            Err(TransitionError::WrongPhase)
        );
        // Who first, then the status, then the phase.
        assert_eq!(
            transition(S::Deleted, A::Admit, Who::Other, Phase::After, false),
            Err(TransitionError::Forbidden)
        );
        assert_eq!(
            transition(S::Deleted, A::Admit, Who::Moderator, Phase::After, false),
            Err(TransitionError::WrongStatus(S::Deleted))
        );
    }

    #[test]
    fn deleted_and_later_statuses_have_no_way_out_by_request() {
        for status in [
            S::Deleted,
            S::Round1,
            S::Round2,
            S::NotAdvanced,
            S::Elected,
            S::NotElected,
        ] {
            for action in Action::ALL {
                for who in Who::ALL {
                    for phase in Phase::ALL {
                        assert!(transition(status, action, who, phase, true).is_err());
                    }
                }
            }
        }
    }

    // --- editable, visible ---

    #[test]
    fn editable_for_every_status_and_phase() {
        let mut count = 0;
        for status in Status::ALL {
            for phase in Phase::ALL {
                let expected = matches!(
                    (status, phase),
                    (S::Draft, Phase::In(Applications))
                        | (S::Rejected, Phase::In(Applications | Review))
                );
                assert_eq!(editable(status, phase), expected, "{status:?} {phase:?}");
                count += usize::from(expected);
            }
        }
        assert_eq!(count, 3);
        // What may be edited may also be sent (again) in the same phase.
        for status in Status::ALL {
            for phase in Phase::ALL {
                if editable(status, phase) {
                    let action = if status == S::Draft {
                        A::Submit
                    } else {
                        A::Resubmit
                    };
                    assert_eq!(
                        transition(status, action, Who::Candidate, phase, false),
                        Ok(S::OnModeration)
                    );
                }
            }
        }
    }

    #[test]
    fn visible_for_every_status_and_person() {
        let everyone = Who::ALL.map(Some).into_iter().chain([None]);
        for status in Status::ALL {
            for who in everyone.clone() {
                let expected = match status {
                    S::Round1 | S::Round2 | S::NotAdvanced | S::Elected | S::NotElected => true,
                    S::Draft => who == Some(Who::Candidate),
                    S::OnModeration | S::Deleted | S::Rejected => {
                        matches!(who, Some(Who::Candidate | Who::Moderator | Who::Admin))
                    }
                };
                assert_eq!(visible(status, who), expected, "{status:?} {who:?}");
            }
        }
        assert!(visible(S::Deleted, Some(Who::Moderator)));
        assert!(!visible(S::Draft, Some(Who::Moderator)));
        assert!(!visible(S::Deleted, Some(Who::Other)));
        assert!(!visible(S::Rejected, None));
        assert!(visible(S::NotAdvanced, None));
    }

    // --- may_vote ---

    /// The hand-written answer for one combination.
    fn expected_vote(
        round: Round,
        phase: Phase,
        candidate: Status,
        voter: Option<Status>,
        own: bool,
    ) -> Result<(), VoteRefusal> {
        use VoteRefusal as R;
        let window = match (round, phase) {
            (Round::One, Phase::In(Round1)) | (Round::Two, Phase::In(Round2)) => Ok(()),
            (_, Phase::Before | Phase::In(Applications | Review)) => Err(R::NotOpenYet),
            (Round::Two, Phase::In(Round1)) => Err(R::NotOpenYet),
            (Round::One, Phase::In(Round2)) => Err(R::Closed),
            (_, Phase::In(Results) | Phase::After) => Err(R::Closed),
        };
        window?;
        match (round, voter, own, candidate) {
            (Round::One, _, _, S::Round1) => Ok(()),
            (Round::One, _, _, _) => Err(R::NotCandidate),
            (Round::Two, Some(S::Round2), false, S::Round2) => Ok(()),
            (Round::Two, Some(S::Round2), false, _) => Err(R::NotCandidate),
            (Round::Two, Some(S::Round2), true, _) => Err(R::SelfVote),
            (Round::Two, _, _, _) => Err(R::NotParticipant),
        }
    }

    /// Every round × phase × candidate status × voter status (or none) × own or not.
    #[test]
    fn may_vote_whole_table() {
        let voters = Status::ALL.map(Some).into_iter().chain([None]);
        let mut ok = 0;
        for round in Round::ALL {
            for phase in Phase::ALL {
                for candidate in Status::ALL {
                    for voter in voters.clone() {
                        for own in [false, true] {
                            let got = may_vote(round, phase, candidate, voter, own);
                            assert_eq!(
                                got,
                                expected_vote(round, phase, candidate, voter, own),
                                "{round:?} {phase:?} for {candidate:?} by {voter:?} own={own}"
                            );
                            ok += usize::from(got.is_ok());
                        }
                    }
                }
            }
        }
        // Round one: any voter (10 kinds) × own or not, for a round-1 participant; round two:
        // a round-2 participant for another.
        assert_eq!(ok, 10 * 2 + 1);
    }

    #[test]
    fn may_vote_in_words() {
        use VoteRefusal as R;
        let round1 = Phase::In(Round1);
        let round2 = Phase::In(Round2);
        // Round one: anyone, for a round-1 participant, themselves included.
        assert_eq!(may_vote(Round::One, round1, S::Round1, None, false), Ok(()));
        assert_eq!(
            may_vote(Round::One, round1, S::Round1, Some(S::Round1), true),
            Ok(())
        );
        assert_eq!(
            may_vote(Round::One, round1, S::Rejected, None, false),
            Err(R::NotCandidate)
        );
        assert_eq!(
            may_vote(Round::One, Phase::In(Review), S::Round1, None, false),
            Err(R::NotOpenYet)
        );
        assert_eq!(
            may_vote(Round::One, round2, S::Round1, None, false),
            Err(R::Closed)
        );
        // Round two: participants only, for one another, never themselves.
        assert_eq!(
            may_vote(Round::Two, round2, S::Round2, Some(S::Round2), false),
            Ok(())
        );
        assert_eq!(
            may_vote(Round::Two, round2, S::Round2, Some(S::Round2), true),
            Err(R::SelfVote)
        );
        assert_eq!(
            may_vote(Round::Two, round2, S::Round2, None, false),
            Err(R::NotParticipant)
        );
        assert_eq!(
            may_vote(Round::Two, round2, S::Round2, Some(S::NotAdvanced), false),
            Err(R::NotParticipant)
        );
        assert_eq!(
            may_vote(Round::Two, round2, S::NotAdvanced, Some(S::Round2), false),
            Err(R::NotCandidate)
        );
        assert_eq!(
            may_vote(Round::Two, round1, S::Round2, Some(S::Round2), false),
            Err(R::NotOpenYet)
        );
        assert_eq!(
            may_vote(
                Round::Two,
                Phase::In(Results),
                S::Round2,
                Some(S::Round2),
                false
            ),
            Err(R::Closed)
        );
    }

    // --- advance ---

    #[test]
    fn advance_at_the_threshold() {
        assert_eq!(advance(50, 50), S::Round2);
        assert_eq!(advance(49, 50), S::NotAdvanced);
        assert_eq!(advance(51, 50), S::Round2);
        assert_eq!(advance(0, 1), S::NotAdvanced);
        assert_eq!(advance(1, 1), S::Round2);
        assert_eq!(advance(i64::MAX, i32::MAX), S::Round2);
        assert_eq!(advance(i64::from(i32::MAX) - 1, i32::MAX), S::NotAdvanced);
    }

    // --- elect ---

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).expect("test instant")
    }

    fn c(id: i64, round2_votes: i64, round1_votes: i64, submitted: i64) -> Contender {
        Contender {
            id,
            round2_votes,
            round1_votes,
            submitted_at: at(submitted),
        }
    }

    fn outcome(elected: &[i64], tied: &[i64], open_seats: usize, not_elected: &[i64]) -> Outcome {
        Outcome {
            elected: elected.to_vec(),
            not_elected: not_elected.to_vec(),
            tied: tied.to_vec(),
            open_seats,
        }
    }

    const NONE: &[TieBreak] = &[];
    const ROUND1: &[TieBreak] = &[TieBreak::Round1Votes];
    const EARLIER: &[TieBreak] = &[TieBreak::EarlierApplication];

    #[test]
    fn the_most_round2_votes_win() {
        let all = [c(1, 5, 0, 0), c(2, 9, 0, 0), c(3, 7, 0, 0), c(4, 1, 0, 0)];
        assert_eq!(
            elect(&all, 2, &DEFAULT_TIE_BREAK),
            outcome(&[2, 3], &[], 0, &[1, 4])
        );
        assert_eq!(elect(&all, 2, NONE), outcome(&[2, 3], &[], 0, &[1, 4]));
    }

    #[test]
    fn a_tie_is_resolved_by_round1_votes() {
        // 2 and 3 tie on round 2 for the second seat; 3 had more round-1 votes.
        let all = [
            c(1, 9, 0, 0),
            c(2, 5, 10, 100),
            c(3, 5, 20, 200),
            c(4, 1, 0, 0),
        ];
        let expected = outcome(&[1, 3], &[], 0, &[2, 4]);
        assert_eq!(elect(&all, 2, ROUND1), expected);
        assert_eq!(elect(&all, 2, &DEFAULT_TIE_BREAK), expected);
        // Earlier application alone prefers 2.
        assert_eq!(elect(&all, 2, EARLIER), outcome(&[1, 2], &[], 0, &[3, 4]));
    }

    #[test]
    fn a_tie_is_resolved_by_earlier_application() {
        // 2 and 3 tie on round 2 and round 1; 3 applied earlier.
        let all = [
            c(1, 9, 0, 0),
            c(2, 5, 10, 200),
            c(3, 5, 10, 100),
            c(4, 1, 0, 0),
        ];
        let expected = outcome(&[1, 3], &[], 0, &[2, 4]);
        assert_eq!(elect(&all, 2, &DEFAULT_TIE_BREAK), expected);
        assert_eq!(elect(&all, 2, EARLIER), expected);
        // Round-1 votes alone cannot decide.
        assert_eq!(elect(&all, 2, ROUND1), outcome(&[1], &[2, 3], 1, &[4]));
        // The order of the tie-breaks matters: earlier application first prefers 4 over 3 here.
        let all = [c(3, 5, 20, 200), c(4, 5, 10, 100)];
        assert_eq!(
            elect(
                &all,
                1,
                &[TieBreak::EarlierApplication, TieBreak::Round1Votes]
            ),
            outcome(&[4], &[], 0, &[3])
        );
        assert_eq!(
            elect(&all, 1, &DEFAULT_TIE_BREAK),
            outcome(&[3], &[], 0, &[4])
        );
    }

    #[test]
    fn a_tie_remaining_at_the_last_seat_goes_to_the_moderators() {
        // With no tie-breaks: three tie on round 2 for the last two seats.
        let all = [
            c(1, 9, 1, 1),
            c(5, 5, 3, 3),
            c(4, 5, 2, 2),
            c(3, 5, 1, 1),
            c(2, 1, 0, 0),
        ];
        let got = elect(&all, 3, NONE);
        assert_eq!(got, outcome(&[1], &[3, 4, 5], 2, &[2]));
        assert!(!got.is_decided());
        // With round-1 votes: 5 is ahead; 3 and 4 tie on both for the last seat.
        let all = [
            c(1, 9, 1, 1),
            c(5, 5, 3, 3),
            c(4, 5, 2, 200),
            c(3, 5, 2, 100),
            c(2, 1, 0, 0),
        ];
        assert_eq!(elect(&all, 3, ROUND1), outcome(&[1, 5], &[3, 4], 1, &[2]));
        // Adding earlier application decides it.
        assert_eq!(
            elect(&all, 3, &DEFAULT_TIE_BREAK),
            outcome(&[1, 5, 3], &[], 0, &[4, 2])
        );
        // A tie of everyone for a single seat.
        let all = [c(7, 0, 0, 0), c(8, 0, 0, 0)];
        assert_eq!(
            elect(&all, 1, &DEFAULT_TIE_BREAK),
            outcome(&[], &[7, 8], 1, &[])
        );
    }

    #[test]
    fn ties_that_do_not_straddle_the_last_seat_are_not_reported() {
        // Fully inside: 2 and 3 tie, both get seats.
        let all = [c(1, 9, 0, 0), c(2, 5, 0, 0), c(3, 5, 0, 0), c(4, 1, 0, 0)];
        let got = elect(&all, 3, NONE);
        assert_eq!(got, outcome(&[1, 2, 3], &[], 0, &[4]));
        assert!(got.is_decided());
        // Fully outside: 2 and 3 tie below the last seat.
        assert_eq!(elect(&all, 1, NONE), outcome(&[1], &[], 0, &[2, 3, 4]));
        // A tie right below the last seat, and one at the very bottom.
        let all = [
            c(1, 9, 0, 0),
            c(2, 8, 0, 0),
            c(3, 5, 0, 0),
            c(4, 5, 0, 0),
            c(5, 1, 0, 0),
            c(6, 1, 0, 0),
        ];
        assert_eq!(
            elect(&all, 2, NONE),
            outcome(&[1, 2], &[], 0, &[3, 4, 5, 6])
        );
        assert_eq!(
            elect(&all, 4, NONE),
            outcome(&[1, 2, 3, 4], &[], 0, &[5, 6])
        );
        assert_eq!(
            elect(&all, 5, NONE),
            outcome(&[1, 2, 3, 4], &[5, 6], 1, &[])
        );
        assert_eq!(elect(&all, 3, NONE), outcome(&[1, 2], &[3, 4], 1, &[5, 6]));
    }

    #[test]
    fn edge_counts_of_contenders_and_seats() {
        // No contenders.
        assert_eq!(elect(&[], 5, &DEFAULT_TIE_BREAK), Outcome::default());
        assert_eq!(elect(&[], 0, NONE), Outcome::default());
        let all = [c(1, 3, 0, 0), c(2, 2, 0, 0), c(3, 2, 0, 0)];
        // Fewer contenders than seats: all elected, ties or not.
        assert_eq!(elect(&all, 5, NONE), outcome(&[1, 2, 3], &[], 0, &[]));
        // Exactly as many as seats.
        assert_eq!(elect(&all, 3, NONE), outcome(&[1, 2, 3], &[], 0, &[]));
        // No seats: nobody.
        assert_eq!(elect(&all, 0, NONE), outcome(&[], &[], 0, &[1, 2, 3]));
        let same = [c(1, 0, 0, 0), c(2, 0, 0, 0)];
        assert_eq!(elect(&same, 0, NONE), outcome(&[], &[], 0, &[1, 2]));
        assert_eq!(elect(&same, 2, NONE), outcome(&[1, 2], &[], 0, &[]));
        // One seat, one contender with no votes.
        assert_eq!(elect(&[c(9, 0, 0, 0)], 1, NONE), outcome(&[9], &[], 0, &[]));
    }

    /// Every permutation of `items` (Heap's algorithm).
    fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
        fn go<T: Clone>(k: usize, items: &mut Vec<T>, out: &mut Vec<Vec<T>>) {
            if k <= 1 {
                out.push(items.clone());
                return;
            }
            for i in 0..k - 1 {
                go(k - 1, items, out);
                if k.is_multiple_of(2) {
                    items.swap(i, k - 1);
                } else {
                    items.swap(0, k - 1);
                }
            }
            go(k - 1, items, out);
        }
        let mut items = items.to_vec();
        let mut out = vec![];
        go(items.len(), &mut items, &mut out);
        out
    }

    /// A small deterministic pseudo-random generator (a linear congruential one).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    /// Contenders with many ties on every field.
    fn crowded(rng: &mut Lcg, n: usize) -> Vec<Contender> {
        (0..n)
            .map(|i| {
                c(
                    i64::try_from(i).expect("small") * 7 + 3,
                    i64::try_from(rng.below(4)).expect("small"),
                    i64::try_from(rng.below(3)).expect("small"),
                    i64::try_from(rng.below(3)).expect("small"),
                )
            })
            .collect()
    }

    const ORDERS: [&[TieBreak]; 5] = [
        &[],
        &[TieBreak::Round1Votes],
        &[TieBreak::EarlierApplication],
        &[TieBreak::Round1Votes, TieBreak::EarlierApplication],
        &[TieBreak::EarlierApplication, TieBreak::Round1Votes],
    ];

    #[test]
    fn the_input_order_never_changes_the_outcome() {
        let mut rng = Lcg(2027);
        for n in 0..=6 {
            for _ in 0..4 {
                let all = crowded(&mut rng, n);
                let orders = permutations(&all);
                for order in ORDERS {
                    for seats in 0..=n + 1 {
                        let first = elect(&all, seats, order);
                        for shuffled in &orders {
                            assert_eq!(elect(shuffled, seats, order), first, "{all:?} {seats}");
                        }
                    }
                }
            }
        }
        // Larger inputs: every rotation, and every rotation reversed.
        for n in [10, 25, 40] {
            let all = crowded(&mut rng, n);
            for order in ORDERS {
                for seats in [0, 1, 3, n / 2, n - 1, n, n + 1] {
                    let first = elect(&all, seats, order);
                    for shift in 0..n {
                        let mut rotated = all.clone();
                        rotated.rotate_left(shift);
                        assert_eq!(elect(&rotated, seats, order), first);
                        rotated.reverse();
                        assert_eq!(elect(&rotated, seats, order), first);
                    }
                }
            }
        }
    }

    /// What must hold of every outcome, checked against a plain ranking.
    #[test]
    fn outcomes_are_consistent_with_the_ranking() {
        let mut rng = Lcg(15);
        for round in 0..300 {
            let n = usize::try_from(rng.below(12)).expect("small");
            let all = crowded(&mut rng, n);
            let seats = usize::try_from(rng.below(14)).expect("small");
            let order = ORDERS[round % ORDERS.len()];
            let got = elect(&all, seats, order);
            let by_id = |id: &i64| all.iter().find(|x| x.id == *id).expect("known id");

            // Everyone is placed exactly once.
            let mut placed: Vec<i64> = got
                .elected
                .iter()
                .chain(&got.tied)
                .chain(&got.not_elected)
                .copied()
                .collect();
            placed.sort_unstable();
            let mut ids: Vec<i64> = all.iter().map(|x| x.id).collect();
            ids.sort_unstable();
            assert_eq!(placed, ids);

            // Seats: never more elected than seats; all of them unless too few contenders or a
            // tie holds some open.
            assert!(got.elected.len() <= seats);
            assert_eq!(got.elected.len() + got.open_seats, seats.min(n));
            if got.tied.is_empty() {
                assert_eq!(got.open_seats, 0);
            } else {
                assert!(got.open_seats >= 1 && got.open_seats < got.tied.len());
                // The tied are all equal.
                for pair in got.tied.windows(2) {
                    assert_eq!(
                        rank(by_id(&pair[0]), by_id(&pair[1]), order),
                        Ordering::Equal
                    );
                    assert!(pair[0] < pair[1]);
                }
            }

            // Elected rank strictly above the tied, who rank strictly above the not elected;
            // elected above not elected.
            let above = |upper: &[i64], lower: &[i64]| {
                for u in upper {
                    for l in lower {
                        assert_eq!(
                            rank(by_id(u), by_id(l), order),
                            Ordering::Less,
                            "{u} above {l} in {got:?}"
                        );
                    }
                }
            };
            above(&got.elected, &got.tied);
            above(&got.tied, &got.not_elected);
            above(&got.elected, &got.not_elected);

            // Each list is in rank order, ids ascending among equals.
            for list in [&got.elected, &got.not_elected] {
                for pair in list.windows(2) {
                    let (a, b) = (by_id(&pair[0]), by_id(&pair[1]));
                    match rank(a, b, order) {
                        Ordering::Less => {}
                        Ordering::Equal => assert!(a.id < b.id),
                        Ordering::Greater => panic!("{pair:?} out of rank order in {got:?}"),
                    }
                }
            }
        }
    }
}

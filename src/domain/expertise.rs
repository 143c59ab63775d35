//! Expert review («експертиза», Kyiv): a city department reviews the projects of its
//! categories and concludes whether each is feasible, possibly correcting its cost; the author
//! may revise once in answer, and the expert's round-2 conclusion is final. With the session's
//! `expert_review` on, a project is admitted only on a conclusion that does not block it.
//!
//! `awaiting` → `concluded` (round 1) → `revised` (the author's one answer) → `final`
//! (round 2). A round-1 conclusion that is feasible and leaves the cost alone has nothing to
//! answer: it stands.

use super::Money;

/// The most characters of an expert's reasons.
pub const REASONS_MAX: usize = 10_000;

/// The round of a conclusion: 1, or 2 after the author's revision (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Round {
    First,
    Second,
}

impl Round {
    pub fn number(self) -> i16 {
        match self {
            Round::First => 1,
            Round::Second => 2,
        }
    }

    pub fn from_number(n: i16) -> Option<Round> {
        match n {
            1 => Some(Round::First),
            2 => Some(Round::Second),
            _ => None,
        }
    }
}

/// What a given conclusion says, as far as the rules go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Given {
    pub feasible: bool,
    pub cost_corrected: bool,
    /// The commission upheld the author's appeal against it.
    pub overturned: bool,
}

impl Given {
    /// Whether the author may answer it with a revision: it found the project not feasible or
    /// changed its cost.
    pub fn answerable(self) -> bool {
        !self.feasible || self.cost_corrected
    }

    /// Whether it keeps the project from the vote: not feasible, and not overturned.
    pub fn blocks(self) -> bool {
        !self.feasible && !self.overturned
    }
}

/// Where a project's expert review is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// No conclusion yet.
    Awaiting,
    /// The round-1 conclusion, not answered (yet).
    Concluded(Given),
    /// The author revised the project; the round-2 conclusion is awaited.
    Revised,
    /// The round-2 conclusion.
    Final(Given),
}

impl State {
    /// The state from what is stored: the round-1 conclusion, whether the author revised, the
    /// round-2 conclusion. A revision or a round 2 without a round 1 cannot be stored (the
    /// application writes them only after one); should it be, round 1 is still awaited.
    pub fn of(round1: Option<Given>, revised: bool, round2: Option<Given>) -> State {
        match (round1, revised, round2) {
            (None, _, _) => State::Awaiting,
            (Some(_), _, Some(last)) => State::Final(last),
            (Some(_), true, None) => State::Revised,
            (Some(first), false, None) => State::Concluded(first),
        }
    }

    /// The stable code for the API.
    pub fn code(self) -> &'static str {
        match self {
            State::Awaiting => "awaiting",
            State::Concluded(_) => "concluded",
            State::Revised => "revised",
            State::Final(_) => "final",
        }
    }

    /// Whether an expert's conclusion is awaited (for the expert's queue).
    pub fn needs_conclusion(self) -> bool {
        matches!(self, State::Awaiting | State::Revised)
    }
}

/// Why an expert may not give a conclusion now; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConcludeError {
    #[error("the session has no expert review")]
    ReviewOff,
    #[error("the project's category is not the expert's")]
    NotYourCategory,
    #[error("an expert does not review their own project")]
    OwnProject,
    #[error("the project is not under review")]
    NotInReview,
    #[error("the round-1 conclusion is given; round 2 follows the author's revision")]
    AlreadyConcluded,
    #[error("the final conclusion is given")]
    AlreadyFinal,
}

/// An expert does not review a project they wrote.
pub fn not_own(is_author: bool) -> Result<(), ConcludeError> {
    if is_author {
        Err(ConcludeError::OwnProject)
    } else {
        Ok(())
    }
}

/// The round the expert's conclusion would be: `review_on` (the session's flag), `covers` (the
/// project's category is one of the expert's), `in_review` (the project is under moderation
/// while the session's submission or review lasts).
pub fn next_round(
    state: State,
    review_on: bool,
    covers: bool,
    in_review: bool,
) -> Result<Round, ConcludeError> {
    if !review_on {
        return Err(ConcludeError::ReviewOff);
    }
    if !covers {
        return Err(ConcludeError::NotYourCategory);
    }
    if !in_review {
        return Err(ConcludeError::NotInReview);
    }
    match state {
        State::Awaiting => Ok(Round::First),
        State::Revised => Ok(Round::Second),
        State::Concluded(_) => Err(ConcludeError::AlreadyConcluded),
        State::Final(_) => Err(ConcludeError::AlreadyFinal),
    }
}

/// Why the author may not revise now; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReviseError {
    #[error("the session has no expert review")]
    ReviewOff,
    #[error("only the author revises")]
    NotAuthor,
    #[error("the project is not under review")]
    NotInReview,
    #[error("no conclusion to answer yet")]
    NoConclusion,
    #[error("the conclusion found the project feasible at its cost: nothing to answer")]
    NothingToAnswer,
    #[error("the one revision is used")]
    AlreadyRevised,
}

/// Whether the author may revise the project in answer to the round-1 conclusion.
pub fn may_revise(
    state: State,
    review_on: bool,
    is_author: bool,
    in_review: bool,
) -> Result<(), ReviseError> {
    if !review_on {
        return Err(ReviseError::ReviewOff);
    }
    if !is_author {
        return Err(ReviseError::NotAuthor);
    }
    if !in_review {
        return Err(ReviseError::NotInReview);
    }
    match state {
        State::Awaiting => Err(ReviseError::NoConclusion),
        State::Concluded(first) if first.answerable() => Ok(()),
        State::Concluded(_) => Err(ReviseError::NothingToAnswer),
        State::Revised | State::Final(_) => Err(ReviseError::AlreadyRevised),
    }
}

/// Why a conclusion's content is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("a conclusion that the project is not feasible gives its reasons")]
    ReasonsRequired,
    #[error("the reasons are longer than {max} characters")]
    ReasonsTooLong { max: usize },
    #[error("a feasible project's corrected cost exceeds the pot's maximum")]
    OverLimit,
}

/// Checks a conclusion: reasons (trimmed; required when not feasible, at most
/// [`REASONS_MAX`] characters) and, for a feasible project, a corrected cost within the pot's
/// maximum (a cost over it is a reason to find the project not feasible). Returns the reasons
/// to store.
pub fn check_content(
    feasible: bool,
    reasons: Option<&str>,
    corrected: Option<Money>,
    max: Money,
) -> Result<Option<String>, ContentError> {
    let reasons = reasons.map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = reasons
        && r.chars().count() > REASONS_MAX
    {
        return Err(ContentError::ReasonsTooLong { max: REASONS_MAX });
    }
    if !feasible && reasons.is_none() {
        return Err(ContentError::ReasonsRequired);
    }
    if feasible && corrected.is_some_and(|cost| cost > max) {
        return Err(ContentError::OverLimit);
    }
    Ok(reasons.map(str::to_owned))
}

/// Why a moderator may not admit the project yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    #[error("the expert's conclusion is missing")]
    Missing,
    #[error("the expert found the project not feasible")]
    Negative,
}

/// The admission gate: with the session's expert review on, a project is admitted only on a
/// conclusion that does not block it (feasible, or overturned by the commission); none yet,
/// or a revision awaiting its round-2 conclusion, is missing.
pub fn admission(review_on: bool, state: State) -> Result<(), GateError> {
    if !review_on {
        return Ok(());
    }
    match state {
        State::Awaiting | State::Revised => Err(GateError::Missing),
        State::Concluded(last) | State::Final(last) if last.blocks() => Err(GateError::Negative),
        State::Concluded(_) | State::Final(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_GIVEN: [Given; 8] = {
        let mut all = [Given {
            feasible: false,
            cost_corrected: false,
            overturned: false,
        }; 8];
        let mut i = 0;
        while i < 8 {
            all[i] = Given {
                feasible: i & 1 != 0,
                cost_corrected: i & 2 != 0,
                overturned: i & 4 != 0,
            };
            i += 1;
        }
        all
    };

    fn all_states() -> Vec<State> {
        let mut states = vec![State::Awaiting, State::Revised];
        for g in ALL_GIVEN {
            states.push(State::Concluded(g));
            states.push(State::Final(g));
        }
        states
    }

    fn given(feasible: bool, cost_corrected: bool) -> Given {
        Given {
            feasible,
            cost_corrected,
            overturned: false,
        }
    }

    #[test]
    fn rounds_by_number() {
        for round in [Round::First, Round::Second] {
            assert_eq!(Round::from_number(round.number()), Some(round));
        }
        assert_eq!(Round::from_number(0), None);
        assert_eq!(Round::from_number(3), None);
    }

    #[test]
    fn the_state_from_what_is_stored() {
        let no = given(false, false);
        let yes = given(true, false);
        assert_eq!(State::of(None, false, None), State::Awaiting);
        assert_eq!(State::of(None, true, None), State::Awaiting);
        assert_eq!(State::of(None, true, Some(yes)), State::Awaiting);
        assert_eq!(State::of(Some(no), false, None), State::Concluded(no));
        assert_eq!(State::of(Some(no), true, None), State::Revised);
        assert_eq!(State::of(Some(no), true, Some(yes)), State::Final(yes));
        assert_eq!(State::of(Some(no), false, Some(yes)), State::Final(yes));
        let codes: Vec<_> = [
            State::Awaiting,
            State::Concluded(no),
            State::Revised,
            State::Final(no),
        ]
        .map(State::code)
        .to_vec();
        assert_eq!(codes, ["awaiting", "concluded", "revised", "final"]);
    }

    #[test]
    fn what_may_be_answered_and_what_blocks() {
        for g in ALL_GIVEN {
            assert_eq!(g.answerable(), !g.feasible || g.cost_corrected, "{g:?}");
            assert_eq!(g.blocks(), !g.feasible && !g.overturned, "{g:?}");
        }
    }

    #[test]
    fn the_queue_holds_awaiting_and_revised_projects() {
        for state in all_states() {
            assert_eq!(
                state.needs_conclusion(),
                matches!(state, State::Awaiting | State::Revised),
                "{state:?}"
            );
        }
    }

    /// Every state × every combination of the three conditions.
    #[test]
    fn next_round_everywhere() {
        for state in all_states() {
            for review_on in [false, true] {
                for covers in [false, true] {
                    for in_review in [false, true] {
                        let got = next_round(state, review_on, covers, in_review);
                        let want = if !review_on {
                            Err(ConcludeError::ReviewOff)
                        } else if !covers {
                            Err(ConcludeError::NotYourCategory)
                        } else if !in_review {
                            Err(ConcludeError::NotInReview)
                        } else {
                            match state {
                                State::Awaiting => Ok(Round::First),
                                State::Revised => Ok(Round::Second),
                                State::Concluded(_) => Err(ConcludeError::AlreadyConcluded),
                                State::Final(_) => Err(ConcludeError::AlreadyFinal),
                            }
                        };
                        assert_eq!(got, want, "{state:?} {review_on} {covers} {in_review}");
                    }
                }
            }
        }
    }

    #[test]
    fn revising_everywhere() {
        for state in all_states() {
            for review_on in [false, true] {
                for is_author in [false, true] {
                    for in_review in [false, true] {
                        let got = may_revise(state, review_on, is_author, in_review);
                        let want = if !review_on {
                            Err(ReviseError::ReviewOff)
                        } else if !is_author {
                            Err(ReviseError::NotAuthor)
                        } else if !in_review {
                            Err(ReviseError::NotInReview)
                        } else {
                            match state {
                                State::Awaiting => Err(ReviseError::NoConclusion),
                                State::Concluded(g) if !g.feasible || g.cost_corrected => Ok(()),
                                State::Concluded(_) => Err(ReviseError::NothingToAnswer),
                                State::Revised | State::Final(_) => {
                                    Err(ReviseError::AlreadyRevised)
                                }
                            }
                        };
                        assert_eq!(got, want, "{state:?} {review_on} {is_author} {in_review}");
                    }
                }
            }
        }
    }

    /// The whole path: round 1, the one revision, round 2; a second revision is refused.
    #[test]
    fn the_path_through_both_rounds() {
        let mut state = State::Awaiting;
        assert_eq!(next_round(state, true, true, true), Ok(Round::First));
        assert_eq!(not_own(false), Ok(()));
        assert_eq!(not_own(true), Err(ConcludeError::OwnProject));
        assert_eq!(admission(true, state), Err(GateError::Missing));
        state = State::of(Some(given(false, true)), false, None);
        assert_eq!(admission(true, state), Err(GateError::Negative));
        assert_eq!(may_revise(state, true, true, true), Ok(()));
        state = State::of(Some(given(false, true)), true, None);
        assert_eq!(admission(true, state), Err(GateError::Missing));
        assert_eq!(
            may_revise(state, true, true, true),
            Err(ReviseError::AlreadyRevised)
        );
        assert_eq!(next_round(state, true, true, true), Ok(Round::Second));
        state = State::of(Some(given(false, true)), true, Some(given(true, false)));
        assert_eq!(admission(true, state), Ok(()));
        assert_eq!(
            may_revise(state, true, true, true),
            Err(ReviseError::AlreadyRevised)
        );
        assert_eq!(
            next_round(state, true, true, true),
            Err(ConcludeError::AlreadyFinal)
        );
    }

    #[test]
    fn the_gate_everywhere() {
        for state in all_states() {
            assert_eq!(admission(false, state), Ok(()), "{state:?}");
            let want = match state {
                State::Awaiting | State::Revised => Err(GateError::Missing),
                State::Concluded(g) | State::Final(g) => {
                    if !g.feasible && !g.overturned {
                        Err(GateError::Negative)
                    } else {
                        Ok(())
                    }
                }
            };
            assert_eq!(admission(true, state), want, "{state:?}");
        }
    }

    #[test]
    fn an_overturned_negative_conclusion_does_not_block() {
        let negative = given(false, false);
        let overturned = Given {
            overturned: true,
            ..negative
        };
        assert_eq!(
            admission(true, State::Final(negative)),
            Err(GateError::Negative)
        );
        assert_eq!(admission(true, State::Final(overturned)), Ok(()));
        assert_eq!(admission(true, State::Concluded(overturned)), Ok(()));
    }

    #[test]
    fn the_content_of_a_conclusion() {
        let max = Money::from_minor_units(10_000_000);
        let over = Money::from_minor_units(10_000_001);
        assert_eq!(check_content(true, None, None, max), Ok(None));
        assert_eq!(check_content(true, Some("  "), None, max), Ok(None));
        assert_eq!(
            check_content(true, Some(" дешевше "), Some(max), max),
            Ok(Some("дешевше".to_owned()))
        );
        assert_eq!(
            check_content(false, None, None, max),
            Err(ContentError::ReasonsRequired)
        );
        assert_eq!(
            check_content(false, Some(" \n "), None, max),
            Err(ContentError::ReasonsRequired)
        );
        assert_eq!(
            check_content(false, Some("земля не комунальна"), Some(over), max),
            Ok(Some("земля не комунальна".to_owned())),
            "a cost over the limit is a reason not to be feasible"
        );
        assert_eq!(
            check_content(true, Some("дорожче"), Some(over), max),
            Err(ContentError::OverLimit)
        );
        let exactly = "я".repeat(REASONS_MAX);
        assert_eq!(
            check_content(false, Some(&exactly), None, max),
            Ok(Some(exactly.clone()))
        );
        let long = "я".repeat(REASONS_MAX + 1);
        for feasible in [false, true] {
            assert_eq!(
                check_content(feasible, Some(&long), None, max),
                Err(ContentError::ReasonsTooLong { max: REASONS_MAX })
            );
        }
    }
}

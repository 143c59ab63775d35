//! A project's life: the moderation and implementation status machine, and who may edit it.
//!
//! `draft` → `on_moderation` → `needs_revision` (the author edits and resubmits) / `rejected` /
//! `admitted`; after the results `winner` / `not_selected`; then `in_progress` → `implemented`
//! or `not_implemented`. Authors may withdraw until voting starts.

use super::timeline::{Phase, StageKind};

/// Where a project is. The codes are the stored values and the API's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    /// «На модерації»
    OnModeration,
    /// «На доопрацюванні»
    NeedsRevision,
    /// «Відхилено»
    Rejected,
    /// «Допущено до голосування»
    Admitted,
    /// «Відкликано автором»
    Withdrawn,
    /// «Переможець»
    Winner,
    /// «Не пройшов»
    NotSelected,
    /// «Реалізується»
    InProgress,
    /// «Реалізовано»
    Implemented,
    /// «Не реалізовано»
    NotImplemented,
}

impl Status {
    pub const ALL: [Status; 11] = [
        Status::Draft,
        Status::OnModeration,
        Status::NeedsRevision,
        Status::Rejected,
        Status::Admitted,
        Status::Withdrawn,
        Status::Winner,
        Status::NotSelected,
        Status::InProgress,
        Status::Implemented,
        Status::NotImplemented,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::OnModeration => "on_moderation",
            Status::NeedsRevision => "needs_revision",
            Status::Rejected => "rejected",
            Status::Admitted => "admitted",
            Status::Withdrawn => "withdrawn",
            Status::Winner => "winner",
            Status::NotSelected => "not_selected",
            Status::InProgress => "in_progress",
            Status::Implemented => "implemented",
            Status::NotImplemented => "not_implemented",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the project passed moderation: admitted, or any status after the vote. Such a
    /// project took part in the vote and has a supporter team.
    pub fn passed_moderation(self) -> bool {
        matches!(
            self,
            Status::Admitted
                | Status::Winner
                | Status::NotSelected
                | Status::InProgress
                | Status::Implemented
                | Status::NotImplemented
        )
    }

    /// Whether the public sees the project (drafts and withdrawn ones are the author's own).
    pub fn is_public(self) -> bool {
        !matches!(self, Status::Draft | Status::Withdrawn)
    }
}

/// What someone asks to do with a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The author sends a draft to moderation.
    Submit,
    /// The author sends a project back after revision.
    Resubmit,
    /// A moderator returns it to the author for revision (a comment says what to change).
    ReturnForRevision,
    /// A moderator rejects it (final; a reason is required).
    Reject,
    /// A moderator admits it to the vote.
    Admit,
    /// The author withdraws it, until voting starts.
    Withdraw,
    /// After the results: it won (set when a moderator publishes the results).
    SelectWinner,
    /// After the results: it did not win (likewise).
    MarkNotSelected,
    StartImplementation,
    MarkImplemented,
    /// The city could not implement it (a reason is required).
    MarkNotImplemented,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::Submit,
        Action::Resubmit,
        Action::ReturnForRevision,
        Action::Reject,
        Action::Admit,
        Action::Withdraw,
        Action::SelectWinner,
        Action::MarkNotSelected,
        Action::StartImplementation,
        Action::MarkImplemented,
        Action::MarkNotImplemented,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Resubmit => "resubmit",
            Action::ReturnForRevision => "return_for_revision",
            Action::Reject => "reject",
            Action::Admit => "admit",
            Action::Withdraw => "withdraw",
            Action::SelectWinner => "select_winner",
            Action::MarkNotSelected => "mark_not_selected",
            Action::StartImplementation => "start_implementation",
            Action::MarkImplemented => "mark_implemented",
            Action::MarkNotImplemented => "mark_not_implemented",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Whether a person takes this step by asking for it. Winners and the rest are set only by
    /// publishing the results, so that the statuses always say what the published tally says.
    pub fn by_request(self) -> bool {
        !matches!(self, Action::SelectWinner | Action::MarkNotSelected)
    }

    /// Whether the action needs a comment (a reason or what to revise).
    pub fn needs_comment(self) -> bool {
        matches!(
            self,
            Action::ReturnForRevision | Action::Reject | Action::MarkNotImplemented
        )
    }
}

/// Who asks, as far as this project goes. Staff roles are those of the project's city
/// (a platform admin counts as an admin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Author,
    Moderator,
    Admin,
    /// Any other signed-in person (observers included: they only look).
    Other,
}

impl Who {
    pub const ALL: [Who; 4] = [Who::Author, Who::Moderator, Who::Admin, Who::Other];
}

/// Where the project's budget session is in its timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Before the submission stage opens.
    BeforeSubmission,
    /// The submission stage.
    Submission,
    /// The optional endorsement stage after submission: residents endorse published projects;
    /// moderation goes on, new projects are no longer submitted.
    Endorsement,
    /// After submission, before voting: moderation finishes.
    Review,
    Voting,
    /// The results stage and everything after it.
    AfterVoting,
}

impl Period {
    /// The period of a session in `phase`.
    pub fn of(phase: &Phase) -> Period {
        match phase {
            Phase::NotStarted { .. } => Period::BeforeSubmission,
            Phase::Stage { kind, .. } => match kind {
                StageKind::Submission => Period::Submission,
                StageKind::Endorsement => Period::Endorsement,
                StageKind::Review => Period::Review,
                StageKind::Voting => Period::Voting,
                StageKind::Results | StageKind::Implementation => Period::AfterVoting,
            },
            Phase::Finished => Period::AfterVoting,
        }
    }

    pub const ALL: [Period; 6] = [
        Period::BeforeSubmission,
        Period::Submission,
        Period::Endorsement,
        Period::Review,
        Period::Voting,
        Period::AfterVoting,
    ];

    /// Before the vote: moderation (and the commission's reinstatement on appeal) may still
    /// change which projects take part.
    pub fn before_voting(self) -> bool {
        matches!(
            self,
            Period::BeforeSubmission | Period::Submission | Period::Endorsement | Period::Review
        )
    }
}

/// Why a transition is refused; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("not allowed for this person")]
    Forbidden,
    #[error("not possible from status {0:?}")]
    WrongStatus(Status),
    #[error("not possible at this stage of the session")]
    WrongPeriod,
    #[error("a comment is required")]
    CommentRequired,
    #[error("set only by publishing the results")]
    ByResults,
}

fn staff(who: Who) -> bool {
    matches!(who, Who::Moderator | Who::Admin)
}

/// The status a step asked for by a person leads to: `transition`, except that the steps only
/// publishing the results takes are refused (to staff with their reason).
pub fn requested(
    status: Status,
    action: Action,
    who: Who,
    period: Period,
    has_comment: bool,
) -> Result<Status, TransitionError> {
    if !action.by_request() {
        return Err(if staff(who) {
            TransitionError::ByResults
        } else {
            TransitionError::Forbidden
        });
    }
    transition(status, action, who, period, has_comment)
}

/// The status `action` leads to, or why it may not be taken.
pub fn transition(
    status: Status,
    action: Action,
    who: Who,
    period: Period,
    has_comment: bool,
) -> Result<Status, TransitionError> {
    use Action as A;
    use Status as S;
    let allowed_who = match action {
        A::Submit | A::Resubmit | A::Withdraw => who == Who::Author,
        A::ReturnForRevision
        | A::Reject
        | A::Admit
        | A::SelectWinner
        | A::MarkNotSelected
        | A::StartImplementation
        | A::MarkImplemented
        | A::MarkNotImplemented => staff(who),
    };
    if !allowed_who {
        return Err(TransitionError::Forbidden);
    }
    let to = match (action, status) {
        (A::Submit, S::Draft) => S::OnModeration,
        (A::Resubmit, S::NeedsRevision) => S::OnModeration,
        (A::ReturnForRevision, S::OnModeration) => S::NeedsRevision,
        (A::Reject, S::OnModeration) => S::Rejected,
        (A::Admit, S::OnModeration) => S::Admitted,
        (A::Withdraw, S::Draft | S::OnModeration | S::NeedsRevision | S::Admitted) => S::Withdrawn,
        (A::SelectWinner, S::Admitted) => S::Winner,
        (A::MarkNotSelected, S::Admitted) => S::NotSelected,
        (A::StartImplementation, S::Winner) => S::InProgress,
        (A::MarkImplemented, S::InProgress) => S::Implemented,
        (A::MarkNotImplemented, S::Winner | S::InProgress) => S::NotImplemented,
        (_, from) => return Err(TransitionError::WrongStatus(from)),
    };
    let period_ok = match action {
        A::Submit => period == Period::Submission,
        A::Resubmit | A::ReturnForRevision | A::Reject | A::Admit | A::Withdraw => {
            period.before_voting()
        }
        A::SelectWinner
        | A::MarkNotSelected
        | A::StartImplementation
        | A::MarkImplemented
        | A::MarkNotImplemented => period == Period::AfterVoting,
    };
    if !period_ok {
        return Err(TransitionError::WrongPeriod);
    }
    if action.needs_comment() && !has_comment {
        return Err(TransitionError::CommentRequired);
    }
    Ok(to)
}

/// Whether a project is shown to `who` (`None`: not signed in). Public statuses to everyone;
/// a draft to its author alone; a withdrawn project to its author and the city's staff.
pub fn visible(status: Status, who: Option<Who>) -> bool {
    status.is_public()
        || match who {
            Some(Who::Author) => true,
            Some(Who::Moderator | Who::Admin) => status == Status::Withdrawn,
            Some(Who::Other) | None => false,
        }
}

/// Whether `who` may change the project's content (title, description, estimate, files…):
/// the author, while it is a draft or returned for revision.
pub fn may_edit(status: Status, who: Who) -> bool {
    who == Who::Author && matches!(status, Status::Draft | Status::NeedsRevision)
}

/// What an author attaches to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A photo or picture: JPEG or PNG.
    Image,
    /// A document: PDF.
    Document,
}

impl FileKind {
    pub const ALL: [FileKind; 2] = [FileKind::Image, FileKind::Document];

    pub fn code(self) -> &'static str {
        match self {
            FileKind::Image => "image",
            FileKind::Document => "document",
        }
    }

    pub fn from_code(code: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The name a file is shown and downloaded under: the last part of what the uploader called
/// it (no folders), without control characters and quotes, at most 100 characters, ending in
/// `extension`; `fallback` when nothing usable is left.
pub fn file_name(given: Option<&str>, fallback: &str, extension: &str) -> String {
    const MAX: usize = 100;
    let base = given
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\'))
        .collect::<String>();
    let base = base.trim().trim_start_matches('.').trim();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) => stem.trim(),
        None => base,
    };
    let stem = if stem.is_empty() { fallback } else { stem };
    let room = MAX - extension.chars().count() - 1;
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{extension}", stem.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Status as S;

    /// (action, from, who may, when, to)
    type Row = (Action, Status, &'static [Who], &'static [Period], Status);

    /// The whole machine as a table.
    fn allowed() -> Vec<Row> {
        const AUTHOR: &[Who] = &[Who::Author];
        const STAFF: &[Who] = &[Who::Moderator, Who::Admin];
        const SUBMISSION: &[Period] = &[Period::Submission];
        const BEFORE_VOTING: &[Period] = &[
            Period::BeforeSubmission,
            Period::Submission,
            Period::Endorsement,
            Period::Review,
        ];
        const AFTER: &[Period] = &[Period::AfterVoting];
        vec![
            (A::Submit, S::Draft, AUTHOR, SUBMISSION, S::OnModeration),
            (
                A::Resubmit,
                S::NeedsRevision,
                AUTHOR,
                BEFORE_VOTING,
                S::OnModeration,
            ),
            (
                A::ReturnForRevision,
                S::OnModeration,
                STAFF,
                BEFORE_VOTING,
                S::NeedsRevision,
            ),
            (
                A::Reject,
                S::OnModeration,
                STAFF,
                BEFORE_VOTING,
                S::Rejected,
            ),
            (A::Admit, S::OnModeration, STAFF, BEFORE_VOTING, S::Admitted),
            (A::Withdraw, S::Draft, AUTHOR, BEFORE_VOTING, S::Withdrawn),
            (
                A::Withdraw,
                S::OnModeration,
                AUTHOR,
                BEFORE_VOTING,
                S::Withdrawn,
            ),
            (
                A::Withdraw,
                S::NeedsRevision,
                AUTHOR,
                BEFORE_VOTING,
                S::Withdrawn,
            ),
            (
                A::Withdraw,
                S::Admitted,
                AUTHOR,
                BEFORE_VOTING,
                S::Withdrawn,
            ),
            (A::SelectWinner, S::Admitted, STAFF, AFTER, S::Winner),
            (
                A::MarkNotSelected,
                S::Admitted,
                STAFF,
                AFTER,
                S::NotSelected,
            ),
            (
                A::StartImplementation,
                S::Winner,
                STAFF,
                AFTER,
                S::InProgress,
            ),
            (
                A::MarkImplemented,
                S::InProgress,
                STAFF,
                AFTER,
                S::Implemented,
            ),
            (
                A::MarkNotImplemented,
                S::Winner,
                STAFF,
                AFTER,
                S::NotImplemented,
            ),
            (
                A::MarkNotImplemented,
                S::InProgress,
                STAFF,
                AFTER,
                S::NotImplemented,
            ),
        ]
    }

    /// Every status × every action × every person × every period × with and without a comment.
    #[test]
    fn every_combination_is_allowed_only_as_the_table_says() {
        let table = allowed();
        let mut allowed_count = 0;
        for status in Status::ALL {
            for action in Action::ALL {
                for who in Who::ALL {
                    for period in Period::ALL {
                        for comment in [false, true] {
                            let got = transition(status, action, who, period, comment);
                            let row = table.iter().find(|(a, s, ..)| *a == action && *s == status);
                            let who_ok = table
                                .iter()
                                .any(|(a, _, whos, ..)| *a == action && whos.contains(&who));
                            let expected = if !who_ok {
                                Err(TransitionError::Forbidden)
                            } else if let Some((_, _, whos, periods, to)) = row {
                                assert!(whos.contains(&who));
                                if !periods.contains(&period) {
                                    Err(TransitionError::WrongPeriod)
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
                                "{action:?} from {status:?} by {who:?} in {period:?}, comment {comment}"
                            );
                        }
                    }
                }
            }
        }
        assert!(allowed_count > 0);
    }

    /// Asked for by a person, a step is `transition` except the results' own two.
    #[test]
    fn winners_are_set_only_by_publishing_results() {
        for status in Status::ALL {
            for action in Action::ALL {
                for who in Who::ALL {
                    for period in Period::ALL {
                        let got = requested(status, action, who, period, true);
                        let expected = match (action, who) {
                            (
                                Action::SelectWinner | Action::MarkNotSelected,
                                Who::Moderator | Who::Admin,
                            ) => Err(TransitionError::ByResults),
                            (Action::SelectWinner | Action::MarkNotSelected, _) => {
                                Err(TransitionError::Forbidden)
                            }
                            _ => transition(status, action, who, period, true),
                        };
                        assert_eq!(
                            got, expected,
                            "{action:?} from {status:?} by {who:?} in {period:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn finals_have_no_way_out() {
        for status in [
            S::Rejected,
            S::Withdrawn,
            S::NotSelected,
            S::Implemented,
            S::NotImplemented,
        ] {
            for action in Action::ALL {
                for who in Who::ALL {
                    for period in Period::ALL {
                        assert!(transition(status, action, who, period, true).is_err());
                    }
                }
            }
        }
    }

    #[test]
    fn reasons_are_required_where_they_matter() {
        assert_eq!(
            transition(
                S::OnModeration,
                A::Reject,
                Who::Moderator,
                Period::Review,
                false
            ),
            Err(TransitionError::CommentRequired)
        );
        assert_eq!(
            transition(
                S::OnModeration,
                A::Reject,
                Who::Moderator,
                Period::Review,
                true
            ),
            Ok(S::Rejected)
        );
        assert_eq!(
            transition(
                S::OnModeration,
                A::Admit,
                Who::Moderator,
                Period::Review,
                false
            ),
            Ok(S::Admitted)
        );
    }

    #[test]
    fn only_the_author_edits_and_only_drafts_or_returned_projects() {
        for status in Status::ALL {
            for who in Who::ALL {
                let expected = who == Who::Author && matches!(status, S::Draft | S::NeedsRevision);
                assert_eq!(may_edit(status, who), expected, "{status:?} {who:?}");
            }
        }
    }

    #[test]
    fn drafts_are_the_authors_and_withdrawn_ones_also_staffs() {
        for status in Status::ALL {
            for who in Who::ALL.map(Some).into_iter().chain([None]) {
                let expected = status.is_public()
                    || who == Some(Who::Author)
                    || (status == S::Withdrawn && matches!(who, Some(Who::Moderator | Who::Admin)));
                assert_eq!(visible(status, who), expected, "{status:?} {who:?}");
            }
        }
        assert!(!visible(S::Draft, Some(Who::Admin)));
        assert!(visible(S::Rejected, None));
    }

    #[test]
    fn the_period_follows_the_stage() {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let stage = |kind| Phase::Stage {
            kind,
            closes_at: at,
        };
        assert_eq!(
            Period::of(&Phase::NotStarted { opens_at: at }),
            Period::BeforeSubmission
        );
        assert_eq!(
            Period::of(&stage(StageKind::Submission)),
            Period::Submission
        );
        assert_eq!(
            Period::of(&stage(StageKind::Endorsement)),
            Period::Endorsement
        );
        assert_eq!(Period::of(&stage(StageKind::Review)), Period::Review);
        assert_eq!(Period::of(&stage(StageKind::Voting)), Period::Voting);
        assert_eq!(Period::of(&stage(StageKind::Results)), Period::AfterVoting);
        assert_eq!(
            Period::of(&stage(StageKind::Implementation)),
            Period::AfterVoting
        );
        assert_eq!(Period::of(&Phase::Finished), Period::AfterVoting);
    }

    #[test]
    fn codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
        }
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        assert_eq!(Status::from_code("submitted"), None);
        assert!(!S::Draft.is_public() && !S::Withdrawn.is_public() && S::Admitted.is_public());
    }

    #[test]
    fn file_kinds_round_trip() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(FileKind::from_code("video"), None);
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(
            file_name(Some("Кошторис.pdf"), "document", "pdf"),
            "Кошторис.pdf"
        );
        assert_eq!(
            file_name(Some("C:\\Users\\me\\plan.PDF"), "document", "pdf"),
            "plan.pdf"
        );
        assert_eq!(
            file_name(Some("../../etc/passwd"), "document", "pdf"),
            "passwd.pdf"
        );
        assert_eq!(file_name(Some("photo.png"), "image", "jpg"), "photo.jpg");
        assert_eq!(file_name(Some("a\"b\r\n.png"), "image", "png"), "ab.png");
        assert_eq!(file_name(Some(".hidden"), "image", "png"), "hidden.png");
        assert_eq!(file_name(Some("   "), "image", "png"), "image.png");
        assert_eq!(file_name(None, "document", "pdf"), "document.pdf");
        assert_eq!(file_name(Some("dir/"), "document", "pdf"), "document.pdf");
        let long = "я".repeat(500);
        let name = file_name(Some(&long), "document", "pdf");
        assert_eq!(name.chars().count(), 100);
        assert!(name.ends_with(".pdf"));
    }
}

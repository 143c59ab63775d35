//! Supporter teams, as the Kyiv specification's module «формування команди автора проекту та
//! його прихильників» describes them: a resident applies to join a project's team once the
//! project has passed moderation; its author accepts or rejects the application and may later
//! remove an accepted supporter. After a rejection or removal the resident may apply again,
//! any number of times.

use super::project::Status as ProjectStatus;

/// The status of one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// «На модерації»: applied, not yet reviewed by the author.
    Pending,
    /// «Прихильник»: the author took the applicant into the team.
    Accepted,
    /// «Відхилено»: the author declined the application, with a reason.
    Rejected,
    /// «Відмовлено»: the author removed an accepted supporter.
    Removed,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Pending,
        Status::Accepted,
        Status::Rejected,
        Status::Removed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Removed => "removed",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Pending and accepted applications are open: a resident has at most one open
    /// application per project.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Pending | Status::Accepted)
    }
}

/// Who looks at or acts on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// The project's author.
    Author,
    /// The resident who applied.
    Applicant,
    /// The city's moderators and admins.
    Staff,
    /// Anyone else, signed in or not.
    Other,
}

impl Who {
    pub const ALL: [Who; 4] = [Who::Author, Who::Applicant, Who::Staff, Who::Other];
}

/// Whether a project in `status` has a team: it passed moderation (admitted or any later
/// status) and was not withdrawn.
pub fn has_team(status: ProjectStatus) -> bool {
    status.passed_moderation()
}

/// Why a resident may not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("the author cannot support their own project")]
    OwnProject,
    #[error("the project has not passed moderation")]
    NoTeam,
    #[error("already a supporter")]
    AlreadySupporter,
    #[error("an application is already waiting for the author")]
    AlreadyPending,
}

/// Whether a resident may apply to a project in `project` status. `is_author`: the resident
/// is its author; `open`: the status of the resident's open application to it, if any.
pub fn may_apply(
    project: ProjectStatus,
    is_author: bool,
    open: Option<Status>,
) -> Result<(), ApplyError> {
    if is_author {
        return Err(ApplyError::OwnProject);
    }
    if !has_team(project) {
        return Err(ApplyError::NoTeam);
    }
    match open {
        Some(Status::Accepted) => Err(ApplyError::AlreadySupporter),
        Some(Status::Pending) => Err(ApplyError::AlreadyPending),
        Some(Status::Rejected | Status::Removed) | None => Ok(()),
    }
}

/// Why the author's decision is refused; the first that applies, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("only the project's author decides")]
    Forbidden,
    #[error("the project has no team now")]
    NoTeam,
    #[error("not possible from status {0:?}")]
    WrongStatus(Status),
    #[error("a comment is required")]
    CommentRequired,
}

/// The author sets an application to `to`: a pending one to accepted or rejected (with a
/// reason), an accepted one to removed (a comment optional).
pub fn decide(
    from: Status,
    to: Status,
    who: Who,
    project: ProjectStatus,
    has_comment: bool,
) -> Result<Status, DecisionError> {
    if who != Who::Author {
        return Err(DecisionError::Forbidden);
    }
    if !has_team(project) {
        return Err(DecisionError::NoTeam);
    }
    match (from, to) {
        (Status::Pending, Status::Accepted)
        | (Status::Pending, Status::Rejected)
        | (Status::Accepted, Status::Removed) => {}
        _ => return Err(DecisionError::WrongStatus(from)),
    }
    if to == Status::Rejected && !has_comment {
        return Err(DecisionError::CommentRequired);
    }
    Ok(to)
}

/// What `who` sees of a project's applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Every application, not only the accepted ones.
    pub all: bool,
    /// The applicants' contact data (phone, e-mail).
    pub contacts: bool,
    /// The history of each application.
    pub history: bool,
}

/// The author and the city's staff see every application with contacts and history; everyone
/// else sees the accepted supporters' name, photo and Facebook page
/// only (an applicant is told of their own application separately).
pub fn view(who: Who) -> View {
    match who {
        Who::Author | Who::Staff => View {
            all: true,
            contacts: true,
            history: true,
        },
        Who::Applicant | Who::Other => View {
            all: false,
            contacts: false,
            history: false,
        },
    }
}

/// Whether an application in `status` is shown to the public: accepted supporters only.
pub fn public(status: Status) -> bool {
    status == Status::Accepted
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProjectStatus as P;

    #[test]
    fn codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
        }
        assert_eq!(Status::from_code("approved"), None);
        assert!(Status::Pending.is_open() && Status::Accepted.is_open());
        assert!(!Status::Rejected.is_open() && !Status::Removed.is_open());
    }

    #[test]
    fn a_team_forms_once_the_project_passed_moderation() {
        let with_team: Vec<P> = P::ALL.into_iter().filter(|s| has_team(*s)).collect();
        assert_eq!(
            with_team,
            [
                P::Admitted,
                P::Winner,
                P::NotSelected,
                P::InProgress,
                P::Implemented,
                P::NotImplemented
            ]
        );
    }

    /// Every project status × author or not × every open application.
    #[test]
    fn applying_whole_table() {
        let opens = [
            None,
            Some(Status::Pending),
            Some(Status::Accepted),
            Some(Status::Rejected),
            Some(Status::Removed),
        ];
        for project in P::ALL {
            for is_author in [false, true] {
                for open in opens {
                    let expected = if is_author {
                        Err(ApplyError::OwnProject)
                    } else if !has_team(project) {
                        Err(ApplyError::NoTeam)
                    } else {
                        match open {
                            Some(Status::Accepted) => Err(ApplyError::AlreadySupporter),
                            Some(Status::Pending) => Err(ApplyError::AlreadyPending),
                            _ => Ok(()),
                        }
                    };
                    assert_eq!(
                        may_apply(project, is_author, open),
                        expected,
                        "{project:?} author={is_author} {open:?}"
                    );
                }
            }
        }
        // In words: after a rejection or a removal, again and again.
        assert_eq!(may_apply(P::Admitted, false, Some(Status::Removed)), Ok(()));
        assert_eq!(may_apply(P::Winner, false, Some(Status::Rejected)), Ok(()));
        assert_eq!(
            may_apply(P::OnModeration, false, None),
            Err(ApplyError::NoTeam)
        );
    }

    /// Every status × every target × every person × every project status × with and without
    /// a comment.
    #[test]
    fn deciding_whole_table() {
        let allowed = [
            (Status::Pending, Status::Accepted),
            (Status::Pending, Status::Rejected),
            (Status::Accepted, Status::Removed),
        ];
        let mut ok = 0;
        for from in Status::ALL {
            for to in Status::ALL {
                for who in Who::ALL {
                    for project in P::ALL {
                        for comment in [false, true] {
                            let got = decide(from, to, who, project, comment);
                            let expected = if who != Who::Author {
                                Err(DecisionError::Forbidden)
                            } else if !has_team(project) {
                                Err(DecisionError::NoTeam)
                            } else if !allowed.contains(&(from, to)) {
                                Err(DecisionError::WrongStatus(from))
                            } else if to == Status::Rejected && !comment {
                                Err(DecisionError::CommentRequired)
                            } else {
                                Ok(to)
                            };
                            assert_eq!(got, expected, "{from:?}→{to:?} by {who:?} in {project:?}");
                            ok += usize::from(got.is_ok());
                        }
                    }
                }
            }
        }
        // 6 project statuses with a team; rejecting needs the comment, the others take both.
        assert_eq!(ok, 6 * (2 + 1 + 2));
        // In words.
        assert_eq!(
            decide(
                Status::Accepted,
                Status::Removed,
                Who::Author,
                P::Implemented,
                false
            ),
            Ok(Status::Removed)
        );
        assert_eq!(
            decide(
                Status::Rejected,
                Status::Accepted,
                Who::Author,
                P::Admitted,
                true
            ),
            Err(DecisionError::WrongStatus(Status::Rejected))
        );
        assert_eq!(
            decide(
                Status::Pending,
                Status::Accepted,
                Who::Staff,
                P::Admitted,
                true
            ),
            Err(DecisionError::Forbidden)
        );
    }

    #[test]
    fn who_sees_what() {
        assert_eq!(
            view(Who::Author),
            View {
                all: true,
                contacts: true,
                history: true
            }
        );
        assert!(view(Who::Staff).all && view(Who::Staff).history);
        for who in [Who::Applicant, Who::Other] {
            let v = view(who);
            assert!(!v.all && !v.contacts && !v.history, "{who:?}");
        }
        let shown: Vec<Status> = Status::ALL.into_iter().filter(|s| public(*s)).collect();
        assert_eq!(shown, [Status::Accepted]);
    }
}

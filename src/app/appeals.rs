//! Appeals and complaints to the public budget commission (ГБК): filing, the members' recorded
//! votes, and the decision taking effect — all public except the filer's personal data. The
//! rules are `domain::appeal`'s; here are the transactions, the e-mails and the audit.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entities::{appeal, city};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::domain::access::Actor;
use crate::domain::appeal::{self as rules, Effect, FilingRefusal, Kind, Status, Subject};
use crate::domain::profile;
use crate::domain::project::{Period, Status as ProjectStatus};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, label};
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;

/// The longest text of an appeal or complaint, and of a member's reason.
pub const BODY_MAX: usize = 5_000;
pub const REASON_MAX: usize = 2_000;
/// How many undecided appeals and complaints one resident may have in a city at once.
pub const PENDING_MAX: u64 = 20;

/// What a resident files.
#[derive(Debug, Clone)]
pub struct Filing {
    pub kind: String,
    pub subject: String,
    pub project_id: Option<i64>,
    /// For a complaint about a session rather than a project.
    pub session_id: Option<i64>,
    pub body: String,
}

/// An appeal or complaint as the public sees it.
#[derive(Debug, Clone)]
pub struct AppealView {
    pub appeal: appeal::Model,
    pub kind: Kind,
    pub subject: Subject,
    pub status: Status,
    pub effect: Option<Effect>,
    pub project_title: Option<String>,
    /// The commission's size now (a decided appeal keeps the votes it was decided by).
    pub members: usize,
    pub votes: Vec<MemberVote>,
    /// Whether the reader filed it.
    pub mine: bool,
    /// Whether the reader is a member and may vote on it now.
    pub may_vote: bool,
}

#[derive(Debug, Clone)]
pub struct MemberVote {
    pub member_id: i64,
    pub member: String,
    pub uphold: bool,
    pub reason: String,
    pub at: DateTime<Utc>,
}

fn not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "appeal-not-found").arg("id", id)
}

fn filing_error(err: FilingRefusal) -> AppError {
    match err {
        FilingRefusal::NoCommission => AppError::new(StatusCode::CONFLICT, "appeal-no-commission"),
        FilingRefusal::WrongSubject => AppError::invalid("appeal-subject-invalid", "subject"),
        FilingRefusal::NotAuthor => AppError::new(StatusCode::FORBIDDEN, "appeal-author-only"),
        FilingRefusal::NothingToAppeal => {
            AppError::new(StatusCode::CONFLICT, "appeal-nothing-to-appeal")
        }
        FilingRefusal::WindowClosed(until) => {
            AppError::new(StatusCode::CONFLICT, "appeal-window-closed")
                .arg("until", until.format("%Y-%m-%d %H:%M UTC").to_string())
        }
    }
}

/// The stored codes of an appeal, as the domain's values.
fn codes(a: &appeal::Model) -> AppResult<(Kind, Subject, Status)> {
    match (
        Kind::from_code(&a.kind),
        Subject::from_code(&a.subject),
        Status::from_code(&a.status),
    ) {
        (Some(kind), Some(subject), Some(status)) => Ok((kind, subject, status)),
        _ => Err(AppError::internal(anyhow::anyhow!(
            "appeal {} has unknown codes {}/{}/{}",
            a.id,
            a.kind,
            a.subject,
            a.status
        ))),
    }
}

fn text(value: &str, field: &'static str, max: usize) -> AppResult<String> {
    profile::text(value, max)
        .map_err(|_| AppError::invalid("field-too-long", field).arg("max", max))?
        .ok_or_else(|| AppError::invalid("field-required", field))
}

/// When the decision an author appeals was taken, if there is one to appeal.
async fn decided_at(
    state: &AppState,
    project: &entities::project::Model,
    subject: Subject,
) -> AppResult<Option<DateTime<Utc>>> {
    Ok(match subject {
        Subject::Rejection => (to_domain(project.status) == ProjectStatus::Rejected)
            .then_some(project.status_changed_at),
        Subject::ExpertConclusion => expert_decision_at(state, project).await?,
        Subject::Stage(_) => None,
    })
}

/// Files an appeal (the project's author) or a complaint (any signed-in resident). The
/// commission's members are told by e-mail.
pub async fn file(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    filing: Filing,
) -> AppResult<AppealView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let kind = Kind::from_code(&filing.kind)
        .ok_or_else(|| AppError::invalid("appeal-kind-invalid", "kind"))?;
    let subject = Subject::from_code(&filing.subject)
        .ok_or_else(|| AppError::invalid("appeal-subject-invalid", "subject"))?;
    let body = text(&filing.body, "body", BODY_MAX)?;
    let members = super::elections::members(state, &city).await?;
    let project = match filing.project_id {
        Some(id) => Some(super::projects::find_visible(state, Some(actor), city.id, id).await?),
        None => None,
    };
    let session_id = match (&project, filing.session_id) {
        (Some(p), _) => p.budget_session_id,
        (None, Some(id)) => {
            store::budget_sessions::find_in_city(&state.db, city.id, id)
                .await?
                .ok_or_else(|| {
                    AppError::new(StatusCode::NOT_FOUND, "session-not-found").arg("id", id)
                })?
                .id
        }
        (None, None) => return Err(AppError::invalid("field-required", "project_id")),
    };
    match kind {
        Kind::Appeal => {
            let project = project
                .as_ref()
                .ok_or_else(|| AppError::invalid("field-required", "project_id"))?;
            let decided_at = if subject.fits(Kind::Appeal) {
                decided_at(state, project, subject).await?
            } else {
                None
            };
            rules::may_appeal(&rules::AppealFacts {
                members: members.len(),
                subject,
                is_author: project.author_id == actor.user_id,
                decided_at,
                appeal_days: store::budget_sessions::find_in_city(&state.db, city.id, session_id)
                    .await?
                    .map(|s| s.appeal_days)
                    .unwrap_or_default(),
                now: state.clock.now(),
            })
            .map_err(filing_error)?;
        }
        Kind::Complaint => rules::may_complain(members.len(), subject).map_err(filing_error)?,
    }
    if store::appeals::pending_of(&state.db, city.id, actor.user_id).await? >= PENDING_MAX {
        return Err(
            AppError::new(StatusCode::TOO_MANY_REQUESTS, "appeal-too-many").arg("max", PENDING_MAX),
        );
    }
    let member_users = store::users::find_many(&state.db, &members).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let filed = store::appeals::insert(
        &txn,
        store::appeals::NewAppeal {
            city_id: city.id,
            session_id,
            project_id: project.as_ref().map(|p| p.id),
            kind: kind.code(),
            subject: subject.code(),
            filer_id: actor.user_id,
            body,
        },
        now,
    )
    .await
    .map_err(|err| {
        if store::is_unique_violation(&err) {
            AppError::new(StatusCode::CONFLICT, "appeal-exists")
        } else {
            err.into()
        }
    })?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "appeal.filed",
        format!("appeal:{}", filed.id),
        json!({ "kind": kind.code(), "subject": subject.code(), "project": filed.project_id }),
    )
    .await?;
    let title = project
        .as_ref()
        .map(|p| p.title.clone())
        .unwrap_or_default();
    for member in &member_users {
        super::tell(state, &txn, member, "appeal-filed", city.id, |lang| {
            vec![
                ("kind", said(state, lang, "appeal-kind", kind.code())),
                ("id", filed.id.to_string()),
                ("title", title.clone()),
                ("url", url(state, &city, filed.id)),
            ]
        })
        .await?;
    }
    txn.commit().await?;
    get(state, Some(actor), slug, filed.id).await
}

/// A label of `kind` for `code` in `lang`.
fn said(state: &AppState, lang: Lang, kind: &str, code: &str) -> String {
    state.localizer.get(lang, &label(kind, code), &[])
}

fn url(state: &AppState, city: &city::Model, id: i64) -> String {
    format!(
        "{}/cities/{}/appeals/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug,
        id
    )
}

/// The views of `rows`, with their votes, member names and project titles (three queries).
async fn views(
    state: &AppState,
    city: &city::Model,
    rows: Vec<appeal::Model>,
    reader: Option<&Actor>,
) -> AppResult<Vec<AppealView>> {
    let members = super::elections::members(state, city).await?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let votes = store::appeals::votes(&state.db, &ids).await?;
    let voter_ids: Vec<i64> = votes.iter().map(|v| v.member_id).collect();
    let names: HashMap<i64, String> = store::users::find_many(&state.db, &voter_ids)
        .await?
        .iter()
        .map(|u| (u.id, super::projects::public_name(u)))
        .collect();
    let project_ids: Vec<i64> = rows.iter().filter_map(|a| a.project_id).collect();
    // A project's title while the public may see the project (not once it is withdrawn), and
    // its author, who may not vote on it.
    let projects: HashMap<i64, (Option<String>, i64)> =
        store::projects::find_many(&state.db, &project_ids)
            .await?
            .into_iter()
            .map(|p| {
                let title = to_domain(p.status).is_public().then_some(p.title);
                (p.id, (title, p.author_id))
            })
            .collect();
    let mut by_appeal: HashMap<i64, Vec<MemberVote>> = HashMap::new();
    for v in votes {
        by_appeal.entry(v.appeal_id).or_default().push(MemberVote {
            member: names.get(&v.member_id).cloned().unwrap_or_default(),
            member_id: v.member_id,
            uphold: v.uphold,
            reason: v.reason,
            at: v.updated_at,
        });
    }
    rows.into_iter()
        .map(|a| {
            let (kind, subject, status) = codes(&a)?;
            let project = a.project_id.and_then(|id| projects.get(&id));
            let party = reader.is_some_and(|r| {
                r.user_id == a.filer_id || project.is_some_and(|(_, author)| *author == r.user_id)
            });
            let is_member = reader.is_some_and(|r| members.contains(&r.user_id));
            Ok(AppealView {
                kind,
                subject,
                status,
                effect: a.effect.as_deref().and_then(Effect::from_code),
                project_title: project.and_then(|(title, _)| title.clone()),
                members: members.len(),
                votes: by_appeal.remove(&a.id).unwrap_or_default(),
                mine: reader.is_some_and(|r| r.user_id == a.filer_id),
                may_vote: is_member && !party && status == Status::Pending,
                appeal: a,
            })
        })
        .collect()
}

/// One appeal or complaint (public).
pub async fn get(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
) -> AppResult<AppealView> {
    let city = super::find_city(state, slug).await?;
    let row = store::appeals::find_in_city(&state.db, city.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    views(state, &city, vec![row], actor)
        .await?
        .pop()
        .ok_or_else(|| not_found(id))
}

/// A page of the city's appeals and complaints (public), newest first.
pub async fn list(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    filter: store::appeals::Filter,
    limit: u64,
    offset: u64,
) -> AppResult<(Vec<AppealView>, u64)> {
    let city = super::find_city(state, slug).await?;
    let (rows, total) = store::appeals::page(&state.db, city.id, &filter, limit, offset).await?;
    Ok((views(state, &city, rows, actor).await?, total))
}

/// A commission member records (or changes) their vote with a reason. The vote that makes a
/// majority decides: the decision, its effect on the project, the e-mail to the filer and the
/// audit entries are written in the same transaction.
pub async fn vote(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    uphold: bool,
    reason: Option<String>,
) -> AppResult<AppealView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let found = store::appeals::find_in_city(&state.db, city.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let members = super::elections::members(state, &city).await?;
    let reason = match reason {
        Some(r) => profile::text(&r, REASON_MAX)
            .map_err(|_| AppError::invalid("field-too-long", "reason").arg("max", REASON_MAX))?,
        None => None,
    };
    let (kind, subject, status) = codes(&found)?;
    // What the decision may need, read before the transaction (SQLite: one connection).
    let project = match found.project_id {
        Some(pid) => store::projects::find_in_city(&state.db, city.id, pid).await?,
        None => None,
    };
    let party = found.filer_id == actor.user_id
        || project
            .as_ref()
            .is_some_and(|p| p.author_id == actor.user_id);
    rules::may_vote(
        status,
        members.contains(&actor.user_id),
        party,
        reason.is_some(),
    )
    .map_err(|err| match err {
        rules::VoteRefusal::NotMember => AppError::new(StatusCode::FORBIDDEN, "commission-only"),
        rules::VoteRefusal::OwnCase => AppError::new(StatusCode::FORBIDDEN, "appeal-own-case"),
        rules::VoteRefusal::Decided => AppError::new(StatusCode::CONFLICT, "appeal-decided"),
        rules::VoteRefusal::ReasonRequired => AppError::invalid("field-required", "reason"),
    })?;
    let reason = reason.unwrap_or_default();
    let period = match &project {
        Some(p) => super::projects::period_of(&super::projects::session_of(state, &city, p).await?),
        None => Period::AfterVoting,
    };
    let filer = store::users::find(&state.db, found.filer_id).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    // The first statement writes: it takes SQLite's lock and PostgreSQL's row lock, so the
    // votes read below include every vote committed before, and two deciding votes at the
    // same moment decide once.
    if !store::appeals::lock_pending(&txn, found.id).await? {
        return Err(AppError::new(StatusCode::CONFLICT, "appeal-decided"));
    }
    store::appeals::record_vote(&txn, found.id, actor.user_id, uphold, reason.clone(), now).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "appeal.vote",
        format!("appeal:{}", found.id),
        json!({ "uphold": uphold, "reason": reason }),
    )
    .await?;
    let votes: Vec<_> = store::appeals::votes(&txn, &[found.id])
        .await?
        .into_iter()
        .filter(|v| members.contains(&v.member_id))
        .collect();
    let upholds = votes.iter().filter(|v| v.uphold).count();
    let outcome = rules::outcome(members.len(), upholds, votes.len() - upholds);
    if outcome != Status::Pending {
        // The project as it is now, inside the transaction.
        let current = match found.project_id {
            Some(pid) => store::projects::find_in_city(&txn, city.id, pid).await?,
            None => None,
        };
        let effect = rules::effect(
            kind,
            subject,
            outcome,
            current.as_ref().map(|p| to_domain(p.status)),
            period,
        );
        store::appeals::decide(&txn, found.id, outcome.code(), effect.code(), now).await?;
        match (effect, &current) {
            (Effect::Reinstated, Some(p)) => {
                // The commission's word stands over a negative expert conclusion too.
                overturn_conclusions(&txn, p.id).await?;
                let comment = state.localizer.get(
                    Lang::Uk,
                    "appeal-reinstated-comment",
                    &[("id", found.id.to_string())],
                );
                super::projects::record_transition(
                    state,
                    &txn,
                    &city,
                    p,
                    actor,
                    crate::domain::project::Who::Other,
                    (ProjectStatus::Rejected, ProjectStatus::Admitted),
                    Some(comment),
                )
                .await?;
            }
            (Effect::ConclusionOverturned, Some(p)) => {
                overturn_conclusions(&txn, p.id).await?;
            }
            _ => {}
        }
        super::audit(
            &txn,
            state,
            Some(city.id),
            Some(actor),
            "appeal.decided",
            format!("appeal:{}", found.id),
            json!({ "status": outcome.code(), "effect": effect.code(), "upholds": upholds, "votes": votes.len(), "members": members.len() }),
        )
        .await?;
        if let Some(filer) = &filer {
            super::tell(state, &txn, filer, "appeal-decided", city.id, |lang| {
                vec![
                    ("kind", said(state, lang, "appeal-kind", kind.code())),
                    ("id", found.id.to_string()),
                    ("status", said(state, lang, "appeal-status", outcome.code())),
                    ("effect", said(state, lang, "appeal-effect", effect.code())),
                    ("url", url(state, &city, found.id)),
                ]
            })
            .await?;
        }
    }
    txn.commit().await?;
    get(state, Some(actor), slug, id).await
}

/// When the expert conclusion the author may appeal was given: the latest one, if it keeps
/// the project from the vote (not feasible, not yet overturned).
async fn expert_decision_at(
    state: &AppState,
    project: &entities::project::Model,
) -> AppResult<Option<DateTime<Utc>>> {
    let latest = store::expertise::conclusions(&state.db, project.id)
        .await?
        .into_iter()
        .max_by_key(|c| c.round);
    Ok(latest
        .filter(|c| !c.feasible && !c.overturned)
        .map(|c| c.created_at))
}

async fn overturn_conclusions<C: sea_orm::ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> AppResult<()> {
    store::expertise::overturn(db, project_id).await?;
    Ok(())
}

//! Supporter teams: residents apply to join a project's team, its author decides. The rules are
//! the domain's (`domain::supporters`); here are the transactions (status, history row and the
//! e-mail together), the database's guarantee of one open application per resident and
//! project, and what each person is shown.

use std::collections::HashMap;

use entities::{project, supporter_application as application, supporter_history, user};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;

use super::projects::find_visible;
use crate::domain::access::{Actor, CityRole};
use crate::domain::supporters::{self as rules, ApplyError, DecisionError, Status, View, Who};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, label};
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;

pub const COMMENT_MAX: usize = 2_000;

/// An application with its applicant.
#[derive(Debug, Clone)]
pub struct Member {
    pub application: application::Model,
    pub status: Status,
    pub applicant: user::Model,
    pub has_photo: bool,
}

/// A project's team as one person sees it.
#[derive(Debug, Clone)]
pub struct Team {
    pub view: View,
    pub members: Vec<Member>,
    /// The caller's own latest application, whatever its status.
    pub mine: Option<application::Model>,
}

/// A supporter's full name as the project page shows it: last name, first name, patronymic.
pub fn full_name(u: &user::Model) -> String {
    [
        Some(&u.last_name),
        Some(&u.first_name),
        u.patronymic.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|part| part.trim())
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

fn who(
    actor: Option<&Actor>,
    city_id: i64,
    project: &project::Model,
    applicant: Option<i64>,
) -> Who {
    match actor {
        None => Who::Other,
        Some(a) if a.user_id == project.author_id => Who::Author,
        Some(a)
            if a.platform_admin
                || a.has(city_id, CityRole::Admin)
                || a.has(city_id, CityRole::Moderator) =>
        {
            Who::Staff
        }
        Some(a) if Some(a.user_id) == applicant => Who::Applicant,
        Some(_) => Who::Other,
    }
}

fn optional_comment(comment: Option<String>) -> AppResult<Option<String>> {
    match comment {
        None => Ok(None),
        Some(c) => crate::domain::profile::text(&c, COMMENT_MAX)
            .map_err(|_| AppError::invalid("field-too-long", "comment").arg("max", COMMENT_MAX)),
    }
}

fn apply_error(err: ApplyError) -> AppError {
    match err {
        ApplyError::OwnProject => AppError::new(StatusCode::FORBIDDEN, "supporter-own-project"),
        ApplyError::NoTeam => AppError::new(StatusCode::CONFLICT, "supporter-not-admitted"),
        ApplyError::AlreadySupporter => AppError::new(StatusCode::CONFLICT, "supporter-already"),
        ApplyError::AlreadyPending => AppError::new(StatusCode::CONFLICT, "supporter-pending"),
    }
}

fn decision_error(err: DecisionError) -> AppError {
    match err {
        DecisionError::Forbidden => AppError::new(StatusCode::FORBIDDEN, "forbidden"),
        DecisionError::NoTeam => AppError::new(StatusCode::CONFLICT, "supporter-not-admitted"),
        DecisionError::WrongStatus(from) => {
            AppError::new(StatusCode::CONFLICT, "supporter-transition-invalid")
                .arg_label("status", label("supporter-status", from.code()))
        }
        DecisionError::CommentRequired => AppError::invalid("comment-required", "comment"),
    }
}

fn status_of(a: &application::Model) -> AppResult<Status> {
    Status::from_code(&a.status)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown status {}", a.status)))
}

fn not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "supporter-not-found").arg("id", id)
}

fn project_url(state: &AppState, slug: &str, project_id: i64) -> String {
    format!(
        "{}/cities/{slug}/projects/{project_id}",
        state.settings.server.public_url.trim_end_matches('/')
    )
}

/// A resident applies to join the team of a project that passed moderation.
pub async fn apply(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    comment: Option<String>,
) -> AppResult<application::Model> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, project_id).await?;
    let comment = optional_comment(comment)?;
    let open = store::supporters::open_of(&state.db, project.id, actor.user_id).await?;
    let open = open.as_ref().map(status_of).transpose()?;
    rules::may_apply(
        to_domain(project.status),
        actor.user_id == project.author_id,
        open,
    )
    .map_err(apply_error)?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    // Two requests at once both pass the check above; the unique index lets one in.
    let made = store::supporters::insert(&txn, project.id, actor.user_id, comment.clone(), now)
        .await
        .map_err(AppError::on_unique("supporter-pending", None))?;
    store::supporters::add_history(
        &txn,
        store::supporters::Step {
            application_id: made.id,
            actor_id: actor.user_id,
            from: None,
            to: Status::Pending,
            comment: comment.clone(),
        },
        now,
    )
    .await?;
    let author = store::users::find(&txn, project.author_id).await?;
    let applicant = store::users::find(&txn, actor.user_id).await?;
    if let (Some(author), Some(applicant)) = (author, applicant)
        && let Some(email) = &author.email
    {
        mail::enqueue(
            &txn,
            &state.localizer,
            Mail {
                to: email,
                lang: Lang::negotiate(Some(&author.lang)),
                template: "supporter-applied",
                args: vec![
                    ("title", project.title.clone()),
                    ("name", full_name(&applicant)),
                    ("comment", comment.unwrap_or_default()),
                    ("url", project_url(state, slug, project.id)),
                ],
                city_id: Some(city.id),
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(made)
}

/// The author accepts or rejects an application, or removes an accepted supporter. The
/// applicant is told by e-mail, with the author's comment.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    id: i64,
    to: Status,
    comment: Option<String>,
) -> AppResult<application::Model> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, project_id).await?;
    let comment = optional_comment(comment)?;
    let found = store::supporters::find(&state.db, project.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let from = status_of(&found)?;
    let who = who(Some(actor), city.id, &project, Some(found.user_id));
    rules::decide(from, to, who, to_domain(project.status), comment.is_some())
        .map_err(decision_error)?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    if !store::supporters::set_status(&txn, id, from, to, comment.clone(), now).await? {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "supporter-status-changed",
        ));
    }
    store::supporters::add_history(
        &txn,
        store::supporters::Step {
            application_id: id,
            actor_id: actor.user_id,
            from: Some(from),
            to,
            comment: comment.clone(),
        },
        now,
    )
    .await?;
    if let Some(applicant) = store::users::find(&txn, found.user_id).await?
        && let Some(email) = &applicant.email
    {
        let lang = Lang::negotiate(Some(&applicant.lang));
        let status = state
            .localizer
            .get(lang, &label("supporter-status", to.code()), &[]);
        mail::enqueue(
            &txn,
            &state.localizer,
            Mail {
                to: email,
                lang,
                template: "supporter-status",
                args: vec![
                    ("title", project.title.clone()),
                    ("status", status),
                    ("comment", comment.unwrap_or_default()),
                    ("url", project_url(state, slug, project.id)),
                ],
                city_id: Some(city.id),
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    store::supporters::find(&state.db, project.id, id)
        .await?
        .ok_or_else(|| not_found(id))
}

/// The project's team as the caller may see it: everything for its author and the city's
/// staff, the accepted supporters for everyone else.
pub async fn team(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
) -> AppResult<Team> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, actor, city.id, project_id).await?;
    let view = rules::view(who(actor, city.id, &project, None));
    let statuses: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| rules::public(*s))
        .collect();
    let applications = store::supporters::of_project(
        &state.db,
        project.id,
        (!view.all).then_some(statuses.as_slice()),
    )
    .await?;
    let mut ids: Vec<i64> = applications.iter().map(|a| a.user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let users: HashMap<i64, user::Model> = store::users::find_many(&state.db, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let with_photo = store::users::with_photo(&state.db, &ids).await?;
    let mut members = vec![];
    for application in applications {
        let Some(applicant) = users.get(&application.user_id).cloned() else {
            continue;
        };
        members.push(Member {
            status: status_of(&application)?,
            has_photo: with_photo.contains(&applicant.id),
            applicant,
            application,
        });
    }
    let mine = match actor {
        Some(a) => store::supporters::latest_of(&state.db, project.id, a.user_id).await?,
        None => None,
    };
    Ok(Team {
        view,
        members,
        mine,
    })
}

/// An application's history, for the project's author and the city's staff.
pub async fn history(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    id: i64,
) -> AppResult<Vec<supporter_history::Model>> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, project_id).await?;
    let found = store::supporters::find(&state.db, project.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if !rules::view(who(Some(actor), city.id, &project, None)).history {
        return Err(AppError::new(StatusCode::FORBIDDEN, "forbidden"));
    }
    Ok(store::supporters::history(&state.db, found.id).await?)
}

/// The photo of an accepted supporter, shown on the project's page.
pub async fn photo(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    id: i64,
) -> AppResult<(String, Vec<u8>)> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, actor, city.id, project_id).await?;
    let found = store::supporters::find(&state.db, project.id, id)
        .await?
        .filter(|a| {
            Status::from_code(&a.status).is_some_and(rules::public)
                || rules::view(who(actor, city.id, &project, None)).all
        })
        .ok_or_else(|| not_found(id))?;
    let photo = store::users::photo(&state.db, found.user_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "photo-not-found"))?;
    Ok((photo.content_type, photo.bytes))
}

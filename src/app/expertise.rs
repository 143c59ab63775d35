//! Expert review («експертиза»): the admin assigns categories to the city's experts; an expert
//! concludes on the projects of those categories (possibly correcting the cost); the author may
//! revise once in answer; the moderators' admission waits for a conclusion that does not block.
//! The rules are `domain::expertise`'s; here are the permissions and the transactions (the
//! conclusion, the new cost lines, the history row, the audit entry and the e-mail together).

use entities::project::{self, ProjectStatus};
use entities::{expert_category, expert_conclusion, expert_revision, user};
use poem::http::StatusCode;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;

use super::catalog::{Page, page_bounds};
use super::estimates::{LineInput, price};
use super::projects::{DESCRIPTION_MAX, find_visible, period_of, session_of};
use super::sessions::SessionView;
use crate::domain::Money;
use crate::domain::access::{Action, Actor, CityRole};
use crate::domain::estimate::Estimate;
use crate::domain::expertise::{
    self as rules, ConcludeError, ContentError, GateError, Given, ReviseError, Round, State,
};
use crate::domain::profile;
use crate::domain::project::Period;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::store;
use crate::store::projects::HistoryEntry;

fn given(c: &expert_conclusion::Model) -> Given {
    Given {
        feasible: c.feasible,
        cost_corrected: c.cost_after_minor.is_some(),
        overturned: c.overturned,
    }
}

/// A project's expert review as stored.
#[derive(Debug, Clone)]
pub struct Review {
    /// The session's `expert_review` flag.
    pub review_on: bool,
    pub state: State,
    /// Round 1 first.
    pub conclusions: Vec<expert_conclusion::Model>,
    pub revision: Option<expert_revision::Model>,
}

async fn review_of<C: ConnectionTrait>(
    db: &C,
    review_on: bool,
    project_id: i64,
) -> AppResult<Review> {
    let conclusions = store::expertise::conclusions(db, project_id).await?;
    let revision = store::expertise::revision(db, project_id).await?;
    let round = |r: Round| {
        conclusions
            .iter()
            .find(|c| c.round == r.number())
            .map(given)
    };
    let state = State::of(
        round(Round::First),
        revision.is_some(),
        round(Round::Second),
    );
    Ok(Review {
        review_on,
        state,
        conclusions,
        revision,
    })
}

/// Under review: under moderation while the session's submission, endorsement or review stage
/// lasts (while moderation does).
fn in_review(project: &project::Model, view: &SessionView) -> bool {
    project.status == ProjectStatus::OnModeration
        && matches!(
            period_of(view),
            Period::Submission | Period::Endorsement | Period::Review
        )
}

/// The admission gate, for `projects::change_status` before it admits a project.
pub(super) async fn admission_gate(
    state: &AppState,
    view: &SessionView,
    project: &project::Model,
) -> AppResult<()> {
    if !view.session.expert_review {
        return Ok(());
    }
    let review = review_of(&state.db, true, project.id).await?;
    rules::admission(true, review.state).map_err(|e| match e {
        GateError::Missing => AppError::new(StatusCode::CONFLICT, "expert-conclusion-missing"),
        GateError::Negative => AppError::new(StatusCode::CONFLICT, "expert-conclusion-negative"),
    })
}

fn conclude_error(err: ConcludeError) -> AppError {
    match err {
        ConcludeError::ReviewOff => AppError::new(StatusCode::CONFLICT, "expertise-off"),
        ConcludeError::NotYourCategory => {
            AppError::new(StatusCode::FORBIDDEN, "expert-category-not-assigned")
        }
        ConcludeError::OwnProject => AppError::new(StatusCode::FORBIDDEN, "expert-own-project"),
        ConcludeError::NotInReview => {
            AppError::new(StatusCode::CONFLICT, "expertise-not-in-review")
        }
        ConcludeError::AlreadyConcluded => {
            AppError::new(StatusCode::CONFLICT, "expert-conclusion-exists")
        }
        ConcludeError::AlreadyFinal => {
            AppError::new(StatusCode::CONFLICT, "expert-conclusion-final")
        }
    }
}

fn revise_error(err: ReviseError) -> AppError {
    match err {
        ReviseError::ReviewOff => AppError::new(StatusCode::CONFLICT, "expertise-off"),
        ReviseError::NotAuthor => AppError::forbidden(),
        ReviseError::NotInReview => AppError::new(StatusCode::CONFLICT, "expertise-not-in-review"),
        ReviseError::NoConclusion => AppError::new(StatusCode::CONFLICT, "expert-revision-early"),
        ReviseError::NothingToAnswer => {
            AppError::new(StatusCode::CONFLICT, "expert-revision-not-needed")
        }
        ReviseError::AlreadyRevised => AppError::new(StatusCode::CONFLICT, "expert-revision-used"),
    }
}

fn content_error(err: ContentError) -> AppError {
    match err {
        ContentError::ReasonsRequired => AppError::invalid("expert-reasons-required", "reasons"),
        ContentError::ReasonsTooLong { max } => {
            AppError::invalid("expert-reasons-too-long", "reasons").arg("max", max)
        }
        ContentError::OverLimit => AppError::invalid("expert-cost-over-limit", "items"),
    }
}

/// The pot's maximum project cost.
fn pot_max(view: &SessionView, project: &project::Model) -> Money {
    view.pots
        .iter()
        .find(|p| Some(p.id) == project.pot_id)
        .map(|p| Money::from_minor_units(p.max_project_cost_minor))
        .unwrap_or(Money::from_minor_units(i64::MAX))
}

/// The project page's link.
fn project_url(state: &AppState, city: &entities::city::Model, project_id: i64) -> String {
    format!(
        "{}/cities/{}/projects/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug,
        project_id
    )
}

/// The expert's conclusion as sent.
#[derive(Debug, Clone)]
pub struct ConclusionInput {
    pub feasible: bool,
    pub reasons: Option<String>,
    /// Corrected cost lines replacing the project's; `None` leaves the cost as it is.
    pub items: Option<Vec<LineInput>>,
}

/// An expert concludes on a project of their categories: round 1, or round 2 after the
/// author's revision (final). Corrected cost lines replace the project's, priced with the
/// session's cost reserve; the history, the audit log and the author's e-mail record it.
pub async fn conclude(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    input: ConclusionInput,
) -> AppResult<expert_conclusion::Model> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ReviewProjects).await?;
    let project = find_visible(state, Some(actor), city.id, id).await?;
    let view = session_of(state, &city, &project).await?;
    let categories = store::expertise::categories_of(&state.db, city.id, actor.user_id).await?;
    let review = review_of(&state.db, view.session.expert_review, project.id).await?;
    rules::not_own(project.author_id == actor.user_id).map_err(conclude_error)?;
    let round = rules::next_round(
        review.state,
        review.review_on,
        categories.contains(&project.category_id),
        in_review(&project, &view),
    )
    .map_err(conclude_error)?;
    let estimate = match input.items {
        Some(items) => Some(price(items, view.reserve()?)?),
        None => None,
    };
    let reasons = rules::check_content(
        input.feasible,
        input.reasons.as_deref(),
        estimate.as_ref().map(|e| e.total),
        pot_max(&view, &project),
    )
    .map_err(content_error)?;
    let author = store::users::find(&state.db, project.author_id).await?;
    let now = state.clock.now();
    let cost = estimate
        .as_ref()
        .map(|e| (project.cost_minor, e.total.minor_units()));
    let txn = state.db.begin().await?;
    let conclusion = store::expertise::insert_conclusion(
        &txn,
        store::expertise::NewConclusion {
            project_id: project.id,
            expert_id: actor.user_id,
            round: round.number(),
            feasible: input.feasible,
            reasons,
            cost,
        },
        now,
    )
    .await
    .map_err(AppError::on_unique("expert-conclusion-exists", None))?;
    let verdict = if input.feasible {
        "feasible"
    } else {
        "not-feasible"
    };
    let mut comment = state.localizer.get(
        Lang::Uk,
        &format!("expertise-history-{verdict}"),
        &[("round", round.number().to_string())],
    );
    if let Some(estimate) = &estimate {
        replace_cost(state, &txn, &project, estimate, None).await?;
        comment.push_str(&format!(
            " {}",
            state.localizer.get(
                Lang::Uk,
                "expertise-history-cost",
                &[
                    (
                        "before",
                        Money::from_minor_units(project.cost_minor).to_string()
                    ),
                    ("after", estimate.total.to_string()),
                ],
            )
        ));
    }
    store::projects::add_history(
        &txn,
        HistoryEntry {
            project_id: project.id,
            actor_id: Some(actor.user_id),
            from: Some(store::projects::to_domain(project.status)),
            to: store::projects::to_domain(project.status),
            comment: Some(comment),
        },
        now,
    )
    .await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "expertise.conclusion",
        format!("project:{}", project.id),
        json!({
            "after": {
                "conclusion_id": conclusion.id,
                "round": round.number(),
                "feasible": input.feasible,
                "cost_before": cost.map(|c| Money::from_minor_units(c.0).to_string()),
                "cost_after": cost.map(|c| Money::from_minor_units(c.1).to_string()),
            }
        }),
    )
    .await?;
    if let Some(author) = &author
        && let Some(email) = &author.email
    {
        let lang = Lang::negotiate(Some(&author.lang));
        let verdict_text = state
            .localizer
            .get(lang, &format!("expertise-verdict-{verdict}"), &[]);
        mail::enqueue(
            &txn,
            &state.localizer,
            Mail {
                to: email,
                lang,
                template: "expert-conclusion",
                args: vec![
                    ("title", project.title.clone()),
                    ("round", round.number().to_string()),
                    ("verdict", verdict_text),
                    ("reasons", conclusion.reasons.clone().unwrap_or_default()),
                    ("url", project_url(state, &city, project.id)),
                ],
                city_id: Some(city.id),
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(conclusion)
}

/// Writes a new estimate (and description) of a project still under moderation.
async fn replace_cost(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    project: &project::Model,
    estimate: &Estimate,
    description: Option<String>,
) -> AppResult<()> {
    let description = description.map(|d| {
        let search = format!("{} {}", project.title, d).to_lowercase();
        (d, search)
    });
    let written = store::expertise::set_cost(
        txn,
        project.id,
        ProjectStatus::OnModeration,
        estimate,
        description,
        state.clock.now(),
    )
    .await?;
    if !written {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "project-status-changed",
        ));
    }
    store::projects::replace_cost_lines(txn, project.id, estimate).await?;
    Ok(())
}

/// The author's one revision in answer to the round-1 conclusion.
#[derive(Debug, Clone)]
pub struct RevisionInput {
    pub description: String,
    pub items: Vec<LineInput>,
}

/// The author revises the project's description and estimate once, in answer to a round-1
/// conclusion that found it not feasible or corrected its cost; the category's experts are
/// told by e-mail, in the same transaction.
pub async fn revise(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    input: RevisionInput,
) -> AppResult<expert_revision::Model> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, id).await?;
    let view = session_of(state, &city, &project).await?;
    let review = review_of(&state.db, view.session.expert_review, project.id).await?;
    rules::may_revise(
        review.state,
        review.review_on,
        actor.user_id == project.author_id,
        in_review(&project, &view),
    )
    .map_err(revise_error)?;
    let description = profile::text(&input.description, DESCRIPTION_MAX)
        .map_err(|_| {
            AppError::invalid("field-too-long", "description").arg("max", DESCRIPTION_MAX)
        })?
        .ok_or_else(|| AppError::invalid("field-required", "description"))?;
    let estimate = price(input.items, view.reserve()?)?;
    let max = pot_max(&view, &project);
    if estimate.total > max {
        let over = estimate.total.checked_sub(max).map_err(AppError::from)?;
        return Err(
            AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "project-over-limit")
                .arg("max", max)
                .arg("total", estimate.total)
                .arg("over", over)
                .at_field("items"),
        );
    }
    let experts =
        store::expertise::experts_of_category(&state.db, city.id, project.category_id).await?;
    let now = state.clock.now();
    let cost = (project.cost_minor, estimate.total.minor_units());
    let txn = state.db.begin().await?;
    let revision = store::expertise::insert_revision(&txn, project.id, actor.user_id, cost, now)
        .await
        .map_err(AppError::on_unique("expert-revision-used", None))?;
    replace_cost(state, &txn, &project, &estimate, Some(description)).await?;
    store::projects::add_history(
        &txn,
        HistoryEntry {
            project_id: project.id,
            actor_id: Some(actor.user_id),
            from: Some(store::projects::to_domain(project.status)),
            to: store::projects::to_domain(project.status),
            comment: Some(state.localizer.get(
                Lang::Uk,
                "expertise-history-revised",
                &[
                    ("before", Money::from_minor_units(cost.0).to_string()),
                    ("after", estimate.total.to_string()),
                ],
            )),
        },
        now,
    )
    .await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "expertise.revision",
        format!("project:{}", project.id),
        json!({
            "before": { "cost": Money::from_minor_units(cost.0).to_string() },
            "after": { "cost": estimate.total.to_string(), "revision_id": revision.id },
        }),
    )
    .await?;
    for expert in &experts {
        notify_expert(state, &txn, &city, &project, expert).await?;
    }
    txn.commit().await?;
    Ok(revision)
}

async fn notify_expert(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    city: &entities::city::Model,
    project: &project::Model,
    expert: &user::Model,
) -> AppResult<()> {
    let Some(email) = &expert.email else {
        return Ok(());
    };
    let lang = Lang::negotiate(Some(&expert.lang));
    mail::enqueue(
        txn,
        &state.localizer,
        Mail {
            to: email,
            lang,
            template: "expert-revision",
            args: vec![
                ("title", project.title.clone()),
                ("url", project_url(state, city, project.id)),
            ],
            city_id: Some(city.id),
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// A project's review for its page: anyone who may see the project.
pub async fn review(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
) -> AppResult<Review> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, actor, city.id, id).await?;
    let session =
        store::budget_sessions::find_in_city(&state.db, city.id, project.budget_session_id).await?;
    let review_on = session.is_some_and(|s| s.expert_review);
    review_of(&state.db, review_on, project.id).await
}

/// A project in the expert's queue, with the round its conclusion would be.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub project: project::Model,
    pub round: Round,
}

/// The expert's queue and categories.
#[derive(Debug, Clone)]
pub struct Queue {
    pub categories: Vec<i64>,
    pub page: Page<QueueItem>,
}

/// The projects of the expert's categories that await their conclusion, in the city's
/// sessions with expert review on; longest waiting first.
pub async fn queue(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AppResult<Queue> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ReviewProjects).await?;
    let categories = store::expertise::categories_of(&state.db, city.id, actor.user_id).await?;
    let sessions = store::expertise::reviewed_sessions(&state.db, city.id).await?;
    let (limit, offset) = page_bounds(limit, offset);
    let (projects, total) = store::expertise::queue(
        &state.db,
        actor.user_id,
        &sessions,
        &categories,
        limit,
        offset,
    )
    .await?;
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let revised = store::expertise::revised_among(&state.db, &ids).await?;
    let items = projects
        .into_iter()
        .map(|project| QueueItem {
            round: if revised.contains(&project.id) {
                Round::Second
            } else {
                Round::First
            },
            project,
        })
        .collect();
    Ok(Queue {
        categories,
        page: Page {
            items,
            total,
            limit,
            offset,
        },
    })
}

/// Every category assignment of the city's experts (admins, observers, platform admins).
pub async fn assignments(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<Vec<expert_category::Model>> {
    let (city, _) = super::city_for(state, actor, slug, Action::ViewStaff).await?;
    Ok(store::expertise::assignments(&state.db, city.id).await?)
}

/// Assigns a category of the city to a person holding the city's expert role.
pub async fn assign(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    user_id: i64,
    category_id: i64,
) -> AppResult<expert_category::Model> {
    let (city, actor) =
        super::city_for(state, actor, slug, Action::GrantRole(CityRole::Expert)).await?;
    let roles = store::users::roles_of(&state.db, user_id).await?;
    if !roles
        .iter()
        .any(|r| r.city_id == city.id && r.role == entities::city_role::Role::Expert)
    {
        return Err(AppError::new(StatusCode::CONFLICT, "expert-role-missing").at_field("user_id"));
    }
    let categories = store::catalog::categories(&state.db, city.id).await?;
    if !categories.iter().any(|c| c.id == category_id) {
        return Err(AppError::invalid("category-unknown", "category_id"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let assignment = store::expertise::assign(&txn, city.id, user_id, category_id, now)
        .await
        .map_err(AppError::on_unique(
            "expert-category-exists",
            Some("category_id"),
        ))?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "expert.assign",
        format!("user:{user_id}"),
        json!({ "before": null, "after": { "category_id": category_id, "assignment_id": assignment.id } }),
    )
    .await?;
    txn.commit().await?;
    Ok(assignment)
}

/// Takes a category from an expert.
pub async fn unassign(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
) -> AppResult<()> {
    let (city, actor) =
        super::city_for(state, actor, slug, Action::RevokeRole(CityRole::Expert)).await?;
    let assignment = store::expertise::find_assignment(&state.db, id)
        .await?
        .filter(|a| a.city_id == city.id)
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "expert-category-not-found"))?;
    let txn = state.db.begin().await?;
    if !store::expertise::unassign(&txn, assignment.id).await? {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            "expert-category-not-found",
        ));
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "expert.unassign",
        format!("user:{}", assignment.user_id),
        json!({ "before": { "category_id": assignment.category_id, "assignment_id": assignment.id }, "after": null }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

//! Projects: a resident drafts and submits one, moderators review it, everyone browses them.
//! The status machine is the domain's; here are the permissions, the transactions (status,
//! history row and e-mail to the author together) and the catalogue queries.

use chrono::{DateTime, Utc};
use entities::budget_pot::PotScope;
use entities::project::{self, ProjectStatus};
use entities::{project_cost_line, project_file, project_history, user};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use super::estimates::{LineInput, price};
use super::sessions::{SessionView, city_tz};
use crate::domain::Money;
use crate::domain::access::{Action, Actor, CityRole};
use crate::domain::place::{LatLon, district_at};
use crate::domain::profile;
use crate::domain::project::{self as rules, Period, Status, TransitionError, Who};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, label};
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::store;
use crate::store::projects::{Content, Filter, Order, to_domain, to_entity};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const TEXT_MAX: usize = 5_000;
pub const COMMENT_MAX: usize = 5_000;

/// A project's content as the author typed it.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    pub pot_id: i64,
    pub category_id: i64,
    pub district_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub beneficiaries: Option<String>,
    pub implementation_notes: Option<String>,
    pub items: Vec<LineInput>,
}

/// A project with what its page shows.
#[derive(Debug, Clone)]
pub struct ProjectDetail {
    pub project: project::Model,
    pub status: Status,
    pub cost: Money,
    pub author_name: String,
    pub lines: Vec<project_cost_line::Model>,
    pub files: Vec<project_file::Model>,
    pub history: Vec<project_history::Model>,
    /// Its votes, when the session shows them now.
    pub votes: Option<i64>,
    /// Its endorsements, its pot's minimum and whether the caller endorsed it.
    pub endorsements: super::endorsements::Tally,
}

fn not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "project-not-found").arg("id", id)
}

/// Where the session is, for the status machine.
pub fn period_of(view: &SessionView) -> Period {
    Period::of(&view.phase)
}

/// Who the actor is for this project. The author is the author even when also staff: nobody
/// moderates their own project.
pub(super) fn who(actor: &Actor, city_id: i64, project: &project::Model) -> Who {
    if actor.user_id == project.author_id {
        Who::Author
    } else if actor.platform_admin || actor.has(city_id, CityRole::Admin) {
        Who::Admin
    } else if actor.has(city_id, CityRole::Moderator) {
        Who::Moderator
    } else {
        Who::Other
    }
}

/// Whether `actor` may see the project at all.
fn visible(actor: Option<&Actor>, city_id: i64, project: &project::Model) -> bool {
    rules::visible(
        to_domain(project.status),
        actor.map(|a| who(a, city_id, project)),
    )
}

fn optional_text(
    value: Option<String>,
    field: &'static str,
    max: usize,
) -> AppResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => profile::text(&v, max)
            .map_err(|_| AppError::invalid("field-too-long", field).arg("max", max)),
    }
}

fn required_text(value: &str, field: &'static str, max: usize) -> AppResult<String> {
    let text = optional_text(Some(value.to_owned()), field, max)?;
    text.ok_or_else(|| AppError::invalid("field-required", field))
}

/// Checks the author's input against the city's directories and the pot's limit.
async fn check_content(
    state: &AppState,
    city_id: i64,
    view: &SessionView,
    input: ProjectInput,
) -> AppResult<(Content, crate::domain::estimate::Estimate)> {
    let title = required_text(&input.title, "title", TITLE_MAX)?;
    let description = required_text(&input.description, "description", DESCRIPTION_MAX)?;
    let address = optional_text(input.address, "address", 500)?;
    let beneficiaries = optional_text(input.beneficiaries, "beneficiaries", TEXT_MAX)?;
    let implementation_notes =
        optional_text(input.implementation_notes, "implementation_notes", TEXT_MAX)?;
    let pot = view
        .pots
        .iter()
        .find(|p| p.id == input.pot_id)
        .ok_or_else(|| AppError::invalid("pot-unknown", "pot_id"))?;
    let categories = store::catalog::categories(&state.db, city_id).await?;
    if !categories
        .iter()
        .any(|c| c.id == input.category_id && c.active)
    {
        return Err(AppError::invalid("category-unknown", "category_id"));
    }
    let point = match (input.lat, input.lon) {
        (Some(lat), Some(lon)) => {
            Some(LatLon::new(lat, lon).map_err(|_| AppError::invalid("place-invalid", "lat"))?)
        }
        (None, None) => None,
        _ => return Err(AppError::invalid("place-invalid", "lat")),
    };
    let districts = store::catalog::districts(&state.db, city_id).await?;
    let district_id = match input.district_id {
        Some(id) if districts.iter().any(|d| d.id == id) => Some(id),
        Some(_) => return Err(AppError::invalid("district-unknown", "district_id")),
        // Proposed from the map point when the districts have boundaries.
        None => point.and_then(|point| {
            district_at(
                point,
                districts
                    .iter()
                    .filter_map(|d| d.boundary.as_deref().map(|b| (d.id, b))),
            )
        }),
    };
    if pot.scope == PotScope::District && district_id.is_none() {
        return Err(AppError::invalid("district-required", "district_id"));
    }
    let estimate = price(input.items, view.reserve()?)?;
    let max = Money::from_minor_units(pot.max_project_cost_minor);
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
    Ok((
        Content {
            pot_id: Some(pot.id),
            category_id: input.category_id,
            district_id,
            title,
            description,
            address,
            lat: point.map(|p| p.lat),
            lon: point.map(|p| p.lon),
            beneficiaries,
            implementation_notes,
            cost: estimate.total,
            reserve: estimate.reserve,
            reserve_amount: estimate.reserve_amount,
        },
        estimate,
    ))
}

/// The session's required profile fields are filled and the author is old enough.
async fn check_author(
    state: &AppState,
    view: &SessionView,
    tz: chrono_tz::Tz,
    user_id: i64,
    lang: Lang,
) -> AppResult<()> {
    let user =
        super::profile::with_required_fields(state, view, user_id, lang, "profile-incomplete")
            .await?;
    let min_age = view.session.min_author_age;
    let today = state.clock.now().with_timezone(&tz).date_naive();
    if !profile::old_enough(user.birth_date, today, min_age) {
        return Err(AppError::new(StatusCode::FORBIDDEN, "author-too-young").arg("age", min_age));
    }
    Ok(())
}

/// A new draft in the city's current session, which must be in its submission stage.
pub async fn create(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    input: ProjectInput,
    lang: Lang,
) -> AppResult<ProjectDetail> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let view = super::sessions::current(state, slug).await?;
    if period_of(&view) != Period::Submission {
        return Err(AppError::new(StatusCode::CONFLICT, "submission-closed"));
    }
    check_author(state, &view, city_tz(&city), actor.user_id, lang).await?;
    let (content, estimate) = check_content(state, city.id, &view, input).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let project = store::projects::insert(
        &txn,
        store::projects::NewProject {
            budget_session_id: view.session.id,
            author_id: actor.user_id,
            status: ProjectStatus::Draft,
            content,
        },
        now,
    )
    .await?;
    store::projects::replace_cost_lines(&txn, project.id, &estimate).await?;
    store::projects::add_history(
        &txn,
        store::projects::HistoryEntry {
            project_id: project.id,
            actor_id: Some(actor.user_id),
            from: None,
            to: Status::Draft,
            comment: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    detail_of(state, project).await
}

/// The project if `actor` may see it.
pub(super) async fn find_visible(
    state: &AppState,
    actor: Option<&Actor>,
    city_id: i64,
    id: i64,
) -> AppResult<project::Model> {
    store::projects::find_in_city(&state.db, city_id, id)
        .await?
        .filter(|p| visible(actor, city_id, p))
        .ok_or_else(|| not_found(id))
}

/// The project if `actor` is its author and may change it now: a draft during submission, or
/// a project returned for revision while submission or review lasts. With its session.
pub(super) async fn editable(
    state: &AppState,
    actor: &Actor,
    city: &entities::city::Model,
    id: i64,
) -> AppResult<(project::Model, SessionView)> {
    let project = find_visible(state, Some(actor), city.id, id).await?;
    let status = to_domain(project.status);
    let who = who(actor, city.id, &project);
    if !rules::may_edit(status, who) {
        return Err(if who == Who::Author {
            AppError::new(StatusCode::CONFLICT, "project-not-editable").arg("status", status.code())
        } else {
            AppError::new(StatusCode::FORBIDDEN, "forbidden")
        });
    }
    let view = session_of(state, city, &project).await?;
    let period = period_of(&view);
    let open = match status {
        Status::Draft => period == Period::Submission,
        _ => matches!(
            period,
            Period::Submission | Period::Endorsement | Period::Review
        ),
    };
    if !open {
        return Err(AppError::new(StatusCode::CONFLICT, "submission-closed"));
    }
    Ok((project, view))
}

/// The author changes a draft, or a project returned for revision.
pub async fn update(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    input: ProjectInput,
) -> AppResult<ProjectDetail> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let (project, view) = editable(state, actor, &city, id).await?;
    let (content, estimate) = check_content(state, city.id, &view, input).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    if !store::projects::update_content(&txn, project.id, project.status, content, now).await? {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "project-status-changed",
        ));
    }
    store::projects::replace_cost_lines(&txn, project.id, &estimate).await?;
    txn.commit().await?;
    let project = store::projects::find_in_city(&state.db, city.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    detail_of(state, project).await
}

pub(super) async fn session_of(
    state: &AppState,
    city: &entities::city::Model,
    project: &project::Model,
) -> AppResult<SessionView> {
    let session =
        store::budget_sessions::find_in_city(&state.db, city.id, project.budget_session_id)
            .await?
            .ok_or_else(|| not_found(project.id))?;
    super::sessions::load(state, city, session).await
}

fn transition_error(err: TransitionError) -> AppError {
    match err {
        TransitionError::Forbidden => AppError::new(StatusCode::FORBIDDEN, "forbidden"),
        TransitionError::WrongStatus(status) => {
            AppError::new(StatusCode::CONFLICT, "project-transition-invalid")
                .arg_label("status", label("project-status", status.code()))
        }
        TransitionError::WrongPeriod => {
            AppError::new(StatusCode::CONFLICT, "project-period-closed")
        }
        TransitionError::CommentRequired => AppError::invalid("comment-required", "comment"),
        TransitionError::ByResults => AppError::new(StatusCode::CONFLICT, "project-set-by-results"),
    }
}

/// Takes a step of the status machine: the status, its history row and the e-mail to the
/// author are written together or not at all.
pub async fn change_status(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    action: rules::Action,
    comment: Option<String>,
    lang: Lang,
) -> AppResult<ProjectDetail> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, id).await?;
    let comment = optional_text(comment, "comment", COMMENT_MAX)?;
    let view = session_of(state, &city, &project).await?;
    let from = to_domain(project.status);
    let who = who(actor, city.id, &project);
    let to = rules::requested(from, action, who, period_of(&view), comment.is_some())
        .map_err(transition_error)?;
    if matches!(action, rules::Action::Submit | rules::Action::Resubmit) {
        check_author(state, &view, city_tz(&city), actor.user_id, lang).await?;
    }
    // The gates of admission: the pot's minimum of endorsements, then expert review
    // («експертиза»): admitted only on a conclusion that does not block.
    if action == rules::Action::Admit {
        super::endorsements::admission_gate(&view, &project)?;
        super::expertise::admission_gate(state, &view, &project).await?;
    }
    let txn = state.db.begin().await?;
    record_transition(
        state,
        &txn,
        &city,
        &project,
        actor,
        who,
        (from, to),
        comment,
    )
    .await?;
    txn.commit().await?;
    let project = store::projects::find_in_city(&state.db, city.id, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    detail_of(state, project).await
}

/// Writes a step of the status machine in the caller's transaction: the status (if the
/// project is still in `from`), its history row, the e-mail to the author and, for staff, the
/// audit entry. The caller has checked the step with `rules::transition`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn record_transition(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    city: &entities::city::Model,
    project: &project::Model,
    actor: &Actor,
    who: Who,
    (from, to): (Status, Status),
    comment: Option<String>,
) -> AppResult<()> {
    let now = state.clock.now();
    // The first statement writes: SQLite takes its write lock before anything is read.
    let moved = store::projects::set_status(
        txn,
        project.id,
        to_entity(from),
        to_entity(to),
        comment.clone(),
        now,
    )
    .await?;
    if !moved {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "project-status-changed",
        ));
    }
    let author = store::users::find(txn, project.author_id)
        .await?
        .ok_or_else(|| not_found(project.id))?;
    store::projects::add_history(
        txn,
        store::projects::HistoryEntry {
            project_id: project.id,
            actor_id: Some(actor.user_id),
            from: Some(from),
            to,
            comment: comment.clone(),
        },
        now,
    )
    .await?;
    if let Some(email) = &author.email {
        notify_author(
            state,
            txn,
            city,
            project,
            &author,
            email,
            to,
            comment.as_deref(),
        )
        .await?;
    }
    if who != Who::Author {
        super::audit(
            txn,
            state,
            Some(city.id),
            Some(actor),
            "project.status",
            format!("project:{}", project.id),
            json!({ "from": from.code(), "to": to.code(), "comment": comment }),
        )
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn notify_author<C: sea_orm::ConnectionTrait>(
    state: &AppState,
    db: &C,
    city: &entities::city::Model,
    project: &project::Model,
    author: &user::Model,
    email: &str,
    to: Status,
    comment: Option<&str>,
) -> AppResult<()> {
    let lang = Lang::negotiate(Some(&author.lang));
    let status = state
        .localizer
        .get(lang, &label("project-status", to.code()), &[]);
    let url = format!(
        "{}/cities/{}/projects/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug,
        project.id
    );
    mail::enqueue(
        db,
        &state.localizer,
        Mail {
            to: email,
            lang,
            template: "project-status",
            args: vec![
                ("title", project.title.clone()),
                ("status", status),
                ("comment", comment.unwrap_or("").to_owned()),
                ("url", url),
            ],
            city_id: Some(city.id),
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

async fn detail_of(state: &AppState, project: project::Model) -> AppResult<ProjectDetail> {
    let (lines, files, history, author) = tokio::try_join!(
        store::projects::cost_lines(&state.db, project.id),
        store::projects::files(&state.db, project.id),
        store::projects::history(&state.db, project.id),
        store::users::find(&state.db, project.author_id),
    )?;
    let author_name = author.as_ref().map(public_name).unwrap_or_default();
    let shown = super::voting::counts_shown(state, [project.budget_session_id]).await?;
    let votes = shown
        .contains(&project.budget_session_id)
        .then_some(project.vote_count);
    let marks = super::endorsements::marks(state, None, std::slice::from_ref(&project)).await?;
    Ok(ProjectDetail {
        endorsements: marks.of(&project),
        status: to_domain(project.status),
        cost: Money::from_minor_units(project.cost_minor),
        project,
        author_name,
        lines,
        files,
        history,
        votes,
    })
}

/// What the public is told of an author: the name, nothing else.
pub fn public_name(author: &user::Model) -> String {
    format!("{} {}", author.first_name, author.last_name)
        .trim()
        .to_owned()
}

/// One project, if the actor may see it.
pub async fn get(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
) -> AppResult<ProjectDetail> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, actor, city.id, id).await?;
    let mut detail = detail_of(state, project).await?;
    if let Some(actor) = actor {
        let mine = store::endorsements::endorsed_by(&state.db, actor.user_id, &[id]).await?;
        detail.endorsements.endorsed = Some(mine.contains(&id));
    }
    Ok(detail)
}

/// The catalogue's query.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub session_id: Option<i64>,
    pub pot_id: Option<i64>,
    pub category_id: Option<i64>,
    pub district_id: Option<i64>,
    pub statuses: Vec<Status>,
    pub text: Option<String>,
    pub sort: Option<String>,
    pub seed: Option<u32>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct ProjectPage {
    pub items: Vec<project::Model>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
    /// The seed of a random order: send it back for the next page to continue the same order.
    pub seed: Option<u32>,
    /// The sessions whose vote counts are shown now.
    pub counts: std::collections::HashSet<i64>,
    /// The pots' minimums of endorsements and what the caller endorsed.
    pub endorsements: super::endorsements::Marks,
}

fn filter_of(city_id: i64, query: &ListQuery) -> AppResult<Filter> {
    let statuses = query
        .statuses
        .iter()
        .map(|s| {
            if s.is_public() {
                Ok(to_entity(*s))
            } else {
                Err(AppError::invalid("status-unknown", "status"))
            }
        })
        .collect::<AppResult<Vec<_>>>()?;
    let text = query
        .text
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(AppError::invalid("field-too-long", "q").arg("max", 200));
    }
    Ok(Filter {
        city_id,
        session_id: query.session_id,
        pot_id: query.pot_id,
        category_id: query.category_id,
        district_id: query.district_id,
        statuses,
        text,
        updated_since: None,
        after_id: None,
    })
}

/// The public catalogue: filters, a sort, bounded pages. Without a sort the order is a shuffle
/// that stays the same for one seed.
pub async fn list(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    query: ListQuery,
) -> AppResult<ProjectPage> {
    let city = super::find_city(state, slug).await?;
    let filter = filter_of(city.id, &query)?;
    let (order, seed) = match query.sort.as_deref() {
        None | Some("random") => {
            let seed = query.seed.unwrap_or_else(rand::random);
            (Order::Random(seed), Some(seed))
        }
        Some("newest") => (Order::Newest, None),
        Some("cost_asc") => (Order::CostAscending, None),
        Some("cost_desc") => (Order::CostDescending, None),
        Some("votes") => {
            // Only where the counts are shown: a hidden count must not leak through the order.
            let session = query
                .session_id
                .ok_or_else(|| AppError::invalid("sort-votes-session", "session"))?;
            if !super::voting::counts_shown(state, [session])
                .await?
                .contains(&session)
            {
                return Err(AppError::invalid("sort-votes-hidden", "sort"));
            }
            (Order::MostVotes, None)
        }
        Some(_) => return Err(AppError::invalid("sort-unknown", "sort")),
    };
    let (limit, offset) = super::catalog::page_bounds(query.limit, query.offset);
    let (items, total) = store::projects::page(&state.db, &filter, order, limit, offset).await?;
    let counts =
        super::voting::counts_shown(state, items.iter().map(|p| p.budget_session_id)).await?;
    let endorsements = super::endorsements::marks(state, actor, &items).await?;
    Ok(ProjectPage {
        items,
        total,
        limit,
        offset,
        seed,
        counts,
        endorsements,
    })
}

/// Projects with a map point, for the map (at most `MAP_MAX`).
pub const MAP_MAX: u64 = 5_000;

pub async fn map(state: &AppState, slug: &str, query: ListQuery) -> AppResult<Vec<project::Model>> {
    let city = super::find_city(state, slug).await?;
    let filter = filter_of(city.id, &query)?;
    let (items, _) = store::projects::page(&state.db, &filter, Order::Newest, MAP_MAX, 0).await?;
    Ok(items
        .into_iter()
        .filter(|p| p.lat.is_some() && p.lon.is_some())
        .collect())
}

/// The moderation queue (moderators, admins, observers): projects in one status, longest waiting
/// first.
pub async fn queue(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    status: Status,
    query: ListQuery,
) -> AppResult<ProjectPage> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ViewProjectQueue).await?;
    if status == Status::Draft {
        return Err(AppError::invalid("status-unknown", "status"));
    }
    let mut filter = filter_of(
        city.id,
        &ListQuery {
            statuses: vec![],
            ..query.clone()
        },
    )?;
    filter.statuses = vec![to_entity(status)];
    let (limit, offset) = super::catalog::page_bounds(query.limit, query.offset);
    let (items, total) =
        store::projects::page(&state.db, &filter, Order::OldestChange, limit, offset).await?;
    let counts =
        super::voting::counts_shown(state, items.iter().map(|p| p.budget_session_id)).await?;
    let endorsements = super::endorsements::marks(state, Some(actor), &items).await?;
    Ok(ProjectPage {
        items,
        total,
        limit,
        offset,
        seed: None,
        counts,
        endorsements,
    })
}

/// The signed-in resident's own projects in the city, drafts included; the sessions whose vote
/// counts are shown now; the endorsements' marks.
pub async fn mine(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<(
    Vec<project::Model>,
    std::collections::HashSet<i64>,
    super::endorsements::Marks,
)> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let items = store::projects::of_author(&state.db, city.id, actor.user_id).await?;
    let counts =
        super::voting::counts_shown(state, items.iter().map(|p| p.budget_session_id)).await?;
    let endorsements = super::endorsements::marks(state, Some(actor), &items).await?;
    Ok((items, counts, endorsements))
}

/// How long a project has waited in its status.
pub fn waited(project: &project::Model, now: DateTime<Utc>) -> i64 {
    (now - project.status_changed_at).num_seconds().max(0)
}

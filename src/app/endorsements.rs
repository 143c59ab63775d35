//! Endorsements («збір підписів підтримки»): a signed-in resident endorses a published project
//! during the session's endorsement stage, or takes the endorsement back while it lasts. The
//! author hears by e-mail, once, when the project reaches its pot's minimum.
//!
//! Endorsements are residents' own actions, not staff's: they are not audited.

use std::collections::{HashMap, HashSet};

use entities::{city, project};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;

use super::projects::{find_visible, public_name, session_of};
use super::sessions::{SessionView, city_tz};
use crate::domain::access::Actor;
use crate::domain::endorsement::{self as rules, Ask, BelowMinimum, Refusal};
use crate::domain::project::Period;
use crate::domain::timeline::StageKind;
use crate::error::{AppError, AppResult};
use crate::i18n::label;
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;

/// A project's endorsements as its page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub endorsements: i64,
    /// The pot's minimum (0: none required).
    pub minimum: i32,
    /// Whether the signed-in resident has endorsed it (`None`: nobody signed in).
    pub endorsed: Option<bool>,
}

/// What lists need to show endorsements: each pot's minimum and the projects the signed-in
/// resident has endorsed.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub minimums: HashMap<i64, i32>,
    /// `None`: nobody signed in.
    pub mine: Option<HashSet<i64>>,
}

impl Marks {
    /// The tally of one listed project.
    pub fn of(&self, project: &project::Model) -> Tally {
        Tally {
            endorsements: project.endorsement_count,
            minimum: project
                .pot_id
                .and_then(|pot| self.minimums.get(&pot).copied())
                .unwrap_or(0),
            endorsed: self.mine.as_ref().map(|mine| mine.contains(&project.id)),
        }
    }
}

/// The marks for these projects: their pots' minimums and, for a signed-in resident, which
/// of them they endorsed.
pub async fn marks(
    state: &AppState,
    actor: Option<&Actor>,
    projects: &[project::Model],
) -> AppResult<Marks> {
    let mut sessions: Vec<i64> = projects.iter().map(|p| p.budget_session_id).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let mut minimums = HashMap::new();
    for session in sessions {
        for pot in store::budget_sessions::pots(&state.db, session).await? {
            minimums.insert(pot.id, pot.min_endorsements);
        }
    }
    let mine = match actor {
        Some(actor) => {
            let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
            Some(store::endorsements::endorsed_by(&state.db, actor.user_id, &ids).await?)
        }
        None => None,
    };
    Ok(Marks { minimums, mine })
}

/// Whether the session has an endorsement stage.
pub fn has_stage(view: &SessionView) -> bool {
    view.stages
        .iter()
        .any(|(_, dates)| dates.kind == StageKind::Endorsement)
}

/// The minimum of the project's pot (0 when it has none).
pub fn minimum(view: &SessionView, project: &project::Model) -> i32 {
    project
        .pot_id
        .and_then(|pot| view.pots.iter().find(|p| p.id == pot))
        .map_or(0, |pot| pot.min_endorsements)
}

/// The admission gate of the moderators' Admit step: `endorsements-below-minimum` (409, with
/// `have` and `need`) when the session has an endorsement stage and the project has fewer
/// endorsements than its pot requires.
pub fn admission_gate(view: &SessionView, project: &project::Model) -> AppResult<()> {
    rules::may_admit(
        has_stage(view),
        project.endorsement_count,
        minimum(view, project),
    )
    .map_err(|BelowMinimum { have, need }| {
        AppError::new(StatusCode::CONFLICT, "endorsements-below-minimum")
            .arg("have", have)
            .arg("need", need)
    })
}

fn refusal(r: Refusal) -> AppError {
    let status = match r {
        Refusal::OwnProject | Refusal::TooYoung { .. } => StatusCode::FORBIDDEN,
        _ => StatusCode::CONFLICT,
    };
    let err = AppError::new(status, r.code());
    match r {
        Refusal::TooYoung { min } => err.arg("age", min),
        Refusal::NotEndorsable(status) => {
            err.arg_label("status", label("project-status", status.code()))
        }
        _ => err,
    }
}

/// The project and its session, for an endorsement by `actor`.
async fn context(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    project_id: i64,
) -> AppResult<(city::Model, project::Model, SessionView)> {
    let city = super::find_city(state, slug).await?;
    let project = find_visible(state, Some(actor), city.id, project_id).await?;
    let view = session_of(state, &city, &project).await?;
    Ok((city, project, view))
}

async fn tally_after(
    state: &AppState,
    actor: &Actor,
    city: &city::Model,
    project_id: i64,
    minimum: i32,
) -> AppResult<Tally> {
    let project = store::projects::find_in_city(&state.db, city.id, project_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "project-not-found"))?;
    let mine = store::endorsements::endorsed_by(&state.db, actor.user_id, &[project_id]).await?;
    Ok(Tally {
        endorsements: project.endorsement_count,
        minimum,
        endorsed: Some(mine.contains(&project_id)),
    })
}

/// A resident endorses a project. Refusals in the order of [`rules::may_endorse`]; a second
/// endorsement of the same project is `endorsement-exists` (409), however close together the
/// two come: the unique (project, user) index decides. The endorsement that brings the project
/// to its pot's minimum also writes the e-mail to the author, once.
pub async fn endorse(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
) -> AppResult<Tally> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (city, project, view) = context(state, actor, slug, project_id).await?;
    let user = store::users::find(&state.db, actor.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let today = state
        .clock
        .now()
        .with_timezone(&city_tz(&city))
        .date_naive();
    rules::may_endorse(&Ask {
        has_stage: has_stage(&view),
        period: Period::of(&view.phase),
        own: project.author_id == actor.user_id,
        status: to_domain(project.status),
        birth_date: user.birth_date,
        today,
        min_age: view.session.min_voter_age,
    })
    .map_err(refusal)?;
    let minimum = minimum(&view, &project);
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    // The first statement writes: SQLite takes its write lock before anything is read.
    if !store::endorsements::insert(&txn, project.id, actor.user_id, now).await? {
        return Err(AppError::new(StatusCode::CONFLICT, "endorsement-exists"));
    }
    let count = store::endorsements::bump(&txn, project.id, 1).await?;
    if rules::reached(count, minimum)
        && store::endorsements::mark_reached(&txn, project.id, now).await?
    {
        notify_reached(state, &txn, &city, &project, count, minimum).await?;
    }
    txn.commit().await?;
    tally_after(state, actor, &city, project.id, minimum).await
}

/// A resident takes back their endorsement while the endorsement stage lasts.
pub async fn withdraw(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
) -> AppResult<Tally> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (city, project, view) = context(state, actor, slug, project_id).await?;
    rules::may_withdraw(has_stage(&view), Period::of(&view.phase)).map_err(refusal)?;
    let txn = state.db.begin().await?;
    if !store::endorsements::delete(&txn, project.id, actor.user_id).await? {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            "endorsement-not-found",
        ));
    }
    store::endorsements::bump(&txn, project.id, -1).await?;
    txn.commit().await?;
    tally_after(state, actor, &city, project.id, minimum(&view, &project)).await
}

/// The e-mail to the author that the project has its endorsements, in the caller's transaction.
async fn notify_reached(
    state: &AppState,
    txn: &sea_orm::DatabaseTransaction,
    city: &city::Model,
    project: &project::Model,
    count: i64,
    minimum: i32,
) -> AppResult<()> {
    let Some(author) = store::users::find(txn, project.author_id).await? else {
        return Ok(());
    };
    let url = format!(
        "{}/cities/{}/projects/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug,
        project.id
    );
    super::tell(state, txn, &author, "endorsements-reached", city.id, |_| {
        vec![
            ("title", project.title.clone()),
            ("name", public_name(&author)),
            ("count", count.to_string()),
            ("minimum", minimum.to_string()),
            ("url", url.clone()),
        ]
    })
    .await?;
    Ok(())
}

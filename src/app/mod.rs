//! Use cases: one function per action a person takes. Each owns its transaction and its
//! permission check, calls the domain for rules and the store for data.

pub mod accounts;
pub mod appeals;
pub mod auth;
pub mod catalog;
pub mod city;
pub mod content;
pub mod demo;
pub mod elections;
pub mod endorsements;
pub mod estimates;
pub mod expertise;
pub mod geocoding;
pub mod kyiv_id;
pub mod profile;
pub mod project_files;
pub mod projects;
pub mod registry;
pub mod results;
pub mod sessions;
pub mod staff;
pub mod statistics;
pub mod supporters;
pub mod tally;
pub mod voting;

use poem::http::StatusCode;
use sea_orm::ConnectionTrait;

use crate::domain::access::{Action, Actor, authorize};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A city by slug, or the `city-not-found` problem.
pub(crate) async fn find_city(state: &AppState, slug: &str) -> AppResult<entities::city::Model> {
    crate::store::catalog::find_city(&state.db, slug)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "city-not-found").arg("slug", slug))
}

/// The city, once `actor` may take `action` in it. Cities are public, so a signed-in caller may
/// learn that a slug does not exist before being told the action is not theirs.
pub(crate) async fn city_for<'a>(
    state: &AppState,
    actor: Option<&'a Actor>,
    slug: &str,
    action: Action,
) -> AppResult<(entities::city::Model, &'a Actor)> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = find_city(state, slug).await?;
    authorize(Some(actor), action, Some(city.id))?;
    Ok((city, actor))
}

/// Appends a staff action to the audit log, in the caller's transaction.
pub(crate) async fn audit<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    city_id: Option<i64>,
    actor: Option<&Actor>,
    action: &str,
    target: String,
    summary: serde_json::Value,
) -> AppResult<()> {
    crate::store::audit::append(
        db,
        crate::store::audit::NewEntry {
            city_id,
            actor_id: actor.map(|a| a.user_id),
            action: action.into(),
            target,
            summary,
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// E-mails `template` to `user`, if they have an address, in their language (`args` are made
/// in it), in the caller's transaction.
pub(crate) async fn tell<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    user: &entities::user::Model,
    template: &'static str,
    city_id: i64,
    args: impl Fn(crate::i18n::Lang) -> Vec<(&'static str, String)>,
) -> AppResult<()> {
    let Some(email) = &user.email else {
        return Ok(());
    };
    let lang = crate::i18n::Lang::negotiate(Some(&user.lang));
    crate::mail::enqueue(
        db,
        &state.localizer,
        crate::mail::Mail {
            to: email,
            lang,
            template,
            args: args(lang),
            city_id: Some(city_id),
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

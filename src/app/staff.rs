//! Platform and city administration: cities, staff roles, the audit log, the e-mail outbox.
//! Every function checks its permission first and audits every change it makes.

use chrono::{DateTime, Utc};
use entities::city_role::{self, Role};
use entities::outbox::EmailStatus;
use entities::{audit_log, city, outbox, user};
use poem::http::StatusCode;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde_json::json;

use super::auth::parse_login;
use super::catalog::{Page, page_bounds};
use crate::auth::session::role_of;
use crate::domain::access::{Action, Actor, CityRole, authorize};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

fn db_role(role: CityRole) -> Role {
    match role {
        CityRole::Moderator => Role::Moderator,
        CityRole::Admin => Role::Admin,
        CityRole::Observer => Role::Observer,
        CityRole::Expert => Role::Expert,
    }
}

pub fn role_code(role: CityRole) -> &'static str {
    match role {
        CityRole::Moderator => "moderator",
        CityRole::Admin => "admin",
        CityRole::Observer => "observer",
        CityRole::Expert => "expert",
    }
}

pub struct NewCity {
    pub slug: String,
    pub name_uk: String,
    pub name_en: String,
    pub time_zone: Option<String>,
}

pub async fn create_city(
    state: &AppState,
    actor: Option<&Actor>,
    new: NewCity,
) -> AppResult<city::Model> {
    authorize(actor, Action::CreateCity, None)?;
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let slug = crate::domain::content::validate_slug(&new.slug)
        .map_err(|_| AppError::invalid("slug-invalid", "slug"))?;
    let name_uk = crate::domain::profile::name(&new.name_uk)
        .map_err(|e| super::auth::profile_error(e, "name.uk"))?;
    let name_en = crate::domain::profile::name(&new.name_en)
        .map_err(|e| super::auth::profile_error(e, "name.en"))?;
    let time_zone = new.time_zone.unwrap_or_else(|| "Europe/Kyiv".to_owned());
    if time_zone.is_empty() || time_zone.len() > 64 || !time_zone.contains('/') {
        return Err(AppError::invalid("time-zone-invalid", "time_zone"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let city = city::ActiveModel {
        slug: Set(slug),
        name_uk: Set(name_uk),
        name_en: Set(name_en),
        time_zone: Set(time_zone),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique("city-exists", Some("slug")))?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "city.create",
        format!("city:{}", city.id),
        json!({ "after": { "slug": city.slug, "name_uk": city.name_uk, "name_en": city.name_en } }),
    )
    .await?;
    txn.commit().await?;
    Ok(city)
}

pub struct StaffMember {
    pub grant: city_role::Model,
    pub role: CityRole,
    pub user: Option<user::Model>,
}

pub async fn staff(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<Vec<StaffMember>> {
    let city = super::city_for(state, actor, slug, Action::ViewStaff)
        .await?
        .0;
    let rows = store::users::staff_of_city(&state.db, city.id).await?;
    Ok(rows
        .into_iter()
        .map(|(grant, user)| StaffMember {
            role: role_of(grant.role),
            grant,
            user,
        })
        .collect())
}

pub async fn grant_role(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    login: &str,
    role: CityRole,
) -> AppResult<StaffMember> {
    let city = super::city_for(state, actor, slug, Action::GrantRole(role))
        .await?
        .0;
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let login = parse_login(login, "login")?;
    let user = store::users::find_by_login(&state.db, login.as_str())
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "user-not-found").at_field("login"))?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let grant = store::users::grant_role(&txn, user.id, city.id, db_role(role), now)
        .await
        .map_err(AppError::on_unique("role-exists", None))?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "role.grant",
        format!("user:{}", user.id),
        json!({ "before": null, "after": { "role": role_code(role), "grant_id": grant.id } }),
    )
    .await?;
    txn.commit().await?;
    Ok(StaffMember {
        grant,
        role,
        user: Some(user),
    })
}

pub async fn revoke_role(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    grant_id: i64,
) -> AppResult<()> {
    let signed_in = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    // Only those who may revoke some role learn whether a grant exists.
    authorize(
        Some(signed_in),
        Action::RevokeRole(CityRole::Moderator),
        Some(city.id),
    )?;
    let grant = store::users::find_role(&state.db, grant_id)
        .await?
        .filter(|g| g.city_id == city.id)
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "role-not-found"))?;
    let role = role_of(grant.role);
    authorize(Some(signed_in), Action::RevokeRole(role), Some(city.id))?;
    let txn = state.db.begin().await?;
    store::users::revoke_role(&txn, grant.id).await?;
    if role == CityRole::Expert {
        store::expertise::unassign_all(&txn, city.id, grant.user_id).await?;
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(signed_in),
        "role.revoke",
        format!("user:{}", grant.user_id),
        json!({ "before": { "role": role_code(role), "grant_id": grant.id }, "after": null }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// A city's audit log (admins, observers, platform admins) or, with `slug = None`, the whole
/// platform's (platform admins).
pub async fn audit(
    state: &AppState,
    actor: Option<&Actor>,
    slug: Option<&str>,
    query: AuditQuery,
) -> AppResult<Page<audit_log::Model>> {
    let city_id = match slug {
        Some(slug) => Some(
            super::city_for(state, actor, slug, Action::ViewAudit)
                .await?
                .0
                .id,
        ),
        None => {
            authorize(actor, Action::ViewPlatform, None)?;
            None
        }
    };
    let (limit, offset) = page_bounds(query.limit, query.offset);
    let filter = store::audit::Filter {
        city_id,
        actor_id: query.actor_id,
        action: query.action,
        target: query.target,
        from: query.from,
        to: query.to,
    };
    let (items, total) = store::audit::page(&state.db, filter, limit, offset).await?;
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}

pub async fn emails(
    state: &AppState,
    actor: Option<&Actor>,
    slug: Option<&str>,
    status: Option<EmailStatus>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AppResult<Page<outbox::Model>> {
    let scope = match slug {
        Some(slug) => store::outbox::Scope::City(
            super::city_for(state, actor, slug, Action::ViewEmails)
                .await?
                .0
                .id,
        ),
        None => {
            authorize(actor, Action::ViewPlatform, None)?;
            store::outbox::Scope::All
        }
    };
    let (limit, offset) = page_bounds(limit, offset);
    let (items, total) = store::outbox::page(&state.db, scope, status, limit, offset).await?;
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}

/// Puts a failed e-mail back in the queue.
pub async fn retry_email(
    state: &AppState,
    actor: Option<&Actor>,
    slug: Option<&str>,
    id: i64,
) -> AppResult<()> {
    let city_id = match slug {
        Some(slug) => Some(
            super::city_for(state, actor, slug, Action::RetryEmail)
                .await?
                .0
                .id,
        ),
        None => {
            authorize(actor, Action::RetryPlatformEmail, None)?;
            None
        }
    };
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let email = store::outbox::find(&state.db, id)
        .await?
        .filter(|e| city_id.is_none() || e.city_id == city_id)
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "email-not-found"))?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    if !store::outbox::retry_failed(&txn, email.id, now).await? {
        return Err(AppError::new(StatusCode::CONFLICT, "email-not-failed"));
    }
    super::audit(
        &txn,
        state,
        email.city_id,
        Some(actor),
        "email.retry",
        format!("email:{}", email.id),
        json!({ "before": { "status": "failed", "attempts": email.attempts }, "after": { "status": "pending" } }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What a check of the audit chain found, for a city's staff.
#[derive(Debug, Clone)]
pub struct AuditVerification {
    /// `Ok(rows checked)`: the whole platform's chain, which the city's rows are part of, holds;
    /// otherwise the first row where it does not.
    pub result: Result<u64, crate::domain::audit::BrokenLink>,
    pub checked_at: DateTime<Utc>,
}

/// Walks the audit chain for a city's admins and observers (the city's rows cannot be checked
/// apart from the rows they follow).
pub async fn verify_audit(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
) -> AppResult<AuditVerification> {
    super::city_for(state, actor, slug, Action::ViewAudit).await?;
    let checked_at = state.clock.now();
    Ok(AuditVerification {
        result: verify_audit_chain(state).await?,
        checked_at,
    })
}

/// Walks the whole audit chain; `Ok(rows checked)` or the first broken link.
pub async fn verify_audit_chain(
    state: &AppState,
) -> AppResult<Result<u64, crate::domain::audit::BrokenLink>> {
    use crate::domain::audit::{AuditRow, GENESIS, verify_chain};
    let mut prev = GENESIS.to_owned();
    let mut after = 0;
    let mut checked = 0;
    loop {
        let batch = store::audit::batch_after(&state.db, after, 1000).await?;
        let Some(last) = batch.last() else {
            return Ok(Ok(checked));
        };
        after = last.id;
        let rows = batch.iter().map(|r| {
            (
                AuditRow {
                    id: r.id,
                    created_at: r.created_at,
                    city_id: r.city_id,
                    actor_id: r.actor_id,
                    action: &r.action,
                    target: &r.target,
                    summary: &r.summary,
                },
                r.prev_hash.as_str(),
                r.hash.as_str(),
            )
        });
        match verify_chain(&prev, rows) {
            Ok(last_hash) => prev = last_hash,
            Err(broken) => return Ok(Err(broken)),
        }
        checked += batch.len() as u64;
    }
}

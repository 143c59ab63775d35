//! Creating administrators from the command line (the first platform admin, city admins).

use entities::city_role::Role;
use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde_json::json;

use super::auth::{check_password, parse_login};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

#[derive(Debug, Clone)]
pub struct NewAdmin {
    pub login: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// `None`: a platform admin; `Some(slug)`: an admin of that city.
    pub city_slug: Option<String>,
}

/// Creates the account and its role in one transaction, audited with no actor (the operator
/// at the server's console).
pub async fn create_admin(state: &AppState, new: NewAdmin) -> AppResult<i64> {
    let login = parse_login(&new.login, "login")?;
    check_password(&new.password, Some(&login), "password")?;
    let hash = state
        .passwords
        .hash(new.password)
        .await
        .map_err(AppError::internal)?;
    let now = state.clock.now();
    let city = match &new.city_slug {
        Some(slug) => Some(
            store::catalog::find_city(&state.db, slug)
                .await?
                .ok_or_else(|| {
                    AppError::new(StatusCode::NOT_FOUND, "city-not-found").arg("slug", slug)
                })?,
        ),
        None => None,
    };
    let txn = state.db.begin().await?;
    let user = store::users::insert(
        &txn,
        store::users::NewUser {
            login: login.as_str().to_owned(),
            password_hash: Some(hash),
            last_name: new.last_name,
            first_name: new.first_name,
            patronymic: None,
            email: None,
            phone: None,
            birth_date: None,
            lang: "uk".into(),
            is_platform_admin: city.is_none(),
            registration_address: None,
            residence_address: None,
        },
        now,
    )
    .await
    .map_err(AppError::on_unique("login-taken", Some("login")))?;
    if let Some(city) = &city {
        store::users::grant_role(&txn, user.id, city.id, Role::Admin, now).await?;
    }
    super::audit(
        &txn,
        state,
        city.as_ref().map(|c| c.id),
        None,
        "admin.create",
        format!("user:{}", user.id),
        json!({ "after": { "login": user.login, "platform_admin": city.is_none() } }),
    )
    .await?;
    txn.commit().await?;
    Ok(user.id)
}

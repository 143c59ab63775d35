//! Creating accounts from the command line (the first platform admin, city admins).

use entities::city_role::Role;
use poem::http::StatusCode;
use sea_orm::{SqlErr, TransactionTrait};

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;

/// Longest login accepted (normalized passport numbers and phones are far shorter).
const MAX_LOGIN_LEN: usize = 64;

#[derive(Debug, Clone)]
pub struct NewAdmin {
    pub login: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// `None`: a platform admin; `Some(slug)`: an admin of that city.
    pub city_slug: Option<String>,
}

pub async fn create_admin(state: &AppState, new: NewAdmin) -> AppResult<i64> {
    let login = new.login.trim().to_owned();
    if login.is_empty() || login.chars().count() > MAX_LOGIN_LEN {
        return Err(
            AppError::invalid_request("login must be 1 to 64 characters").at_field("login"),
        );
    }
    let hash = state
        .passwords
        .hash(new.password)
        .await
        .map_err(AppError::internal)?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let city = match &new.city_slug {
        Some(slug) => Some(
            store::catalog::find_city(&txn, slug)
                .await?
                .ok_or_else(|| {
                    AppError::new(StatusCode::NOT_FOUND, "city-not-found").arg("slug", slug)
                })?,
        ),
        None => None,
    };
    let user = store::users::insert(
        &txn,
        store::users::NewUser {
            login,
            password_hash: Some(hash),
            last_name: new.last_name,
            first_name: new.first_name,
            patronymic: None,
            email: None,
            phone: None,
            birth_date: None,
            lang: "uk".into(),
            is_platform_admin: city.is_none(),
        },
        now,
    )
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::new(StatusCode::CONFLICT, "login-taken").at_field("login")
        }
        _ => AppError::from(err),
    })?;
    if let Some(city) = city {
        store::users::grant_role(&txn, user.id, city.id, Role::Admin, now).await?;
    }
    txn.commit().await?;
    Ok(user.id)
}

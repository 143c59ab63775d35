//! Accounts and their per-city roles.

use chrono::{DateTime, Utc};
use entities::city_role::{self, Role};
use entities::user;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub password_hash: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub email: Option<String>,
    pub is_platform_admin: bool,
}

/// Inserts an account; a taken login is reported by the database as a unique violation.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        login: Set(new.login),
        password_hash: Set(new.password_hash),
        last_name: Set(new.last_name),
        first_name: Set(new.first_name),
        patronymic: Set(new.patronymic),
        email: Set(new.email),
        is_platform_admin: Set(new.is_platform_admin),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn grant_role<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    city_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<city_role::Model, DbErr> {
    city_role::ActiveModel {
        user_id: Set(user_id),
        city_id: Set(city_id),
        role: Set(role),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

//! Accounts and their per-city roles.

use chrono::{DateTime, NaiveDate, Utc};
use entities::city_role::{self, Role};
use entities::prelude::*;
use entities::{user, user_photo};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub password_hash: Option<String>,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub lang: String,
    pub is_platform_admin: bool,
    pub registration_address: Option<String>,
    pub residence_address: Option<String>,
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
        email_verified_at: Set(None),
        phone: Set(new.phone),
        birth_date: Set(new.birth_date),
        registration_address: Set(new.registration_address),
        residence_address: Set(new.residence_address),
        facebook_url: Set(None),
        lang: Set(new.lang),
        is_platform_admin: Set(new.is_platform_admin),
        created_at: Set(now),
        updated_at: Set(now),
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

pub async fn find_by_login<C: ConnectionTrait>(
    db: &C,
    login: &str,
) -> Result<Option<user::Model>, DbErr> {
    User::find()
        .filter(user::Column::Login.eq(login))
        .one(db)
        .await
}

/// The account a person is known by under `number` (a normalized phone or passport): the one
/// whose login it is, else the oldest with it as profile phone.
pub async fn find_by_number<C: ConnectionTrait>(
    db: &C,
    number: &str,
) -> Result<Option<user::Model>, DbErr> {
    if let Some(found) = find_by_login(db, number).await? {
        return Ok(Some(found));
    }
    User::find()
        .filter(user::Column::Phone.eq(number))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<user::Model>, DbErr> {
    User::find_by_id(id).one(db).await
}

/// The users with these ids (those that exist).
pub async fn find_many<C: ConnectionTrait>(db: &C, ids: &[i64]) -> Result<Vec<user::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    User::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

pub async fn roles_of<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
) -> Result<Vec<city_role::Model>, DbErr> {
    CityRole::find()
        .filter(city_role::Column::UserId.eq(user_id))
        .all(db)
        .await
}

pub async fn set_password_hash<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    User::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(Some(hash)))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks `email` verified, if it is still the user's address.
pub async fn mark_email_verified<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = User::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    model: user::ActiveModel,
) -> Result<user::Model, DbErr> {
    model.update(db).await
}

pub async fn find_role<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<city_role::Model>, DbErr> {
    CityRole::find_by_id(id).one(db).await
}

pub async fn revoke_role<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    CityRole::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// A city's staff: every role grant with its holder, by role then name.
pub async fn staff_of_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
) -> Result<Vec<(city_role::Model, Option<user::Model>)>, DbErr> {
    CityRole::find()
        .filter(city_role::Column::CityId.eq(city_id))
        .order_by_asc(city_role::Column::Role)
        .order_by_asc(city_role::Column::Id)
        .find_also_related(User)
        .all(db)
        .await
}

pub async fn put_photo<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    content_type: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    UserPhoto::insert(user_photo::ActiveModel {
        user_id: Set(user_id),
        content_type: Set(content_type.to_owned()),
        bytes: Set(bytes),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(user_photo::Column::UserId)
            .update_columns([
                user_photo::Column::ContentType,
                user_photo::Column::Bytes,
                user_photo::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn photo<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
) -> Result<Option<user_photo::Model>, DbErr> {
    UserPhoto::find_by_id(user_id).one(db).await
}

/// Which of these users have a photo (without loading the photos).
pub async fn with_photo<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<std::collections::HashSet<i64>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let found: Vec<i64> = UserPhoto::find()
        .select_only()
        .column(user_photo::Column::UserId)
        .filter(user_photo::Column::UserId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}

/// Records what Kyiv ID verified about the person (the settlement of their registration, the
/// taxpayer flag) as of `now`, replacing what an earlier sign-in recorded: `None` is "the
/// provider no longer says".
pub async fn record_verified_claims<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    settlement: Option<&str>,
    taxpayer: Option<bool>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    User::update_many()
        .col_expr(
            user::Column::VerifiedSettlement,
            Expr::value(settlement.map(str::to_owned)),
        )
        .col_expr(user::Column::VerifiedTaxpayer, Expr::value(taxpayer))
        .col_expr(user::Column::VerifiedClaimsAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

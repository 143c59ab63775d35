//! Server-side sessions, keyed by the SHA-256 of the cookie token.

use chrono::{DateTime, Utc};
use entities::prelude::*;
use entities::session;
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

pub struct NewSession {
    pub id_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewSession,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::ActiveModel {
        id_hash: Set(new.id_hash),
        user_id: Set(new.user_id),
        csrf_token: Set(new.csrf_token),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(new.expires_at),
        user_agent: Set(new.user_agent),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    id_hash: &str,
) -> Result<Option<session::Model>, DbErr> {
    Session::find_by_id(id_hash.to_owned()).one(db).await
}

pub async fn touch<C: ConnectionTrait>(
    db: &C,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Session::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::IdHash.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete<C: ConnectionTrait>(db: &C, id_hash: &str) -> Result<(), DbErr> {
    Session::delete_by_id(id_hash.to_owned()).exec(db).await?;
    Ok(())
}

/// Ends every session of a user ("log out everywhere", a password change).
pub async fn delete_all_of_user<C: ConnectionTrait>(db: &C, user_id: i64) -> Result<u64, DbErr> {
    Ok(Session::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Removes sessions past their absolute expiry or idle since before `idle_cutoff`.
pub async fn delete_expired<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    idle_cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(Session::delete_many()
        .filter(
            session::Column::ExpiresAt
                .lte(now)
                .or(session::Column::LastSeenAt.lt(idle_cutoff)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn of_user<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
) -> Result<Vec<session::Model>, DbErr> {
    Session::find()
        .filter(session::Column::UserId.eq(user_id))
        .all(db)
        .await
}

//! Single-use tokens sent by e-mail, stored as SHA-256 hashes.

use chrono::{DateTime, Utc};
use entities::email_token::{self, TokenPurpose};
use entities::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    purpose: TokenPurpose,
    token_hash: String,
    email: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose),
        token_hash: Set(token_hash),
        email: Set(email),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Marks a live token used and returns it; `None` when unknown, used, expired or for another
/// purpose. The conditional update makes a token usable exactly once, even concurrently.
pub async fn consume<C: ConnectionTrait>(
    db: &C,
    purpose: TokenPurpose,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<email_token::Model>, DbErr> {
    let updated = EmailToken::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::TokenHash.eq(token_hash))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    EmailToken::find()
        .filter(email_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Whether a token of `purpose` was issued to the user since `since` (to space out e-mails).
pub async fn issued_since<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    purpose: TokenPurpose,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(EmailToken::find()
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::CreatedAt.gt(since))
        .one(db)
        .await?
        .is_some())
}

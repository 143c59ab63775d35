//! Kyiv ID identities and sign-in flows in progress.

use chrono::{DateTime, Utc};
use entities::{oidc_flow, user_identity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

pub async fn insert_flow<C: ConnectionTrait>(db: &C, flow: oidc_flow::Model) -> Result<(), DbErr> {
    oidc_flow::ActiveModel::from(flow).insert(db).await?;
    Ok(())
}

/// Takes a live flow by the hash of its state: it is deleted, so a replayed state finds nothing.
pub async fn take_flow<C: ConnectionTrait>(
    db: &C,
    state_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<oidc_flow::Model>, DbErr> {
    let Some(flow) = oidc_flow::Entity::find_by_id(state_hash.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let deleted = oidc_flow::Entity::delete_by_id(flow.state_hash.clone())
        .exec(db)
        .await?;
    Ok((deleted.rows_affected == 1 && flow.expires_at > now).then_some(flow))
}

/// Removes sign-ins abandoned at the provider.
pub async fn delete_expired_flows<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = oidc_flow::Entity::delete_many()
        .filter(oidc_flow::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    issuer: &str,
    subject: &str,
) -> Result<Option<user_identity::Model>, DbErr> {
    user_identity::Entity::find()
        .filter(user_identity::Column::Issuer.eq(issuer))
        .filter(user_identity::Column::Subject.eq(subject))
        .one(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    issuer: &str,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<user_identity::Model, DbErr> {
    user_identity::ActiveModel {
        user_id: Set(user_id),
        issuer: Set(issuer.to_owned()),
        subject: Set(subject.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

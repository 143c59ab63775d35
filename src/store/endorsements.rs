//! Endorsements of projects and the count each project keeps of them.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use entities::{endorsement, project};
use sea_orm::ExprTrait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

/// Writes an endorsement; `Ok(false)` when the resident has already endorsed the project (the
/// unique (project, user) index said so; on PostgreSQL the transaction is then unusable).
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let row = endorsement::ActiveModel {
        project_id: Set(project_id),
        user_id: Set(user_id),
        created_at: Set(now),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(_) => Ok(true),
        Err(err) if super::is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Removes the resident's endorsement of the project; whether there was one.
pub async fn delete<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    user_id: i64,
) -> Result<bool, DbErr> {
    let deleted = endorsement::Entity::delete_many()
        .filter(endorsement::Column::ProjectId.eq(project_id))
        .filter(endorsement::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Moves the project's count by `by` and gives the new count. The update locks the project's
/// row, so concurrent endorsements of one project count one after another.
pub async fn bump<C: ConnectionTrait>(db: &C, project_id: i64, by: i64) -> Result<i64, DbErr> {
    project::Entity::update_many()
        .col_expr(
            project::Column::EndorsementCount,
            Expr::col(project::Column::EndorsementCount).add(by),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(db)
        .await?;
    let count: Option<i64> = project::Entity::find_by_id(project_id)
        .select_only()
        .column(project::Column::EndorsementCount)
        .into_tuple()
        .one(db)
        .await?;
    count.ok_or_else(|| DbErr::RecordNotFound(format!("project {project_id}")))
}

/// Notes that the project reached its minimum; `true` only the first time (so its author is
/// told once).
pub async fn mark_reached<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let marked = project::Entity::update_many()
        .col_expr(project::Column::EndorsementsReachedAt, Expr::value(now))
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::EndorsementsReachedAt.is_null())
        .exec(db)
        .await?;
    Ok(marked.rows_affected == 1)
}

/// Of these projects, those the user has endorsed.
pub async fn endorsed_by<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    project_ids: &[i64],
) -> Result<HashSet<i64>, DbErr> {
    if project_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = endorsement::Entity::find()
        .select_only()
        .column(endorsement::Column::ProjectId)
        .filter(endorsement::Column::UserId.eq(user_id))
        .filter(endorsement::Column::ProjectId.is_in(project_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().collect())
}

//! Paper-vote imports and the computed and published results of a session's pots.

use chrono::{DateTime, Utc};
use entities::{result, result_approval, vote_import};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

#[allow(clippy::too_many_arguments)]
pub async fn save_import<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    created_by: i64,
    file_name: &str,
    accepted: i32,
    refused: i32,
    report: &str,
    now: DateTime<Utc>,
) -> Result<vote_import::Model, DbErr> {
    vote_import::ActiveModel {
        budget_session_id: Set(session_id),
        created_by: Set(Some(created_by)),
        file_name: Set(file_name.to_owned()),
        accepted: Set(accepted),
        refused: Set(refused),
        report: Set(report.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// An import without its report.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ImportSummary {
    pub id: i64,
    pub created_by: Option<i64>,
    pub file_name: String,
    pub accepted: i32,
    pub refused: i32,
    pub created_at: DateTime<Utc>,
}

/// A page of a session's imports, newest first, and how many there are in all.
pub async fn imports<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    limit: u64,
    offset: u64,
) -> Result<(Vec<ImportSummary>, u64), DbErr> {
    let query =
        vote_import::Entity::find().filter(vote_import::Column::BudgetSessionId.eq(session_id));
    let total = query.clone().count(db).await?;
    let page = query
        .select_only()
        .columns([
            vote_import::Column::Id,
            vote_import::Column::CreatedBy,
            vote_import::Column::FileName,
            vote_import::Column::Accepted,
            vote_import::Column::Refused,
            vote_import::Column::CreatedAt,
        ])
        .order_by_desc(vote_import::Column::Id)
        .limit(limit)
        .offset(offset)
        .into_model::<ImportSummary>()
        .all(db)
        .await?;
    Ok((page, total))
}

/// One import of a session, with its report.
pub async fn import<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    id: i64,
) -> Result<Option<vote_import::Model>, DbErr> {
    vote_import::Entity::find_by_id(id)
        .filter(vote_import::Column::BudgetSessionId.eq(session_id))
        .one(db)
        .await
}

/// Whether any pot of the session has published results.
pub async fn any_published<C: ConnectionTrait>(db: &C, session_id: i64) -> Result<bool, DbErr> {
    Ok(result::Entity::find()
        .filter(result::Column::BudgetSessionId.eq(session_id))
        .filter(result::Column::PublishedAt.is_not_null())
        .count(db)
        .await?
        > 0)
}

/// The session's results, one per pot.
pub async fn of_session<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<result::Model>, DbErr> {
    result::Entity::find()
        .filter(result::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(result::Column::PotId)
        .all(db)
        .await
}

/// Stores a pot's computed results, replacing unpublished ones; `false` when the pot's
/// results are already published (nothing is written then).
pub async fn save<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    pot_id: i64,
    rule: &str,
    outcome: &str,
    computed_by: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    result::Entity::delete_many()
        .filter(result::Column::PotId.eq(pot_id))
        .filter(result::Column::PublishedAt.is_null())
        .exec(db)
        .await?;
    let existing = result::Entity::find()
        .filter(result::Column::PotId.eq(pot_id))
        .count(db)
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    result::ActiveModel {
        budget_session_id: Set(session_id),
        pot_id: Set(pot_id),
        rule: Set(rule.to_owned()),
        outcome: Set(outcome.to_owned()),
        computed_at: Set(now),
        computed_by: Set(Some(computed_by)),
        published_at: Set(None),
        published_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

/// Marks the session's unpublished results published; how many were.
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let done = result::Entity::update_many()
        .col_expr(result::Column::PublishedAt, Expr::value(Some(now)))
        .col_expr(result::Column::PublishedBy, Expr::value(Some(by)))
        .filter(result::Column::BudgetSessionId.eq(session_id))
        .filter(result::Column::PublishedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Records a commission member's vote on the session's computed winners list, replacing their
/// earlier one (one row per member and session, by the unique index).
pub async fn record_approval<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
    member_id: i64,
    approve: bool,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    result_approval::Entity::insert(result_approval::ActiveModel {
        budget_session_id: Set(session_id),
        member_id: Set(member_id),
        approve: Set(approve),
        comment: Set(comment),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            result_approval::Column::BudgetSessionId,
            result_approval::Column::MemberId,
        ])
        .update_columns([
            result_approval::Column::Approve,
            result_approval::Column::Comment,
            result_approval::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The members' votes on the session's computed winners list, oldest first.
pub async fn approvals<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<result_approval::Model>, DbErr> {
    result_approval::Entity::find()
        .filter(result_approval::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(result_approval::Column::Id)
        .all(db)
        .await
}

/// Forgets the votes on an earlier computation (a new one is a new list to approve).
pub async fn clear_approvals<C: ConnectionTrait>(db: &C, session_id: i64) -> Result<(), DbErr> {
    result_approval::Entity::delete_many()
        .filter(result_approval::Column::BudgetSessionId.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

//! Appeals and complaints to the commission, and its members' votes on them.

use chrono::{DateTime, Utc};
use entities::{appeal, appeal_vote};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

/// An appeal or complaint as filed.
pub struct NewAppeal {
    pub city_id: i64,
    pub session_id: i64,
    pub project_id: Option<i64>,
    pub kind: &'static str,
    pub subject: &'static str,
    pub filer_id: i64,
    pub body: String,
}

/// Files it (pending); a second one of the same filer, project, kind and subject is a unique
/// violation.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewAppeal,
    now: DateTime<Utc>,
) -> Result<appeal::Model, DbErr> {
    appeal::ActiveModel {
        city_id: Set(new.city_id),
        budget_session_id: Set(new.session_id),
        project_id: Set(new.project_id),
        kind: Set(new.kind.to_owned()),
        subject: Set(new.subject.to_owned()),
        filer_id: Set(new.filer_id),
        body: Set(new.body),
        status: Set("pending".to_owned()),
        effect: Set(None),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_in_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<appeal::Model>, DbErr> {
    appeal::Entity::find_by_id(id)
        .filter(appeal::Column::CityId.eq(city_id))
        .one(db)
        .await
}

/// Which appeals a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub session_id: Option<i64>,
    pub project_id: Option<i64>,
    pub status: Option<&'static str>,
}

/// A page of the city's appeals and complaints, newest first, with the total.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    filter: &Filter,
    limit: u64,
    offset: u64,
) -> Result<(Vec<appeal::Model>, u64), DbErr> {
    let mut query = appeal::Entity::find().filter(appeal::Column::CityId.eq(city_id));
    if let Some(session_id) = filter.session_id {
        query = query.filter(appeal::Column::BudgetSessionId.eq(session_id));
    }
    if let Some(project_id) = filter.project_id {
        query = query.filter(appeal::Column::ProjectId.eq(project_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(appeal::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(appeal::Column::CreatedAt)
        .order_by_desc(appeal::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// The pending appeals of a resident (a bound on how many one may have open at once).
pub async fn pending_of<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    filer_id: i64,
) -> Result<u64, DbErr> {
    appeal::Entity::find()
        .filter(appeal::Column::CityId.eq(city_id))
        .filter(appeal::Column::FilerId.eq(filer_id))
        .filter(appeal::Column::Status.eq("pending"))
        .count(db)
        .await
}

/// The members' votes on these appeals, oldest first.
pub async fn votes<C: ConnectionTrait>(
    db: &C,
    appeal_ids: &[i64],
) -> Result<Vec<appeal_vote::Model>, DbErr> {
    if appeal_ids.is_empty() {
        return Ok(vec![]);
    }
    appeal_vote::Entity::find()
        .filter(appeal_vote::Column::AppealId.is_in(appeal_ids.iter().copied()))
        .order_by_asc(appeal_vote::Column::Id)
        .all(db)
        .await
}

/// Records a member's vote, or changes it.
pub async fn record_vote<C: ConnectionTrait>(
    db: &C,
    appeal_id: i64,
    member_id: i64,
    uphold: bool,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    appeal_vote::Entity::insert(appeal_vote::ActiveModel {
        appeal_id: Set(appeal_id),
        member_id: Set(member_id),
        uphold: Set(uphold),
        reason: Set(reason),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([appeal_vote::Column::AppealId, appeal_vote::Column::MemberId])
            .update_columns([
                appeal_vote::Column::Uphold,
                appeal_vote::Column::Reason,
                appeal_vote::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Touches a pending appeal (its first write in a transaction: SQLite's lock, PostgreSQL's
/// row lock, so that votes are counted one after another); whether it is still pending.
pub async fn lock_pending<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool, DbErr> {
    let done = appeal::Entity::update_many()
        .col_expr(appeal::Column::Status, Expr::value("pending"))
        .filter(appeal::Column::Id.eq(id))
        .filter(appeal::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Records the decision if the appeal is still pending; whether it was.
pub async fn decide<C: ConnectionTrait>(
    db: &C,
    id: i64,
    status: &'static str,
    effect: &'static str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = appeal::Entity::update_many()
        .col_expr(appeal::Column::Status, Expr::value(status))
        .col_expr(appeal::Column::Effect, Expr::value(effect))
        .col_expr(appeal::Column::DecidedAt, Expr::value(now))
        .filter(appeal::Column::Id.eq(id))
        .filter(appeal::Column::Status.eq("pending"))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

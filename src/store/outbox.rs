//! The e-mail outbox: enqueue in the caller's transaction; claim, complete and retry in the
//! delivery worker. Claiming is one statement, so an e-mail is taken by one instance only
//! (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: a single writer).

use chrono::{DateTime, Utc};
use entities::outbox::{self, EmailStatus};
use entities::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};

pub struct NewEmail {
    pub city_id: Option<i64>,
    pub to_address: String,
    pub lang: String,
    pub template: String,
    pub subject: String,
    pub body_text: String,
}

pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    email: NewEmail,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = outbox::ActiveModel {
        city_id: Set(email.city_id),
        to_address: Set(email.to_address),
        lang: Set(email.lang),
        template: Set(email.template),
        subject: Set(email.subject),
        body_text: Set(email.body_text),
        status: Set(EmailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Claims up to `limit` due e-mails (pending and due, or sending with an expired lease) for
/// this instance until `lease_until`, counting the attempt.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    let backend = db.get_database_backend();
    let (sql, values) = match backend {
        DatabaseBackend::Postgres => (
            "UPDATE outbox SET status = 'sending', lease_until = $1, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox \
                 WHERE (status = 'pending' AND next_attempt_at <= $2) \
                    OR (status = 'sending' AND lease_until <= $2) \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING *",
            vec![lease_until.into(), now.into(), (limit as i64).into()],
        ),
        _ => (
            "UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox \
                 WHERE (status = 'pending' AND next_attempt_at <= ?) \
                    OR (status = 'sending' AND lease_until <= ?) \
                 ORDER BY id LIMIT ?) \
             RETURNING *",
            vec![
                lease_until.into(),
                now.into(),
                now.into(),
                (limit as i64).into(),
            ],
        ),
    };
    let mut rows =
        outbox::Model::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
            .all(db)
            .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Outbox::update_many()
        .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Sent))
        .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: due again at `retry_at`, or failed for good when `None`.
pub async fn mark_failed_attempt<C: ConnectionTrait>(
    db: &C,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let mut update = Outbox::update_many()
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.chars().take(2000).collect::<String>())),
        )
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    update = match retry_at {
        Some(at) => update
            .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Pending))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(outbox::Column::Status, Expr::value(EmailStatus::Failed)),
    };
    update.filter(outbox::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Puts a failed e-mail back in the queue with fresh attempts. `false` if it was not failed.
pub async fn retry_failed<C: ConnectionTrait>(
    db: &C,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Outbox::update_many()
        .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Pending))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(EmailStatus::Failed))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<outbox::Model>, DbErr> {
    Outbox::find_by_id(id).one(db).await
}

/// Which e-mails a list shows: one city's, or (for platform admins) all or those of no city.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    City(i64),
    All,
}

pub async fn page<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    status: Option<EmailStatus>,
    limit: u64,
    offset: u64,
) -> Result<(Vec<outbox::Model>, u64), DbErr> {
    let mut query = Outbox::find();
    if let Scope::City(city_id) = scope {
        query = query.filter(outbox::Column::CityId.eq(city_id));
    }
    if let Some(status) = status {
        query = query.filter(outbox::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

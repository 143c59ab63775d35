//! Appending to and reading the hash-chained audit log.

use chrono::{DateTime, SubsecRound, Utc};
use entities::audit_log;
use entities::prelude::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::domain::audit::{AuditRow, GENESIS, chain_hash};

/// Any number; every instance agrees on it so that appends to the chain happen one at a time.
const AUDIT_LOCK_KEY: i64 = 0x61_75_64_69_74; // "audit"

pub struct NewEntry {
    pub city_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub action: String,
    pub target: String,
    pub summary: serde_json::Value,
}

/// Appends an entry to the chain. Call it inside the transaction of the change it records,
/// after that change: on SQLite the transaction then already holds the write lock, on
/// PostgreSQL an advisory lock serializes appends. The unique `prev_hash` column makes a fork
/// impossible either way.
pub async fn append<C: ConnectionTrait>(
    db: &C,
    entry: NewEntry,
    now: DateTime<Utc>,
) -> Result<audit_log::Model, DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({AUDIT_LOCK_KEY})"))
            .await?;
    }
    let last = AuditLog::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await?;
    let (id, prev_hash) = match &last {
        Some(row) => (row.id + 1, row.hash.clone()),
        None => (1, GENESIS.to_owned()),
    };
    // Stored precision is microseconds on both databases; hash what is stored.
    let created_at = now.trunc_subsecs(6);
    let summary = entry.summary.to_string();
    let hash = chain_hash(
        &prev_hash,
        &AuditRow {
            id,
            created_at,
            city_id: entry.city_id,
            actor_id: entry.actor_id,
            action: &entry.action,
            target: &entry.target,
            summary: &summary,
        },
    );
    audit_log::ActiveModel {
        id: Set(id),
        created_at: Set(created_at),
        city_id: Set(entry.city_id),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action),
        target: Set(entry.target),
        summary: Set(summary),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
    }
    .insert(db)
    .await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub city_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: Filter,
    limit: u64,
    offset: u64,
) -> Result<(Vec<audit_log::Model>, u64), DbErr> {
    let mut query = AuditLog::find();
    if let Some(city) = filter.city_id {
        query = query.filter(audit_log::Column::CityId.eq(city));
    }
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::Column::ActorId.eq(actor));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(target) = filter.target {
        query = query.filter(audit_log::Column::Target.eq(target));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_log::Column::CreatedAt.lt(to));
    }
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// Rows with `id > after`, in order, at most `limit` (for walking the chain in batches).
pub async fn batch_after<C: ConnectionTrait>(
    db: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<audit_log::Model>, DbErr> {
    AuditLog::find()
        .filter(audit_log::Column::Id.gt(after))
        .order_by_asc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

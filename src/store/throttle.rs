//! Failed sign-in counters, shared by every instance through the database.

use chrono::{DateTime, Utc};
use entities::login_failure;
use entities::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait as _, OnConflict};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use crate::domain::throttle::{Count, Failures};

pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<Failures>, DbErr> {
    Ok(LoginFailure::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| Failures {
            count: u32::try_from(row.failures).unwrap_or(0),
            window_started_at: row.window_started_at,
        }))
}

/// Counts one failure atomically: a new window restarts the count at 1, the current window
/// adds 1. Concurrent failures never lose a count.
pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    key: &str,
    count: Count,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut on_conflict = OnConflict::column(login_failure::Column::Key);
    match count {
        Count::NewWindow(_) => {
            on_conflict.update_columns([
                login_failure::Column::Failures,
                login_failure::Column::WindowStartedAt,
            ]);
        }
        Count::InWindow => {
            on_conflict.value(
                login_failure::Column::Failures,
                Expr::col((LoginFailure, login_failure::Column::Failures)).add(1),
            );
        }
    }
    let window_start = match count {
        Count::NewWindow(at) => at,
        Count::InWindow => now,
    };
    LoginFailure::insert(login_failure::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(1),
        window_started_at: Set(window_start),
    })
    .on_conflict(on_conflict)
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn clear<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), DbErr> {
    LoginFailure::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

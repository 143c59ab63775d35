//! Data access with sea-orm. Every function takes `&C: ConnectionTrait`, so callers choose a
//! pool connection or an open transaction; inside a transaction always pass the transaction.

pub mod api_keys;
pub mod appeals;
pub mod audit;
pub mod budget_sessions;
pub mod catalog;
pub mod content;
pub mod elections;
pub mod endorsements;
pub mod expertise;
pub mod geocoding;
pub mod identities;
pub mod outbox;
pub mod projects;
pub mod results;
pub mod sessions;
pub mod supporters;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod votes;

use sea_orm::{DbErr, SqlErr};

/// Whether a database error is a unique-constraint violation (a taken login, a double vote…).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Whether a database error is a foreign-key violation (deleting a row that others still point
/// at). SQLite reports an `ON DELETE RESTRICT` as a trigger constraint (extended code 1811),
/// which sea-orm does not classify, with the same message.
pub fn is_foreign_key_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ) || err.to_string().contains("FOREIGN KEY constraint failed")
}

//! Data access with sea-orm. Every function takes `&C: ConnectionTrait`, so callers choose a
//! pool connection or an open transaction; inside a transaction always pass the transaction.

pub mod catalog;
pub mod projects;
pub mod users;

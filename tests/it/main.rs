//! Integration tests: the real application on a random port, over HTTP, against a fresh
//! database (SQLite in memory, or PostgreSQL when `TEST_DATABASE_URL` is set).

mod accounts;
mod catalog;
mod cli;
mod deploy;
mod http;
mod lifecycle;
mod money;
mod support;

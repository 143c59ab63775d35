//! Integration tests: the real application on a random port, over HTTP, against a fresh
//! database (SQLite in memory, or PostgreSQL when `TEST_DATABASE_URL` is set).

mod accounts;
mod appeals;
mod audit;
mod browser;
mod catalog;
mod cli;
mod deploy;
mod directory;
mod elections;
mod eligibility;
mod email;
mod endorsements;
mod expertise;
mod faults;
mod geocoding;
mod http;
mod kyiv;
mod kyiv_id;
mod kyiv_session;
mod lifecycle;
mod list_cache;
mod money;
mod projects;
mod roles;
mod schemathesis;
mod security;
mod smtp;
mod support;
mod supporters;
mod tally;
mod voting;

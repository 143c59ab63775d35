//! hromada: a participatory budgeting and voting platform for cities.
//!
//! Layers, with dependencies pointing one way: [`api`] (HTTP) → [`app`] (use cases,
//! transactions, permissions) → [`domain`] (pure rules) and [`store`] (sea-orm queries over the
//! `entities` crate). See `../shared/ARCHITECTURE.md` in the project workspace.

pub mod api;
pub mod app;
pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod geocoding;
pub mod i18n;
pub mod mail;
pub mod startup;
pub mod state;
pub mod storage;
pub mod store;
pub mod telemetry;

pub use startup::{Server, build_app, build_state};

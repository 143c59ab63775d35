//! Use cases: one function per action a person takes. Each owns its transaction and its
//! permission check, calls the domain for rules and the store for data.

pub mod accounts;
pub mod auth;
pub mod catalog;
pub mod city;
pub mod content;
pub mod demo;
pub mod estimates;
pub mod profile;
pub mod sessions;
pub mod staff;

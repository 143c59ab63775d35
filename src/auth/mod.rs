//! Authentication: password hashing now; sessions, CSRF and Kyiv ID build on it.

pub mod password;

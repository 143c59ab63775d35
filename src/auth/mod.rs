//! Authentication: passwords, random tokens, server-side sessions with CSRF protection.

pub mod kyiv_id;
pub mod password;
pub mod session;
pub mod tokens;

pub use session::{Auth, SessionCookie, SessionCtx};

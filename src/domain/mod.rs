//! The pure core of hromada: rules and values with no I/O, no HTTP and no database.
//!
//! Everything here is deterministic and unit-tested next to its code. Other layers call into
//! `domain`; `domain` never calls out.

pub mod access;
pub mod appeal;
pub mod audit;
pub mod budget;
pub mod clock;
pub mod commission;
pub mod content;
pub mod delivery;
pub mod election;
pub mod eligibility;
pub mod endorsement;
pub mod estimate;
pub mod expertise;
pub mod geocoding;
pub mod kyiv_id;
pub mod login;
pub mod money;
pub mod pabulib;
pub mod password_policy;
pub mod place;
pub mod profile;
pub mod project;
pub mod statistics;
pub mod supporters;
pub mod tally;
pub mod throttle;
pub mod timeline;
pub mod voting;

pub use clock::{Clock, ManualClock, SystemClock};
pub use money::{Money, MoneyError};

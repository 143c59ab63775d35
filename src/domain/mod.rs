//! The pure core of hromada: rules and values with no I/O, no HTTP and no database.
//!
//! Everything here is deterministic and unit-tested next to its code. Other layers call into
//! `domain`; `domain` never calls out.

pub mod clock;
pub mod estimate;
pub mod money;

pub use clock::{Clock, ManualClock, SystemClock};
pub use money::{Money, MoneyError};

//! Sign-in throttling: a fixed window of failures per key (an account or a client address).

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max_failures: u32,
    pub window: Duration,
}

/// The failures counted for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub window_started_at: DateTime<Utc>,
}

/// `Some(wait)` while the key is locked out: it reached the limit within its window. The wait
/// is at least one second, so `Retry-After` is never 0.
pub fn locked_for(
    failures: Option<Failures>,
    limit: Limit,
    now: DateTime<Utc>,
) -> Option<Duration> {
    let failures = failures?;
    let window_ends = failures.window_started_at + limit.window;
    if failures.count >= limit.max_failures && now < window_ends {
        Some((window_ends - now).max(Duration::seconds(1)))
    } else {
        None
    }
}

/// How a failure at `now` is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Add one to the current window.
    InWindow,
    /// The first failure, or the first after the old window ended: a new window starts now.
    NewWindow(DateTime<Utc>),
}

pub fn count_failure(failures: Option<Failures>, limit: Limit, now: DateTime<Utc>) -> Count {
    match failures {
        Some(f) if now < f.window_started_at + limit.window => Count::InWindow,
        _ => Count::NewWindow(now),
    }
}

/// Whole seconds for a `Retry-After` header, rounded up.
pub fn retry_after_secs(wait: Duration) -> u64 {
    let millis = wait.num_milliseconds().max(0) as u64;
    millis.div_ceil(1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(sec: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(sec)
    }

    const LIMIT: Limit = Limit {
        max_failures: 3,
        window: Duration::seconds(900),
    };

    #[test]
    fn locks_only_at_the_limit_within_the_window() {
        assert_eq!(locked_for(None, LIMIT, t(0)), None);
        let two = Failures {
            count: 2,
            window_started_at: t(0),
        };
        assert_eq!(locked_for(Some(two), LIMIT, t(10)), None);
        let three = Failures {
            count: 3,
            window_started_at: t(0),
        };
        assert_eq!(
            locked_for(Some(three), LIMIT, t(10)),
            Some(Duration::seconds(890))
        );
        assert_eq!(
            locked_for(Some(three), LIMIT, t(899)),
            Some(Duration::seconds(1))
        );
        assert_eq!(
            locked_for(Some(three), LIMIT, t(900)),
            None,
            "the window has passed"
        );
        let many = Failures {
            count: 50,
            window_started_at: t(0),
        };
        assert!(locked_for(Some(many), LIMIT, t(1)).is_some());
    }

    #[test]
    fn a_failure_after_the_window_starts_a_new_one() {
        let f = Failures {
            count: 2,
            window_started_at: t(0),
        };
        assert_eq!(count_failure(None, LIMIT, t(5)), Count::NewWindow(t(5)));
        assert_eq!(
            count_failure(Some(f), LIMIT, t(0)),
            Count::InWindow,
            "same instant"
        );
        assert_eq!(count_failure(Some(f), LIMIT, t(100)), Count::InWindow);
        assert_eq!(
            count_failure(Some(f), LIMIT, t(900)),
            Count::NewWindow(t(900))
        );
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_secs(Duration::milliseconds(1500)), 2);
        assert_eq!(retry_after_secs(Duration::seconds(890)), 890);
        assert_eq!(retry_after_secs(Duration::zero()), 1);
    }
}

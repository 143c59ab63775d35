//! When to try an e-mail again after a failed delivery.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryIn(Duration),
    GiveUp,
}

/// After the `attempts`-th failed attempt (counting from 1): wait `base × 2^(attempts-1)`,
/// capped, with "equal jitter" (half fixed, half random by `jitter` ∈ [0, 1]) so that many
/// instances retrying together spread out; or give up once `max_attempts` are used.
pub fn after_failure(policy: RetryPolicy, attempts: u32, jitter: f64) -> AfterFailure {
    if attempts >= policy.max_attempts {
        return AfterFailure::GiveUp;
    }
    let exponent = attempts.saturating_sub(1).min(32);
    let backoff = policy
        .base
        .checked_mul(1u32 << exponent.min(31))
        .unwrap_or(policy.cap)
        .min(policy.cap);
    let half = backoff / 2;
    let jitter = jitter.clamp(0.0, 1.0);
    AfterFailure::RetryIn(half + half.mul_f64(jitter))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_attempts: 5,
        base: Duration::from_secs(30),
        cap: Duration::from_secs(600),
    };

    #[test]
    fn doubles_with_jitter_and_caps() {
        assert_eq!(
            after_failure(POLICY, 1, 0.0),
            AfterFailure::RetryIn(Duration::from_secs(15))
        );
        assert_eq!(
            after_failure(POLICY, 1, 1.0),
            AfterFailure::RetryIn(Duration::from_secs(30))
        );
        assert_eq!(
            after_failure(POLICY, 2, 1.0),
            AfterFailure::RetryIn(Duration::from_secs(60))
        );
        assert_eq!(
            after_failure(POLICY, 3, 0.5),
            AfterFailure::RetryIn(Duration::from_secs(90))
        );
        let long = RetryPolicy {
            max_attempts: 100,
            ..POLICY
        };
        assert_eq!(
            after_failure(long, 60, 1.0),
            AfterFailure::RetryIn(Duration::from_secs(600))
        );
        assert_eq!(
            after_failure(long, 60, 7.0),
            AfterFailure::RetryIn(Duration::from_secs(600)),
            "jitter clamped"
        );
    }

    #[test]
    fn gives_up_after_the_last_attempt() {
        assert!(matches!(
            after_failure(POLICY, 4, 0.3),
            AfterFailure::RetryIn(_)
        ));
        assert_eq!(after_failure(POLICY, 5, 0.3), AfterFailure::GiveUp);
        assert_eq!(after_failure(POLICY, 9, 0.3), AfterFailure::GiveUp);
    }
}

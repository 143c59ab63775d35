//! Password hashing with argon2id. Hashing is CPU-heavy, so it runs on the blocking pool.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use rand::distributions::Alphanumeric;

use crate::config::AuthSettings;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("invalid argon2 parameters: {0}")]
    Params(argon2::Error),
    #[error("hashing failed: {0}")]
    Hash(argon2::password_hash::Error),
    #[error("the hashing task was cancelled")]
    Cancelled,
}

/// The outcome of checking a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Correct, but hashed with other parameters: store this new hash.
    YesRehashed(String),
}

/// Hashes and verifies with the configured parameters (OWASP's by default: 19 MiB, t=2, p=1).
#[derive(Clone)]
pub struct Passwords {
    params: Params,
    /// A hash of a random password: unknown logins are verified against it, so that they take
    /// as long as known ones and do not reveal which accounts exist.
    dummy: Arc<str>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl Passwords {
    pub fn new(settings: &AuthSettings) -> Result<Self, PasswordError> {
        let params = Params::new(
            settings.argon2_memory_kib,
            settings.argon2_iterations,
            settings.argon2_parallelism,
            None,
        )
        .map_err(PasswordError::Params)?;
        let dummy = hash_with(&params, &generate(32))?;
        Ok(Self {
            params,
            dummy: dummy.into(),
        })
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password`.
    pub async fn hash(&self, password: String) -> Result<String, PasswordError> {
        let params = self.params.clone();
        tokio::task::spawn_blocking(move || hash_with(&params, &password))
            .await
            .map_err(|_| PasswordError::Cancelled)?
    }

    /// Checks `password` against `stored` (or against the dummy hash when there is no account
    /// or no password, which always fails but costs the same).
    pub async fn verify(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<Verified, PasswordError> {
        let params = self.params.clone();
        let dummy = self.dummy.clone();
        tokio::task::spawn_blocking(move || {
            let (phc, real) = match &stored {
                Some(hash) => (hash.as_str(), true),
                None => (&*dummy, false),
            };
            let Ok(parsed) = PasswordHash::new(phc) else {
                return Ok(Verified::No);
            };
            let ok = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            if !(ok && real) {
                return Ok(Verified::No);
            }
            let current = Params::try_from(&parsed).ok();
            let same = parsed.algorithm == Algorithm::Argon2id.ident()
                && current.is_some_and(|p| {
                    p.m_cost() == params.m_cost()
                        && p.t_cost() == params.t_cost()
                        && p.p_cost() == params.p_cost()
                });
            if same {
                Ok(Verified::Yes)
            } else {
                hash_with(&params, &password).map(Verified::YesRehashed)
            }
        })
        .await
        .map_err(|_| PasswordError::Cancelled)?
    }
}

fn hash_with(params: &Params, password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(PasswordError::Hash)
}

/// A random password of letters and digits, for generated accounts; shown once, never stored.
pub fn generate(length: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> AuthSettings {
        AuthSettings {
            argon2_memory_kib: 1024,
            argon2_iterations: 1,
            ..AuthSettings::default()
        }
    }

    #[tokio::test]
    async fn hashes_verify_and_are_salted() {
        let p = Passwords::new(&AuthSettings::default()).unwrap();
        let a = p.hash("correct horse battery".into()).await.unwrap();
        let b = p.hash("correct horse battery".into()).await.unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_eq!(
            p.verify("correct horse battery".into(), Some(a.clone()))
                .await
                .unwrap(),
            Verified::Yes
        );
        assert_eq!(
            p.verify("wrong".into(), Some(a)).await.unwrap(),
            Verified::No
        );
        assert_eq!(
            p.verify("anything".into(), None).await.unwrap(),
            Verified::No
        );
        assert_eq!(
            p.verify("x".into(), Some("not a hash".into()))
                .await
                .unwrap(),
            Verified::No
        );
    }

    #[tokio::test]
    async fn changed_parameters_rehash_on_success_only() {
        let old = Passwords::new(&cheap()).unwrap();
        let new = Passwords::new(&AuthSettings::default()).unwrap();
        let stored = old.hash("a good long password".into()).await.unwrap();
        match new
            .verify("a good long password".into(), Some(stored.clone()))
            .await
            .unwrap()
        {
            Verified::YesRehashed(fresh) => {
                assert!(fresh.contains("m=19456,t=2,p=1"), "{fresh}");
                assert_eq!(
                    new.verify("a good long password".into(), Some(fresh))
                        .await
                        .unwrap(),
                    Verified::Yes
                );
            }
            other => panic!("expected a rehash, got {other:?}"),
        }
        assert_eq!(
            new.verify("wrong password!".into(), Some(stored))
                .await
                .unwrap(),
            Verified::No
        );
    }

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate(20);
        assert_eq!(a.len(), 20);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, generate(20));
    }
}

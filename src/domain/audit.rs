//! The audit log's hash chain: each row's hash is SHA-256(previous hash ‖ canonical row).

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of an audit row that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow<'a> {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub city_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub target: &'a str,
    pub summary: &'a str,
}

impl AuditRow<'_> {
    /// One unambiguous text per row: JSON with a fixed key order and microsecond UTC time
    /// (what both databases store exactly).
    pub fn canonical(&self) -> String {
        serde_json::json!([
            self.id,
            self.created_at.to_rfc3339_opts(SecondsFormat::Micros, true),
            self.city_id,
            self.actor_id,
            self.action,
            self.target,
            self.summary,
        ])
        .to_string()
    }
}

pub fn chain_hash(prev_hash: &str, row: &AuditRow<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(row.canonical().as_bytes());
    hex::encode(hasher.finalize())
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrokenLink {
    #[error("row {id}: it should follow {expected} but names {found} as its predecessor")]
    WrongPredecessor {
        id: i64,
        expected: String,
        found: String,
    },
    #[error("row {id}: its content does not match its hash (changed after it was written)")]
    HashMismatch { id: i64 },
}

impl BrokenLink {
    pub fn row_id(&self) -> i64 {
        match self {
            BrokenLink::WrongPredecessor { id, .. } | BrokenLink::HashMismatch { id } => *id,
        }
    }
}

/// Walks rows in id order. `expected_prev` is the hash the first given row must follow.
pub fn verify_chain<'a>(
    expected_prev: &str,
    rows: impl IntoIterator<Item = (AuditRow<'a>, &'a str, &'a str)>,
) -> Result<String, BrokenLink> {
    let mut prev = expected_prev.to_owned();
    for (row, prev_hash, hash) in rows {
        if prev_hash != prev {
            return Err(BrokenLink::WrongPredecessor {
                id: row.id,
                expected: prev,
                found: prev_hash.to_owned(),
            });
        }
        if chain_hash(prev_hash, &row) != hash {
            return Err(BrokenLink::HashMismatch { id: row.id });
        }
        prev = hash.to_owned();
    }
    Ok(prev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(id: i64, target: &str) -> AuditRow<'_> {
        AuditRow {
            id,
            created_at: Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0).unwrap(),
            city_id: Some(1),
            actor_id: Some(2),
            action: "role.grant",
            target,
            summary: r#"{"role":"moderator"}"#,
        }
    }

    fn chain(targets: &[String]) -> Vec<(AuditRow<'_>, String, String)> {
        let mut prev = GENESIS.to_owned();
        let mut out = vec![];
        for (i, t) in targets.iter().enumerate() {
            let r = row(i as i64 + 1, t);
            let h = chain_hash(&prev, &r);
            out.push((r, prev.clone(), h.clone()));
            prev = h;
        }
        out
    }

    #[test]
    fn an_intact_chain_verifies() {
        let targets: Vec<String> = (0..5).map(|i| format!("user:{i}")).collect();
        let rows = chain(&targets);
        let last = verify_chain(
            GENESIS,
            rows.iter()
                .map(|(r, p, h)| (r.clone(), p.as_str(), h.as_str())),
        )
        .unwrap();
        assert_eq!(last, rows[4].2);
        assert_eq!(last.len(), 64);
    }

    #[test]
    fn any_change_is_found_at_its_row() {
        let targets: Vec<String> = (0..5).map(|i| format!("user:{i}")).collect();
        let rows = chain(&targets);
        let tampered = "user:999".to_owned();
        let mut edited: Vec<_> = rows
            .iter()
            .map(|(r, p, h)| (r.clone(), p.as_str(), h.as_str()))
            .collect();
        edited[2].0.target = &tampered;
        assert_eq!(
            verify_chain(GENESIS, edited).unwrap_err(),
            BrokenLink::HashMismatch { id: 3 }
        );

        let mut removed: Vec<_> = rows
            .iter()
            .map(|(r, p, h)| (r.clone(), p.as_str(), h.as_str()))
            .collect();
        removed.remove(1);
        let err = verify_chain(GENESIS, removed).unwrap_err();
        assert_eq!(err.row_id(), 3, "a deleted row shows at its successor");
        assert!(matches!(err, BrokenLink::WrongPredecessor { .. }));
    }

    #[test]
    fn canonical_text_is_unambiguous() {
        let a = AuditRow {
            target: "a\",\"b",
            ..row(1, "")
        };
        let b = AuditRow {
            target: "a",
            summary: "b",
            ..row(1, "")
        };
        assert_ne!(a.canonical(), b.canonical());
        assert!(
            row(1, "x")
                .canonical()
                .contains("2027-01-01T12:00:00.000000Z")
        );
    }
}

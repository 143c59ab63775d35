//! One error type for the whole application, rendered as RFC 9457 `application/problem+json`.
//!
//! An [`AppError`] carries an HTTP status, a stable machine-readable `code` (also the key of its
//! localized title and detail in `locales/`: `problem-<code>`), the arguments of that message,
//! and, for server faults, the underlying cause. The cause is logged, never sent to the client.

use poem::error::ResponseError;
use poem::http::StatusCode;

use crate::domain::MoneyError;

#[derive(Debug, thiserror::Error)]
#[error("{code} ({status})")]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Arguments whose value is the id of another message (a status's or stage's name), given
    /// in the problem's language.
    pub labels: Vec<(&'static str, String)>,
    /// The request field at fault, e.g. `items[2].unit_price`, for forms to highlight.
    pub field: Option<String>,
    /// Seconds for a `Retry-After` header (429, 503).
    pub retry_after: Option<u64>,
    #[source]
    pub cause: Option<anyhow::Error>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self {
            status,
            code,
            args: vec![],
            labels: vec![],
            field: None,
            retry_after: None,
            cause: None,
        }
    }

    /// Adds a named argument of the localized message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// Adds a named argument that is the message `message_id` in the problem's language, e.g.
    /// a status's name.
    pub fn arg_label(mut self, name: &'static str, message_id: impl Into<String>) -> Self {
        self.labels.push((name, message_id.into()));
        self
    }

    /// The message's arguments in `lang`, the labels looked up.
    pub fn args_in(
        &self,
        localizer: &crate::i18n::Localizer,
        lang: crate::i18n::Lang,
    ) -> Vec<(&'static str, String)> {
        let labels = self
            .labels
            .iter()
            .map(|(name, id)| (*name, localizer.get(lang, id, &[])));
        self.args.iter().cloned().chain(labels).collect()
    }

    /// Names the request field at fault.
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }

    /// The problem's detail in `lang`, as its problem+json carries it (without a city's own
    /// wording): for reports that list several problems.
    pub fn detail(&self, localizer: &crate::i18n::Localizer, lang: crate::i18n::Lang) -> String {
        let args = self.args_in(localizer, lang);
        localizer.get(lang, &format!("problem-{}.detail", self.code), &args)
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated")
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden")
    }

    /// 422 with a problem code and the field at fault.
    pub fn invalid(code: &'static str, field: &str) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code).at_field(field)
    }

    /// Maps a database error: a unique-constraint violation becomes 409 `code` (naming `field`
    /// when given); anything else stays a server fault.
    pub fn on_unique(
        code: &'static str,
        field: Option<&'static str>,
    ) -> impl FnOnce(sea_orm::DbErr) -> AppError {
        move |err| {
            if crate::store::is_unique_violation(&err) {
                let conflict = AppError::new(StatusCode::CONFLICT, code);
                match field {
                    Some(field) => conflict.at_field(field),
                    None => conflict,
                }
            } else {
                AppError::from(err)
            }
        }
    }

    pub fn not_found(path: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found").arg("path", path)
    }

    pub fn invalid_request(reason: impl ToString) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid-request").arg("reason", reason)
    }

    pub fn payload_too_large(limit: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large").arg("limit", limit)
    }

    /// A fault on our side: the cause is logged with the request id; the client sees neither.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
    }

    /// Attaches the underlying cause, logged for server faults and never sent.
    pub fn with_cause(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    pub fn unavailable(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(StatusCode::SERVICE_UNAVAILABLE, "service-unavailable")
        }
    }

    pub fn is_server_error(&self) -> bool {
        self.status.is_server_error()
    }
}

impl ResponseError for AppError {
    fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            // The database is down or the pool is exhausted: tell the client to come back.
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => AppError::unavailable(err),
            _ if connection_lost(&err) => AppError::unavailable(err),
            _ => AppError::internal(err),
        }
    }
}

/// Whether a statement failed because its connection did, not because of the statement: the
/// socket broke, or PostgreSQL ended the session as it shut down or restarted (SQLSTATE class
/// 08, 57P01-57P03). sea-orm reports these as query or execution errors.
fn connection_lost(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    let (DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    match &**e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c.starts_with("08") || matches!(&*c, "57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

impl From<crate::domain::access::Denied> for AppError {
    fn from(denied: crate::domain::access::Denied) -> Self {
        match denied {
            crate::domain::access::Denied::NotSignedIn => AppError::unauthenticated(),
            crate::domain::access::Denied::Forbidden => AppError::forbidden(),
        }
    }
}

impl From<MoneyError> for AppError {
    fn from(err: MoneyError) -> Self {
        let code = match err {
            MoneyError::TooManyDecimals => "money-too-many-decimals",
            MoneyError::Overflow => "money-overflow",
            MoneyError::Invalid => "money-invalid",
        };
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sea_orm::{DbErr, RuntimeErr, sqlx};

    use super::*;

    fn query_err(err: sqlx::Error) -> DbErr {
        DbErr::Query(RuntimeErr::SqlxError(Arc::new(err)))
    }

    #[test]
    fn a_broken_connection_is_unavailable_not_internal() {
        let broken = query_err(sqlx::Error::Io(std::io::Error::from(
            std::io::ErrorKind::ConnectionReset,
        )));
        assert_eq!(
            AppError::from(broken).status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        let exec = DbErr::Exec(RuntimeErr::SqlxError(Arc::new(sqlx::Error::PoolClosed)));
        assert_eq!(AppError::from(exec).status, StatusCode::SERVICE_UNAVAILABLE);
        let wrong = query_err(sqlx::Error::ColumnNotFound("x".into()));
        assert_eq!(
            AppError::from(wrong).status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            AppError::from(DbErr::RecordNotFound("x".into())).status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}

//! Delivers the outbox: claims due e-mails, sends them over SMTP (or logs them when no SMTP
//! server is configured), and records each outcome with retry and backoff. Several instances
//! may run it at once; a claimed e-mail belongs to one of them until its lease ends.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entities::outbox;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rand::Rng;
use tokio_util::sync::CancellationToken;

use crate::config::{OutboxSettings, SmtpSettings, SmtpTls};
use crate::domain::delivery::{AfterFailure, RetryPolicy, after_failure};
use crate::state::AppState;
use crate::store;

/// Where e-mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp {
        smtp: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// No SMTP server configured: e-mails are written to the log (the offline demo).
    Log,
}

/// Why one delivery failed.
#[derive(Debug)]
pub enum SendError {
    /// Worth trying again later (server down, timeout, temporary refusal).
    Transient(String),
    /// Will never work (malformed address, permanent refusal).
    Permanent(String),
}

impl Transport {
    pub fn from_settings(settings: &SmtpSettings) -> anyhow::Result<Transport> {
        if settings.host.is_empty() {
            return Ok(Transport::Log);
        }
        let builder = match settings.tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(settings.timeout_secs)));
        if !settings.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                settings.username.clone(),
                settings.password.clone(),
            ));
        }
        Ok(Transport::Smtp {
            smtp: builder.build(),
            from: settings.from.parse()?,
        })
    }

    async fn send(&self, email: &outbox::Model) -> Result<(), SendError> {
        match self {
            Transport::Log => {
                tracing::info!(
                    id = email.id,
                    to = %email.to_address,
                    subject = %email.subject,
                    body = %email.body_text,
                    "e-mail (no SMTP server configured, logged instead of sent)"
                );
                Ok(())
            }
            Transport::Smtp { smtp, from } => {
                let to: Mailbox = email
                    .to_address
                    .parse()
                    .map_err(|e| SendError::Permanent(format!("bad address: {e}")))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(email.subject.clone())
                    // Stable per outbox row, so a receiver can recognise a resend after a crash.
                    .message_id(Some(format!(
                        "<outbox-{}-{}@hromada>",
                        email.id,
                        email.created_at.timestamp()
                    )))
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.body_text.clone())
                    .map_err(|e| SendError::Permanent(e.to_string()))?;
                smtp.send(message).await.map(|_| ()).map_err(|e| {
                    if e.is_permanent() {
                        SendError::Permanent(e.to_string())
                    } else {
                        SendError::Transient(e.to_string())
                    }
                })
            }
        }
    }
}

/// Runs until `cancel` fires; an e-mail being sent then is finished first.
pub async fn run(state: AppState, transport: Transport, cancel: CancellationToken) {
    let poll = Duration::from_millis(state.settings.outbox.poll_interval_ms.max(10));
    loop {
        match deliver_due(&state, &transport).await {
            Ok(0) => {}
            Ok(sent) => tracing::debug!(sent, "outbox round done"),
            Err(err) => tracing::warn!(error = %err, "outbox round failed; will try again"),
        }
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(poll) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}

/// One round: claims due e-mails and tries each once. Returns how many were handled.
pub async fn deliver_due(state: &AppState, transport: &Transport) -> Result<usize, sea_orm::DbErr> {
    let settings = &state.settings.outbox;
    let now = state.clock.now();
    let lease_until = now + chrono::Duration::seconds(settings.lease_secs);
    let claimed = store::outbox::claim(&state.db, now, lease_until, settings.batch_size).await?;
    let count = claimed.len();
    for email in claimed {
        let outcome = transport.send(&email).await;
        let now = state.clock.now();
        match outcome {
            Ok(()) => store::outbox::mark_sent(&state.db, email.id, now).await?,
            Err(SendError::Permanent(error)) => {
                tracing::warn!(id = email.id, %error, "e-mail refused for good");
                store::outbox::mark_failed_attempt(&state.db, email.id, &error, None).await?;
            }
            Err(SendError::Transient(error)) => {
                let retry_at = retry_time(settings, email.attempts, now);
                tracing::warn!(id = email.id, attempts = email.attempts, %error, ?retry_at, "e-mail not delivered");
                store::outbox::mark_failed_attempt(&state.db, email.id, &error, retry_at).await?;
            }
        }
    }
    Ok(count)
}

fn retry_time(
    settings: &OutboxSettings,
    attempts: i32,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let policy = RetryPolicy {
        max_attempts: settings.max_attempts.max(1) as u32,
        base: Duration::from_millis(settings.backoff_base_ms),
        cap: Duration::from_millis(settings.backoff_cap_ms),
    };
    match after_failure(
        policy,
        attempts.max(1) as u32,
        rand::thread_rng().r#gen::<f64>(),
    ) {
        AfterFailure::RetryIn(delay) => {
            let delay = chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::days(1));
            Some(now.checked_add_signed(delay).unwrap_or(now))
        }
        AfterFailure::GiveUp => None,
    }
}

//! E-mail: messages are composed from Fluent templates in the recipient's language and written
//! to the outbox in the caller's transaction; [`worker`] delivers them.

pub mod worker;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::i18n::{Lang, Localizer};
use crate::store;

/// An e-mail to send: a template (`email-<template>-subject` / `-body` in `locales/`) with its
/// arguments.
pub struct Mail<'a> {
    pub to: &'a str,
    pub lang: Lang,
    pub template: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub city_id: Option<i64>,
}

/// Writes the e-mail to the outbox. Pass the transaction of the change that causes it, so the
/// e-mail exists if and only if the change does.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    localizer: &Localizer,
    mail: Mail<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let subject = localizer.get(
        mail.lang,
        &format!("email-{}-subject", mail.template),
        &mail.args,
    );
    let body = localizer.get(
        mail.lang,
        &format!("email-{}-body", mail.template),
        &mail.args,
    );
    store::outbox::enqueue(
        db,
        store::outbox::NewEmail {
            city_id: mail.city_id,
            to_address: mail.to.to_owned(),
            lang: mail.lang.code().to_owned(),
            template: mail.template.to_owned(),
            subject,
            body_text: body,
        },
        now,
    )
    .await
}

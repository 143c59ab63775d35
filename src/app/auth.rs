//! Registration, sign-in and sign-out, password reset and e-mail verification.

use chrono::{Duration, NaiveDate};
use entities::email_token::TokenPurpose;
use entities::user;
use poem::http::StatusCode;
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::auth::SessionCtx;
use crate::auth::password::Verified;
use crate::auth::session::Client;
use crate::auth::tokens::{hash_token, random_token};
use crate::domain::login::{Login, LoginError};
use crate::domain::password_policy::{self, PasswordPolicyError};
use crate::domain::profile;
use crate::domain::throttle::{self, Limit};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::store;

/// The least time between two password-reset e-mails to one account.
const RESET_EMAIL_SPACING: Duration = Duration::minutes(5);

#[derive(Debug, Clone)]
pub struct Registration {
    pub login: String,
    pub password: String,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lang: Option<String>,
}

/// A session just created: the cookie token (given to the browser once) and its CSRF token.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub max_age: Duration,
}

pub fn parse_login(input: &str, field: &str) -> AppResult<Login> {
    Login::parse(input).map_err(|err| match err {
        LoginError::Empty => AppError::invalid("login-empty", field),
        LoginError::NotUkrainianPhone => AppError::invalid("phone-not-ukrainian", field),
        LoginError::Unrecognized => AppError::invalid("login-invalid", field),
    })
}

pub fn check_password(password: &str, login: Option<&Login>, field: &str) -> AppResult<()> {
    password_policy::check(password, login.map(Login::as_str)).map_err(|err| match err {
        PasswordPolicyError::TooShort { min } => {
            AppError::invalid("password-too-short", field).arg("min", min)
        }
        PasswordPolicyError::TooLong { max } => {
            AppError::invalid("password-too-long", field).arg("max", max)
        }
        PasswordPolicyError::TooCommon => AppError::invalid("password-too-common", field),
        PasswordPolicyError::ContainsLogin => AppError::invalid("password-contains-login", field),
    })
}

pub fn parse_phone(input: &str, field: &str) -> AppResult<String> {
    match Login::parse(input) {
        Ok(login @ Login::Phone(_)) => Ok(login.as_str().to_owned()),
        _ => Err(AppError::invalid("phone-invalid", field)),
    }
}

pub fn parse_email(input: &str, field: &str) -> AppResult<String> {
    let email = input.trim();
    match email.parse::<lettre::Address>() {
        Ok(_) if email.len() <= 254 => Ok(email.to_owned()),
        _ => Err(AppError::invalid("email-invalid", field)),
    }
}

pub fn parse_lang(input: Option<&str>) -> AppResult<Lang> {
    match input {
        None => Ok(Lang::Uk),
        Some(code) => Lang::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .ok_or_else(|| AppError::invalid("lang-invalid", "lang")),
    }
}

pub fn profile_error(err: profile::ProfileError, field: &str) -> AppError {
    match err {
        profile::ProfileError::Required => AppError::invalid("field-required", field),
        profile::ProfileError::TooLong { max } => {
            AppError::invalid("field-too-long", field).arg("max", max)
        }
        profile::ProfileError::BirthDate => AppError::invalid("birth-date-invalid", field),
        profile::ProfileError::Facebook => AppError::invalid("facebook-url-invalid", field),
    }
}

/// Creates an account and, when an e-mail address is given, sends it a verification link.
pub async fn register(state: &AppState, reg: Registration) -> AppResult<user::Model> {
    let login = parse_login(&reg.login, "login")?;
    check_password(&reg.password, Some(&login), "password")?;
    let last_name = profile::name(&reg.last_name).map_err(|e| profile_error(e, "last_name"))?;
    let first_name = profile::name(&reg.first_name).map_err(|e| profile_error(e, "first_name"))?;
    let patronymic = match &reg.patronymic {
        Some(p) => profile::text(p, 100).map_err(|e| profile_error(e, "patronymic"))?,
        None => None,
    };
    let now = state.clock.now();
    let birth_date = reg
        .birth_date
        .map(|d| profile::birth_date(d, now.date_naive()))
        .transpose()
        .map_err(|e| profile_error(e, "birth_date"))?;
    let phone = match (&reg.phone, &login) {
        (Some(phone), _) if !phone.trim().is_empty() => Some(parse_phone(phone, "phone")?),
        (_, Login::Phone(phone)) => Some(phone.clone()),
        _ => None,
    };
    let email = reg
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(|e| parse_email(e, "email"))
        .transpose()?;
    let lang = parse_lang(reg.lang.as_deref())?;
    let hash = state
        .passwords
        .hash(reg.password)
        .await
        .map_err(AppError::internal)?;

    let txn = state.db.begin().await?;
    let user = store::users::insert(
        &txn,
        store::users::NewUser {
            login: login.as_str().to_owned(),
            password_hash: Some(hash),
            last_name,
            first_name,
            patronymic,
            email: email.clone(),
            phone,
            birth_date,
            lang: lang.code().to_owned(),
            is_platform_admin: false,
            registration_address: None,
            residence_address: None,
        },
        now,
    )
    .await
    .map_err(AppError::on_unique("login-taken", Some("login")))?;
    if let Some(email) = &email {
        send_verification_in(state, &txn, &user, email).await?;
    }
    txn.commit().await?;
    Ok(user)
}

/// Writes a verification token and its e-mail in the caller's transaction.
pub async fn send_verification_in<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    user: &user::Model,
    email: &str,
) -> AppResult<()> {
    let token = random_token();
    let now = state.clock.now();
    let ttl = Duration::minutes(state.settings.auth.token_ttl_minutes);
    store::tokens::insert(
        db,
        user.id,
        TokenPurpose::VerifyEmail,
        hash_token(&token),
        email.to_owned(),
        now,
        now + ttl,
    )
    .await?;
    mail::enqueue(
        db,
        &state.localizer,
        Mail {
            to: email,
            lang: user_lang(user),
            template: "verify",
            args: vec![
                ("name", user.first_name.clone()),
                ("link", link(state, "verify-email", &token)),
                ("token", token),
                ("minutes", state.settings.auth.token_ttl_minutes.to_string()),
            ],
            city_id: None,
        },
        now,
    )
    .await?;
    Ok(())
}

fn link(state: &AppState, page: &str, token: &str) -> String {
    format!(
        "{}/{page}?token={token}",
        state.settings.server.public_url.trim_end_matches('/')
    )
}

fn user_lang(user: &user::Model) -> Lang {
    parse_lang(Some(&user.lang)).unwrap_or_default()
}

fn throttle_limits(state: &AppState) -> (Limit, Limit) {
    let auth = &state.settings.auth;
    let window = Duration::seconds(auth.failure_window_secs);
    (
        Limit {
            max_failures: auth.max_failures_per_account,
            window,
        },
        Limit {
            max_failures: auth.max_failures_per_address,
            window,
        },
    )
}

/// Signs in with login and password. Refuses, with `Retry-After`, while the account or the
/// client address has too many recent failures. A session already in the browser is replaced
/// (a new id at every sign-in).
pub async fn login(
    state: &AppState,
    client: &Client,
    login: &str,
    password: String,
    current: Option<&SessionCtx>,
) -> AppResult<(user::Model, NewSession)> {
    let login = parse_login(login, "login")?;
    let now = state.clock.now();
    let (account_limit, address_limit) = throttle_limits(state);
    let account_key = format!("account:{}", login.as_str());
    let address_key = format!("address:{}", client.address);
    let account = store::throttle::get(&state.db, &account_key).await?;
    let address = store::throttle::get(&state.db, &address_key).await?;
    let wait = [
        throttle::locked_for(account, account_limit, now),
        throttle::locked_for(address, address_limit, now),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(wait) = wait {
        return Err(
            AppError::new(StatusCode::TOO_MANY_REQUESTS, "login-throttled")
                .retry_after(throttle::retry_after_secs(wait))
                .arg("seconds", throttle::retry_after_secs(wait)),
        );
    }

    let user = store::users::find_by_login(&state.db, login.as_str()).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let verified = state
        .passwords
        .verify(password, stored)
        .await
        .map_err(AppError::internal)?;
    let user = match (user, verified) {
        (Some(user), Verified::Yes) => user,
        (Some(user), Verified::YesRehashed(hash)) => {
            store::users::set_password_hash(&state.db, user.id, hash, now).await?;
            user
        }
        (_, _) => {
            let txn = state.db.begin().await?;
            for (key, previous, limit) in [
                (&account_key, account, account_limit),
                (&address_key, address, address_limit),
            ] {
                let count = throttle::count_failure(previous, limit, now);
                store::throttle::record_failure(&txn, key, count, now).await?;
            }
            txn.commit().await?;
            return Err(AppError::new(StatusCode::UNAUTHORIZED, "login-failed"));
        }
    };

    let txn = state.db.begin().await?;
    store::throttle::clear(&txn, &account_key).await?;
    if let Some(current) = current {
        store::sessions::delete(&txn, &current.id_hash).await?;
    }
    let session = create_session(state, &txn, user.id, client).await?;
    txn.commit().await?;
    Ok((user, session))
}

/// A fresh session for `user_id` (after sign-in or registration).
pub async fn create_session<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    user_id: i64,
    client: &Client,
) -> AppResult<NewSession> {
    let token = random_token();
    let csrf_token = random_token();
    let now = state.clock.now();
    let max_age = Duration::hours(state.settings.auth.session_absolute_hours);
    store::sessions::insert(
        db,
        store::sessions::NewSession {
            id_hash: hash_token(&token),
            user_id,
            csrf_token: csrf_token.clone(),
            expires_at: now + max_age,
            user_agent: client.user_agent.clone(),
        },
        now,
    )
    .await?;
    Ok(NewSession {
        token,
        csrf_token,
        max_age,
    })
}

pub async fn logout(state: &AppState, session: &SessionCtx) -> AppResult<()> {
    store::sessions::delete(&state.db, &session.id_hash).await?;
    Ok(())
}

/// Ends every session of the signed-in user, on every device.
pub async fn logout_everywhere(state: &AppState, session: &SessionCtx) -> AppResult<u64> {
    Ok(store::sessions::delete_all_of_user(&state.db, session.user_id).await?)
}

/// Sends a reset link to the account's verified e-mail address. Answers the same whether or not
/// the account exists, so it cannot be used to find out who is registered.
pub async fn request_password_reset(state: &AppState, login: &str) -> AppResult<()> {
    let login = parse_login(login, "login")?;
    let Some(user) = store::users::find_by_login(&state.db, login.as_str()).await? else {
        tracing::info!("password reset asked for an unknown login");
        return Ok(());
    };
    let (Some(email), Some(_)) = (&user.email, user.email_verified_at) else {
        tracing::info!(
            user_id = user.id,
            "password reset asked for an account without a verified e-mail"
        );
        return Ok(());
    };
    let now = state.clock.now();
    // One reset e-mail per account every few minutes: the form cannot flood an inbox.
    if store::tokens::issued_since(
        &state.db,
        user.id,
        TokenPurpose::ResetPassword,
        now - RESET_EMAIL_SPACING,
    )
    .await?
    {
        tracing::info!(
            user_id = user.id,
            "password reset asked again too soon; no new e-mail"
        );
        return Ok(());
    }
    let token = random_token();
    let ttl = Duration::minutes(state.settings.auth.token_ttl_minutes);
    let txn = state.db.begin().await?;
    store::tokens::insert(
        &txn,
        user.id,
        TokenPurpose::ResetPassword,
        hash_token(&token),
        email.clone(),
        now,
        now + ttl,
    )
    .await?;
    mail::enqueue(
        &txn,
        &state.localizer,
        Mail {
            to: email,
            lang: user_lang(&user),
            template: "reset",
            args: vec![
                ("name", user.first_name.clone()),
                ("link", link(state, "reset-password", &token)),
                ("token", token),
                ("minutes", state.settings.auth.token_ttl_minutes.to_string()),
            ],
            city_id: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a reset token; every session of the account ends.
pub async fn reset_password(state: &AppState, token: &str, new_password: String) -> AppResult<()> {
    let now = state.clock.now();
    // A refused new password rolls the transaction back, so the token stays usable.
    let txn = state.db.begin().await?;
    let Some(token) = store::tokens::consume(
        &txn,
        TokenPurpose::ResetPassword,
        &hash_token(token.trim()),
        now,
    )
    .await?
    else {
        return Err(AppError::invalid("token-invalid", "token"));
    };
    let user = store::users::find(&txn, token.user_id)
        .await?
        .ok_or_else(|| AppError::invalid("token-invalid", "token"))?;
    let login = Login::parse(&user.login).ok();
    check_password(&new_password, login.as_ref(), "password")?;
    let hash = state
        .passwords
        .hash(new_password)
        .await
        .map_err(AppError::internal)?;
    store::users::set_password_hash(&txn, user.id, hash, now).await?;
    store::sessions::delete_all_of_user(&txn, user.id).await?;
    store::throttle::clear(&txn, &format!("account:{}", user.login)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn verify_email(state: &AppState, token: &str) -> AppResult<()> {
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let Some(token) = store::tokens::consume(
        &txn,
        TokenPurpose::VerifyEmail,
        &hash_token(token.trim()),
        now,
    )
    .await?
    else {
        return Err(AppError::invalid("token-invalid", "token"));
    };
    if !store::users::mark_email_verified(&txn, token.user_id, &token.email, now).await? {
        // The address changed since the link was sent.
        return Err(AppError::invalid("token-invalid", "token"));
    }
    txn.commit().await?;
    Ok(())
}

/// Sends a new verification link to the signed-in user's unverified address.
pub async fn resend_verification(state: &AppState, session: &SessionCtx) -> AppResult<()> {
    let user = store::users::find(&state.db, session.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let Some(email) = user.email.clone() else {
        return Err(AppError::invalid("email-missing", "email"));
    };
    if user.email_verified_at.is_some() {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "email-already-verified",
        ));
    }
    let txn = state.db.begin().await?;
    send_verification_in(state, &txn, &user, &email).await?;
    txn.commit().await?;
    Ok(())
}

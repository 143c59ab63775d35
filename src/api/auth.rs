//! Registration, sign-in and out, password reset, e-mail verification.

use chrono::NaiveDate;
use poem::Result;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::me::ProfileDto;
use super::types::Done;
use crate::app::auth::{self, NewSession, Registration};
use crate::auth::Auth;
use crate::auth::session::{Client, SessionCookie, clear_cookie, session_cookie};
use crate::state::AppState;

pub struct AuthApi;

#[derive(Debug, Object)]
pub struct RegisterIn {
    /// A phone number (+380…, 0…, any common spelling) or a passport number (booklet
    /// «МЕ 123456» or ID card «123456789»).
    pub login: String,
    /// At least 10 characters, not a common password.
    #[oai(write_only)]
    pub password: String,
    pub last_name: String,
    pub first_name: String,
    #[oai(nullable)]
    pub patronymic: Option<String>,
    #[oai(nullable)]
    pub birth_date: Option<NaiveDate>,
    /// A contact phone; the login when it is a phone and this is empty.
    #[oai(nullable)]
    pub phone: Option<String>,
    /// Receives a verification link.
    #[oai(nullable)]
    pub email: Option<String>,
    /// `uk` (default) or `en`, for e-mails.
    #[oai(nullable)]
    pub lang: Option<String>,
}

#[derive(Debug, Object)]
pub struct LoginIn {
    pub login: String,
    #[oai(write_only)]
    pub password: String,
}

#[derive(Debug, Object)]
pub struct SessionOut {
    /// Send it as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE.
    pub csrf_token: String,
    pub user: ProfileDto,
}

#[derive(Debug, Object)]
pub struct ResetRequestIn {
    pub login: String,
}

#[derive(Debug, Object)]
pub struct ResetIn {
    /// From the e-mailed link.
    pub token: String,
    #[oai(write_only)]
    pub new_password: String,
}

#[derive(Debug, Object)]
pub struct TokenIn {
    pub token: String,
}

#[derive(ApiResponse)]
pub enum SignedIn {
    /// Signed in; the session cookie is set.
    #[oai(status = 200)]
    Ok(Json<SessionOut>, #[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
pub enum Registered {
    /// The account exists and is signed in.
    #[oai(status = 201)]
    Created(Json<SessionOut>, #[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
pub enum SignedOut {
    /// Signed out; the cookie is cleared.
    #[oai(status = 204)]
    NoContent(#[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
pub enum Accepted {
    /// Accepted; an e-mail follows if the request can be honoured.
    #[oai(status = 202)]
    Accepted,
}

fn cookie(state: &AppState, session: &NewSession) -> String {
    session_cookie(
        &session.token,
        session.max_age,
        state.settings.auth.cookie_secure,
    )
    .to_str()
    .unwrap_or_default()
    .to_owned()
}

#[OpenApi(tag = "ApiTags::Auth")]
impl AuthApi {
    /// Creates a resident's account and signs it in.
    #[oai(path = "/auth/register", method = "post", operation_id = "register")]
    async fn register(
        &self,
        state: Data<&AppState>,
        client: Data<&Client>,
        body: Json<RegisterIn>,
    ) -> Result<Registered> {
        let b = body.0;
        let user = auth::register(
            &state,
            Registration {
                login: b.login,
                password: b.password,
                last_name: b.last_name,
                first_name: b.first_name,
                patronymic: b.patronymic,
                birth_date: b.birth_date,
                phone: b.phone,
                email: b.email,
                lang: b.lang,
            },
        )
        .await?;
        let session = auth::create_session(&state, &state.db, user.id, &client).await?;
        let profile = crate::app::profile::get_by_id(&state, user.id).await?;
        Ok(Registered::Created(
            Json(SessionOut {
                csrf_token: session.csrf_token.clone(),
                user: profile.into(),
            }),
            cookie(&state, &session),
        ))
    }

    /// Signs in with login and password; a new session id every time.
    #[oai(path = "/auth/login", method = "post", operation_id = "login")]
    async fn login(
        &self,
        state: Data<&AppState>,
        client: Data<&Client>,
        current: Data<&Auth>,
        body: Json<LoginIn>,
    ) -> Result<SignedIn> {
        let LoginIn { login, password } = body.0;
        let (user, session) =
            auth::login(&state, &client, &login, password, current.0.0.as_ref()).await?;
        let profile = crate::app::profile::get_by_id(&state, user.id).await?;
        Ok(SignedIn::Ok(
            Json(SessionOut {
                csrf_token: session.csrf_token.clone(),
                user: profile.into(),
            }),
            cookie(&state, &session),
        ))
    }

    /// The current session: who is signed in and the CSRF token.
    #[oai(path = "/auth/session", method = "get", operation_id = "getSession")]
    async fn session(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
    ) -> Result<Json<SessionOut>> {
        let profile = crate::app::profile::get_by_id(&state, session.0.user_id).await?;
        Ok(Json(SessionOut {
            csrf_token: session.0.csrf_token,
            user: profile.into(),
        }))
    }

    /// Ends this session.
    #[oai(path = "/auth/logout", method = "post", operation_id = "logout")]
    async fn logout(&self, state: Data<&AppState>, session: SessionCookie) -> Result<SignedOut> {
        auth::logout(&state, &session.0).await?;
        Ok(SignedOut::NoContent(clear(&state)))
    }

    /// Ends every session of this account, on every device.
    #[oai(
        path = "/auth/logout-everywhere",
        method = "post",
        operation_id = "logoutEverywhere"
    )]
    async fn logout_everywhere(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
    ) -> Result<SignedOut> {
        auth::logout_everywhere(&state, &session.0).await?;
        Ok(SignedOut::NoContent(clear(&state)))
    }

    /// E-mails a password reset link to the account's verified address (the answer is the
    /// same whether or not the account exists).
    #[oai(
        path = "/auth/password-reset",
        method = "post",
        operation_id = "requestPasswordReset"
    )]
    async fn request_reset(
        &self,
        state: Data<&AppState>,
        body: Json<ResetRequestIn>,
    ) -> Result<Accepted> {
        auth::request_password_reset(&state, &body.login).await?;
        Ok(Accepted::Accepted)
    }

    /// Sets a new password with the e-mailed token; every session of the account ends.
    #[oai(
        path = "/auth/password-reset/confirm",
        method = "post",
        operation_id = "resetPassword"
    )]
    async fn reset(&self, state: Data<&AppState>, body: Json<ResetIn>) -> Result<Done> {
        let b = body.0;
        auth::reset_password(&state, &b.token, b.new_password).await?;
        Ok(Done::NoContent)
    }

    /// Confirms an e-mail address with the e-mailed token.
    #[oai(
        path = "/auth/email/verify",
        method = "post",
        operation_id = "verifyEmail"
    )]
    async fn verify_email(&self, state: Data<&AppState>, body: Json<TokenIn>) -> Result<Done> {
        auth::verify_email(&state, &body.token).await?;
        Ok(Done::NoContent)
    }

    /// Sends a new verification link to the signed-in user's address.
    #[oai(
        path = "/auth/email/resend",
        method = "post",
        operation_id = "resendVerification"
    )]
    async fn resend(&self, state: Data<&AppState>, session: SessionCookie) -> Result<Accepted> {
        auth::resend_verification(&state, &session.0).await?;
        Ok(Accepted::Accepted)
    }
}

fn clear(state: &AppState) -> String {
    clear_cookie(state.settings.auth.cookie_secure)
        .to_str()
        .unwrap_or_default()
        .to_owned()
}

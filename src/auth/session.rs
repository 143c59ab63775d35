//! Server-side sessions: the cookie carries a random token, the database keeps its hash with
//! the user, a CSRF token and the expiry times. [`Sessions`] resolves the cookie on every API
//! request, enforces CSRF on state-changing ones, and puts an [`Auth`] in the request.

use chrono::{DateTime, Duration, Utc};
use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::{Endpoint, Middleware, Request, Result};
use poem_openapi::SecurityScheme;
use poem_openapi::auth::ApiKey;

use super::tokens::{constant_time_eq, hash_token};
use crate::config::AuthSettings;
use crate::domain::access::{Actor, CityRole};
use crate::error::AppError;
use crate::state::AppState;
use crate::store;

pub const COOKIE: &str = "hromada_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Sessions are written at most this often when only their last use changes.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// A valid session of a signed-in user.
#[derive(Debug, Clone)]
pub struct SessionCtx {
    pub id_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub actor: Actor,
}

/// Who is asking: a session, or nobody. Always present in API requests.
#[derive(Debug, Clone, Default)]
pub struct Auth(pub Option<SessionCtx>);

impl Auth {
    pub fn actor(&self) -> Option<&Actor> {
        self.0.as_ref().map(|s| &s.actor)
    }
}

/// Where a request comes from, for throttling and the session list.
#[derive(Debug, Clone)]
pub struct Client {
    pub address: String,
    pub user_agent: Option<String>,
}

/// The session cookie, as the OpenAPI document declares it. Endpoints that take it answer 401
/// without a valid session.
#[derive(SecurityScheme)]
#[oai(
    ty = "api_key",
    key_name = "hromada_session",
    key_in = "cookie",
    checker = "session_of_request"
)]
pub struct SessionCookie(pub SessionCtx);

async fn session_of_request(req: &Request, _cookie: ApiKey) -> Option<SessionCtx> {
    req.data::<Auth>().and_then(|auth| auth.0.clone())
}

pub struct Sessions {
    pub state: AppState,
}

impl<E: Endpoint> Middleware<E> for Sessions {
    type Output = SessionsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SessionsEndpoint {
            inner: ep,
            state: self.state.clone(),
        }
    }
}

pub struct SessionsEndpoint<E> {
    inner: E,
    state: AppState,
}

impl<E: Endpoint> Endpoint for SessionsEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let session = match cookie_value(&req, COOKIE) {
            Some(token) => load(&self.state, &token).await?,
            None => None,
        };
        let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        if let (Some(session), true) = (&session, changes_state) {
            let sent = req
                .headers()
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent, &session.csrf_token) {
                return Err(AppError::new(StatusCode::FORBIDDEN, "csrf-failed").into());
            }
        }
        let client = client_of(&req, self.state.settings.server.trust_forwarded_for);
        req.set_data(Auth(session));
        req.set_data(client);
        self.inner.call(req).await
    }
}

/// The session behind a cookie token, if it exists and has not expired (idle or absolute).
async fn load(state: &AppState, token: &str) -> Result<Option<SessionCtx>, AppError> {
    let id_hash = hash_token(token);
    let Some(row) = store::sessions::find(&state.db, &id_hash).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    if !is_live(row.expires_at, row.last_seen_at, &state.settings.auth, now) {
        store::sessions::delete(&state.db, &id_hash).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        store::sessions::touch(&state.db, &id_hash, now).await?;
    }
    let Some(user) = store::users::find(&state.db, row.user_id).await? else {
        return Ok(None);
    };
    let roles = store::users::roles_of(&state.db, user.id).await?;
    Ok(Some(SessionCtx {
        id_hash,
        user_id: user.id,
        csrf_token: row.csrf_token,
        actor: Actor {
            user_id: user.id,
            platform_admin: user.is_platform_admin,
            roles: roles
                .into_iter()
                .map(|r| (r.city_id, role_of(r.role)))
                .collect(),
        },
    }))
}

pub fn is_live(
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    auth: &AuthSettings,
    now: DateTime<Utc>,
) -> bool {
    now < expires_at && now < last_seen_at + Duration::minutes(auth.session_idle_minutes)
}

pub fn role_of(role: entities::city_role::Role) -> CityRole {
    use entities::city_role::Role;
    match role {
        Role::Moderator => CityRole::Moderator,
        Role::Admin => CityRole::Admin,
        Role::Observer => CityRole::Observer,
        Role::Expert => CityRole::Expert,
    }
}

pub fn cookie_value(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The client's address. Behind the one trusted proxy it is the *last* `X-Forwarded-For`
/// entry, the one that proxy appended: earlier entries come from the client and can be forged.
fn client_of(req: &Request, trust_forwarded_for: bool) -> Client {
    let forwarded = trust_forwarded_for
        .then(|| {
            let header = req.headers().get("x-forwarded-for")?.to_str().ok()?;
            header.rsplit(',').next().map(|s| s.trim().to_owned())
        })
        .flatten()
        .filter(|s| !s.is_empty());
    let address = forwarded.unwrap_or_else(|| {
        req.remote_addr()
            .as_socket_addr()
            .map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned())
    });
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(255).collect());
    Client {
        address,
        user_agent,
    }
}

/// A `Set-Cookie` value for an HttpOnly, SameSite=Lax cookie; `max_age` 0 removes it.
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: Duration, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        max_age.num_seconds().max(0)
    )
}

/// `Set-Cookie` for a new session, valid until its absolute expiry.
pub fn session_cookie(token: &str, max_age: Duration, secure: bool) -> HeaderValue {
    HeaderValue::from_str(&set_cookie(COOKIE, token, "/", max_age, secure))
        .expect("cookie is ASCII")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    HeaderValue::from_str(&set_cookie(COOKIE, "", "/", Duration::zero(), secure))
        .expect("cookie is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn sessions_expire_when_idle_or_old() {
        let auth = AuthSettings {
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            ..Default::default()
        };
        let start = Utc.with_ymd_and_hms(2027, 1, 1, 8, 0, 0).unwrap();
        let expires = start + Duration::hours(12);
        assert!(is_live(
            expires,
            start,
            &auth,
            start + Duration::minutes(29)
        ));
        assert!(!is_live(
            expires,
            start,
            &auth,
            start + Duration::minutes(30)
        ));
        let recent = start + Duration::hours(11) + Duration::minutes(50);
        assert!(is_live(
            expires,
            recent,
            &auth,
            start + Duration::hours(11) + Duration::minutes(59)
        ));
        assert!(!is_live(
            expires,
            recent,
            &auth,
            start + Duration::hours(12)
        ));
    }

    #[test]
    fn behind_a_proxy_the_last_forwarded_address_counts() {
        let req = Request::builder()
            .header("x-forwarded-for", "6.6.6.6, 203.0.113.7")
            .finish();
        assert_eq!(
            client_of(&req, true).address,
            "203.0.113.7",
            "the forged first entry is ignored"
        );
        assert_ne!(
            client_of(&req, false).address,
            "203.0.113.7",
            "not trusted unless configured"
        );
        let single = Request::builder()
            .header("x-forwarded-for", "198.51.100.2")
            .finish();
        assert_eq!(client_of(&single, true).address, "198.51.100.2");
    }

    #[test]
    fn cookies_are_hardened() {
        let c = session_cookie("abc", Duration::hours(12), true);
        assert_eq!(
            c,
            "hromada_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure"
        );
        assert!(!clear_cookie(false).to_str().unwrap().contains("Secure"));
        assert!(clear_cookie(true).to_str().unwrap().contains("Max-Age=0"));
    }
}

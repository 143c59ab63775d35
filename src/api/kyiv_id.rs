//! Kyiv ID sign-in: browser redirects, and a localized page when something goes wrong.

use chrono::Duration;
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Html;
use poem_openapi::{ApiResponse, OpenApi};

use super::ApiTags;
use crate::app::kyiv_id::{self, Callback, FLOW_TTL, Finished};
use crate::auth::Auth;
use crate::auth::session::{Client, cookie_value, session_cookie, set_cookie};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

pub struct KyivIdApi;

/// The cookie that binds a sign-in in progress to the browser that started it.
const FLOW_COOKIE: &str = "hromada_oidc";

#[derive(ApiResponse)]
pub enum BrowserOut {
    /// On to the provider, or back to the site signed in.
    #[oai(status = 302)]
    Redirect(
        #[oai(header = "Location")] String,
        #[oai(header = "Set-Cookie")] String,
    ),
    #[oai(status = 400)]
    BadRequest(Html<String>),
    #[oai(status = 401)]
    Unauthorized(Html<String>),
    #[oai(status = 404)]
    NotFound(Html<String>),
    #[oai(status = 409)]
    Conflict(Html<String>),
    #[oai(status = 422)]
    Unprocessable(Html<String>),
    #[oai(status = 500)]
    Internal(Html<String>),
    #[oai(status = 502)]
    BadGateway(Html<String>),
}

/// The flow cookie: only the sign-in endpoints see it.
fn flow_cookie(value: &str, max_age: Duration, state: &AppState) -> String {
    set_cookie(
        FLOW_COOKIE,
        value,
        "/api/v1/auth/kyiv-id",
        max_age,
        state.settings.auth.cookie_secure,
    )
}

/// Text for an HTML page: no markup survives, `&` and `<` are escaped.
fn escape(text: &str) -> String {
    ammonia::Builder::empty().clean(text).to_string()
}

/// A small page in the resident's language that says what went wrong and what to do.
fn page(state: &AppState, lang: Lang, error: AppError) -> BrowserOut {
    if error.is_server_error() {
        tracing::error!(code = error.code, error = ?error.cause, "Kyiv ID sign-in failed");
    }
    let key = format!("problem-{}", error.code);
    let args = error.args_in(&state.localizer, lang);
    let title = state.localizer.get(lang, &key, &args);
    let detail = state.localizer.get(lang, &format!("{key}.detail"), &args);
    let home = state.localizer.get(lang, "page-back-home", &[]);
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/app.css\"></head>\
         <body><main><h1>{title}</h1><p role=\"alert\">{detail}</p><p><a href=\"/\">{home}</a></p></main></body></html>",
        lang = lang.code(),
        title = escape(&title),
        detail = escape(&detail),
        home = escape(&home),
    );
    let html = Html(html);
    match error.status.as_u16() {
        401 => BrowserOut::Unauthorized(html),
        404 => BrowserOut::NotFound(html),
        409 => BrowserOut::Conflict(html),
        422 => BrowserOut::Unprocessable(html),
        502..=504 => BrowserOut::BadGateway(html),
        500..=599 => BrowserOut::Internal(html),
        _ => BrowserOut::BadRequest(html),
    }
}

#[OpenApi(tag = "ApiTags::Auth")]
impl KyivIdApi {
    /// Starts signing in with Kyiv ID (a browser navigation, not an API call). With
    /// `link=true` a signed-in resident links Kyiv ID to this account. `city` names the city
    /// whose current session decides which profile fields are required.
    #[oai(
        path = "/auth/kyiv-id/start",
        method = "get",
        operation_id = "startKyivId"
    )]
    async fn start(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        city: Query<Option<String>>,
        link: Query<Option<bool>>,
    ) -> BrowserOut {
        match kyiv_id::start(&state, auth.0.0.as_ref(), link.0.unwrap_or(false), city.0).await {
            Ok(started) => {
                let cookie = flow_cookie(&started.browser_token, FLOW_TTL, &state);
                BrowserOut::Redirect(started.url, cookie)
            }
            Err(error) => page(&state, super::types::request_lang(req), error),
        }
    }

    /// Where Kyiv ID sends the browser back.
    #[oai(
        path = "/auth/kyiv-id/callback",
        method = "get",
        operation_id = "kyivIdCallback"
    )]
    async fn callback(
        &self,
        req: &Request,
        state: Data<&AppState>,
        client: Data<&Client>,
        code: Query<Option<String>>,
        #[oai(name = "state")] state_param: Query<Option<String>>,
        error: Query<Option<String>>,
    ) -> BrowserOut {
        let lang = super::types::request_lang(req);
        let callback = Callback {
            code: code.0,
            state: state_param.0,
            error: error.0,
        };
        match kyiv_id::finish(
            &state,
            &client,
            callback,
            cookie_value(req, FLOW_COOKIE).as_deref(),
            lang,
        )
        .await
        {
            Ok(Finished::SignedIn(session)) => {
                let cookie = session_cookie(
                    &session.token,
                    session.max_age,
                    state.settings.auth.cookie_secure,
                );
                BrowserOut::Redirect("/".into(), cookie.to_str().unwrap_or_default().to_owned())
            }
            Ok(Finished::Linked) => {
                let cleared = flow_cookie("", Duration::zero(), &state);
                BrowserOut::Redirect("/?kyiv_id=linked".into(), cleared)
            }
            Err(error) => page(&state, lang, error),
        }
    }
}

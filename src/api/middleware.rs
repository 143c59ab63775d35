//! Cross-cutting HTTP behaviour: request ids and logging, metrics, problem responses, body
//! limits and panic recovery. The order is fixed in [`crate::startup::build_app`].

use std::sync::Arc;
use std::time::Instant;

use poem::PathPattern;
use poem::http::header::{CONTENT_LENGTH, CONTENT_TYPE, TRANSFER_ENCODING};
use poem::http::{HeaderValue, StatusCode};
use poem::middleware::PanicHandler;
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, Result};
use tracing::Instrument;

use crate::error::AppError;
use crate::i18n::{Lang, Localizer};
use crate::state::AppState;
use crate::telemetry::Metrics;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the current request, from the client's `x-request-id` or freshly generated.
#[derive(Debug, Clone)]
pub struct RequestId(pub Arc<str>);

fn request_id_from(req: &Request) -> Arc<str> {
    req.headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        // Accept only short, printable ids so that logs cannot be forged or flooded.
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(Arc::from)
        .unwrap_or_else(|| Arc::from(uuid::Uuid::new_v4().to_string()))
}

/// Outermost layer: request id, a tracing span for every log line of the request, one access
/// log line, and metrics.
pub struct Observe {
    pub metrics: Arc<Metrics>,
}

impl<E: Endpoint> Middleware<E> for Observe {
    type Output = ObserveEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        ObserveEndpoint {
            inner: ep,
            metrics: self.metrics.clone(),
        }
    }
}

pub struct ObserveEndpoint<E> {
    inner: E,
    metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for ObserveEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let id = request_id_from(&req);
        req.extensions_mut().insert(RequestId(id.clone()));
        let method = req.method().clone();
        let path = req.uri().path().to_owned();
        let span = tracing::info_span!("request", request_id = %id, %method, %path);
        let started = Instant::now();
        async move {
            let result = self.inner.call(req).await;
            let mut response = match result {
                Ok(output) => output.into_response(),
                Err(err) => err.into_response(),
            };
            let elapsed = started.elapsed();
            let route = response
                .data::<PathPattern>()
                .map(|p| p.0.to_string())
                .unwrap_or_else(|| "unmatched".to_owned());
            let status = response.status();
            self.metrics
                .observe_request(method.as_str(), &route, status.as_u16(), elapsed);
            if let Ok(value) = HeaderValue::from_str(&id) {
                response.headers_mut().insert(REQUEST_ID_HEADER, value);
            }
            tracing::info!(
                status = status.as_u16(),
                %route,
                latency_ms = elapsed.as_secs_f64() * 1000.0,
                "request finished"
            );
            Ok(response)
        }
        .instrument(span)
        .await
    }
}

/// Turns every error, and every bodiless error response (a caught panic, a framework 404),
/// into a localized problem+json response. On a city's paths (`/api/v1/cities/{slug}/…`) the
/// city's translation overrides apply.
pub struct Problems {
    pub state: AppState,
}

impl<E: Endpoint> Middleware<E> for Problems {
    type Output = ProblemsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        ProblemsEndpoint {
            inner: ep,
            state: self.state.clone(),
        }
    }
}

pub struct ProblemsEndpoint<E> {
    inner: E,
    state: AppState,
}

/// The city slug of a request path like `/api/v1/cities/{slug}/…`.
fn city_of_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api/v1/cities/")?;
    let slug = rest.split('/').next()?;
    (!slug.is_empty() && slug.len() <= 64).then_some(slug)
}

impl<E: Endpoint> Endpoint for ProblemsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let lang = Lang::negotiate(
            req.headers()
                .get(poem::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        );
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|id| id.0.to_string())
            .unwrap_or_default();
        let method = req.method().to_string();
        let path = req.uri().path().to_owned();
        let (error, pattern) = match self.inner.call(req).await {
            Ok(output) => {
                let mut response = output.into_response();
                let body = response.take_body();
                if response.status().as_u16() < 400 || !body.is_empty() {
                    response.set_body(body);
                    return Ok(response);
                }
                let pattern = response.data::<PathPattern>().cloned();
                (error_for_status(response.status(), &method, &path), pattern)
            }
            Err(err) => {
                let pattern = err.data::<PathPattern>().cloned();
                (to_app_error(err, &method, &path), pattern)
            }
        };
        let key = format!("problem-{}", error.code);
        let overrides = match city_of_path(&path) {
            Some(slug) if !error.is_server_error() => {
                let [title, detail] = crate::app::content::override_texts(
                    &self.state,
                    slug,
                    lang,
                    [key.as_str(), &format!("{key}.detail")],
                )
                .await;
                Overrides { title, detail }
            }
            _ => Overrides::default(),
        };
        let mut response = render(&self.state.localizer, lang, &request_id, error, &overrides);
        if let Some(pattern) = pattern {
            response.set_data(pattern);
        }
        Ok(response)
    }
}

fn error_for_status(status: StatusCode, method: &str, path: &str) -> AppError {
    match status {
        StatusCode::NOT_FOUND => AppError::not_found(path),
        StatusCode::METHOD_NOT_ALLOWED => {
            AppError::new(status, "method-not-allowed").arg("method", method)
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::new(status, "payload-too-large").arg("limit", "?")
        }
        s if s.is_server_error() => {
            AppError::internal(anyhow::anyhow!("{s} response without a body"))
        }
        s => AppError::new(s, "invalid-request").arg("reason", s.canonical_reason().unwrap_or("")),
    }
}

/// Maps framework errors to stable problem codes.
fn to_app_error(err: poem::Error, method: &str, path: &str) -> AppError {
    use poem_openapi::error::{
        ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError,
    };

    let err = match err.downcast::<AppError>() {
        Ok(app) => return app,
        Err(err) => err,
    };
    if let Some(e) = err.downcast_ref::<ParseRequestPayloadError>() {
        return AppError::new(StatusCode::BAD_REQUEST, "malformed-json").arg("reason", &e.reason);
    }
    if let Some(e) = err.downcast_ref::<ContentTypeError>() {
        let actual = match e {
            ContentTypeError::NotSupported { content_type } => content_type.clone(),
            ContentTypeError::ExpectContentType => "—".to_owned(),
        };
        return AppError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type")
            .arg("expected", "application/json")
            .arg("actual", actual);
    }
    if let Some(e) = err.downcast_ref::<ParseParamError>() {
        return AppError::invalid_request(format!("{}: {}", e.name, e.reason));
    }
    if let Some(e) = err.downcast_ref::<ParsePathError>() {
        return AppError::invalid_request(format!("{}: {}", e.name, e.reason));
    }
    let status = err.status();
    if status.is_server_error() {
        return AppError::internal(anyhow::anyhow!("{err}"));
    }
    match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED | StatusCode::PAYLOAD_TOO_LARGE => {
            error_for_status(status, method, path)
        }
        // poem-openapi's answer when an endpoint's security scheme finds no valid session.
        StatusCode::UNAUTHORIZED => AppError::unauthenticated(),
        _ => AppError::new(status, "invalid-request").arg("reason", err.to_string()),
    }
}

/// A city's own wording of a problem's title and detail.
#[derive(Debug, Default)]
pub struct Overrides {
    pub title: Option<String>,
    pub detail: Option<String>,
}

/// The problem+json body of RFC 9457, with our stable `code` and the request id.
pub fn render(
    localizer: &Localizer,
    lang: Lang,
    request_id: &str,
    error: AppError,
    overrides: &Overrides,
) -> Response {
    if error.is_server_error() {
        match &error.cause {
            Some(cause) => tracing::error!(code = error.code, error = ?cause, "request failed"),
            None => tracing::error!(code = error.code, "request failed"),
        }
    } else {
        tracing::debug!(
            code = error.code,
            status = error.status.as_u16(),
            "request refused"
        );
    }
    let key = format!("problem-{}", error.code);
    let mut args = error.args_in(localizer, lang);
    args.push(("request_id", request_id.to_owned()));
    let mut body = serde_json::json!({
        "type": format!("urn:hromada:problem:{}", error.code),
        "title": text(localizer, lang, &key, overrides.title.as_deref(), &args),
        "status": error.status.as_u16(),
        "code": error.code,
        "detail": text(localizer, lang, &format!("{key}.detail"), overrides.detail.as_deref(), &args),
        "request_id": request_id,
    });
    if let Some(field) = &error.field {
        body["field"] = serde_json::Value::String(field.clone());
    }
    let mut response = Response::builder()
        .status(error.status)
        .header(CONTENT_TYPE, "application/problem+json")
        .header(poem::http::header::CONTENT_LANGUAGE, lang.code());
    if let Some(secs) = error.retry_after {
        response = response.header(poem::http::header::RETRY_AFTER, secs);
    }
    response.body(body.to_string())
}

fn text(
    localizer: &Localizer,
    lang: Lang,
    key: &str,
    city_text: Option<&str>,
    args: &[(&str, String)],
) -> String {
    city_text
        .and_then(|t| localizer.format_text(lang, t, args))
        .unwrap_or_else(|| localizer.get(lang, key, args))
}

/// Refuses request bodies over the limit, whether announced by `Content-Length` or streamed:
/// `json` for JSON (and bodies without a type), `upload` for anything else (images, files).
pub struct BodyLimit {
    pub json: usize,
    pub upload: usize,
}

impl<E: Endpoint> Middleware<E> for BodyLimit {
    type Output = BodyLimitEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        BodyLimitEndpoint {
            inner: ep,
            json: self.json,
            upload: self.upload,
        }
    }
}

pub struct BodyLimitEndpoint<E> {
    inner: E,
    json: usize,
    upload: usize,
}

impl<E: Endpoint> Endpoint for BodyLimitEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.contains("json"));
        let limit = if is_json { self.json } else { self.upload };
        let declared = req
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(length) if length > limit as u64 => {
                return Err(AppError::payload_too_large(limit).into());
            }
            Some(_) => {}
            None if req.headers().contains_key(TRANSFER_ENCODING) => {
                // A streamed body of unknown length: read it up to the limit, then hand it on.
                let bytes =
                    req.take_body()
                        .into_bytes_limit(limit)
                        .await
                        .map_err(|err| match err {
                            poem::error::ReadBodyError::PayloadTooLarge => {
                                AppError::payload_too_large(limit)
                            }
                            other => AppError::invalid_request(other),
                        })?;
                req.set_body(Body::from(bytes));
            }
            None => {}
        }
        self.inner.call(req).await
    }
}

/// A panic in a handler becomes a bodiless 500, which [`Problems`] turns into a problem
/// response; the server keeps serving.
#[derive(Clone)]
pub struct PanicToProblem;

impl PanicHandler for PanicToProblem {
    type Response = StatusCode;

    fn get_response(&self, err: Box<dyn std::any::Any + Send + 'static>) -> StatusCode {
        let message = err
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| err.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        tracing::error!(panic = %message, "handler panicked");
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// The web app's Content Security Policy: its own scripts and styles only (no inline code),
/// images also from the map tile servers an admin configures (any HTTPS host), requests to
/// this origin only, and no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Security headers on every response. The API docs (`/docs`, Swagger UI with its inline
/// script) get the same headers but a CSP that allows what the Swagger UI page needs.
pub struct SecurityHeaders {
    /// Whether the site is served over HTTPS (then browsers are told to keep to it: HSTS).
    pub https: bool,
}

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SecurityHeadersEndpoint {
            inner: ep,
            https: self.https,
        }
    }
}

pub struct SecurityHeadersEndpoint<E> {
    inner: E,
    https: bool,
}

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let docs = req.uri().path().starts_with("/docs");
        let mut response = match self.inner.call(req).await {
            Ok(output) => output.into_response(),
            Err(err) => err.into_response(),
        };
        let headers = response.headers_mut();
        let csp = if docs {
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' \
             'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        } else {
            CONTENT_SECURITY_POLICY
        };
        // A response with a policy of its own (an uploaded file: `sandbox`) keeps it.
        headers
            .entry(poem::http::header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(csp));
        headers.insert(
            poem::http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            poem::http::header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        );
        headers.insert(
            poem::http::header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
        headers.insert(
            "permissions-policy",
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"),
        );
        if self.https {
            headers.insert(
                poem::http::header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            );
        }
        Ok(response)
    }
}

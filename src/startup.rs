//! Putting the application together: state, routes, middleware, listening, shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use poem::endpoint::EmbeddedFileEndpoint;
use poem::http::header::CACHE_CONTROL;
use poem::listener::{Acceptor, Listener, TcpAcceptor, TcpListener};
use poem::middleware::CatchPanic;
use poem::{Endpoint, EndpointExt, IntoEndpoint, IntoResponse, Request, Response, Route, get};
use rust_embed::Embed;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::api::middleware::{BodyLimit, Observe, PanicToProblem, Problems, SecurityHeaders};
use crate::api::{self, system};
use crate::auth::session::Sessions;
use crate::config::Settings;
use crate::domain::Clock;
use crate::mail::worker::Transport;
use crate::state::AppState;

/// The web app, embedded in the binary.
#[derive(Embed)]
#[folder = "static/"]
struct StaticFiles;

/// Serves the web app: its files as they are, and `index.html` for any other page address
/// (`/kyiv/projects/12`), which the app's router then draws. Addresses that look like files
/// (a dot in the last segment) or API calls stay 404. Everything is revalidated by ETag, so a
/// new release shows at once.
struct WebApp;

impl Endpoint for WebApp {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path().trim_start_matches('/').to_owned();
        let file = if !path.is_empty() && StaticFiles::get(&path).is_some() {
            path
        } else if is_app_page(&path) {
            "index.html".to_owned()
        } else {
            return Err(poem::error::NotFoundError.into());
        };
        let resp = EmbeddedFileEndpoint::<StaticFiles>::new(&file)
            .call(req)
            .await?
            .into_response();
        Ok(resp.with_header(CACHE_CONTROL, "no-cache").into_response())
    }
}

/// Whether `path` (without its leading slash) is a page of the web app rather than a file or
/// an API address.
fn is_app_page(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    !matches!(first, "api" | "docs" | "__test") && !last.contains('.')
}

/// Connects to the database, applies migrations and loads what requests need.
pub async fn build_state(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    tracing::info!(database = %settings.database.redacted_url(), "connecting to the database");
    let db = crate::db::connect(&settings.database).await?;
    crate::db::migrate(&db).await?;
    AppState::new(db, clock, settings)
}

/// The whole HTTP application. `extra` routes are mounted beside the real ones, under the same
/// middleware; tests use it to add endpoints that misbehave on purpose.
pub fn build_app(state: AppState, extra: Option<Route>) -> impl Endpoint + 'static {
    let api = api::service();
    let spec = api.spec_endpoint();
    let docs = api.swagger_ui();
    let mut routes = Route::new()
        .nest(
            "/api/v1",
            api.with(Sessions {
                state: state.clone(),
            })
            .with(BodyLimit {
                json: state.settings.server.json_body_limit,
                upload: state.settings.server.upload_body_limit,
            }),
        )
        .at("/api/openapi.json", spec)
        .nest("/docs", docs)
        .at("/healthz", get(system::healthz))
        .at("/readyz", get(system::readyz))
        .at("/metrics", get(system::metrics))
        .nest("/", WebApp);
    if let Some(extra) = extra {
        routes = routes.nest("/__test", extra);
    }
    let metrics = state.metrics.clone();
    let https = state.settings.server.public_url.starts_with("https://");
    let problems = Problems {
        state: state.clone(),
    };
    routes
        .data(state)
        .with(CatchPanic::new().with_handler(PanicToProblem))
        .with(problems)
        .with(Observe { metrics })
        .with(SecurityHeaders { https })
}

/// A bound, not yet serving, HTTP server.
pub struct Server {
    acceptor: TcpAcceptor,
    local_addr: SocketAddr,
    state: AppState,
    extra: Option<Route>,
}

impl Server {
    /// Binds the configured address (port 0 picks a free one; see [`Server::local_addr`]).
    pub async fn bind(state: AppState, extra: Option<Route>) -> std::io::Result<Server> {
        let acceptor = TcpListener::bind(state.settings.server.bind)
            .into_acceptor()
            .await?;
        let local_addr = acceptor
            .local_addr()
            .into_iter()
            .find_map(|addr| addr.as_socket_addr().copied())
            .ok_or_else(|| std::io::Error::other("the listener has no socket address"))?;
        Ok(Server {
            acceptor,
            local_addr,
            state,
            extra,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
    /// within the configured timeout, stops the background workers, and closes the pool.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send) -> std::io::Result<()> {
        let timeout = Duration::from_secs(self.state.settings.server.shutdown_timeout_secs);
        let db = self.state.db.clone();
        let workers = Workers::start(&self.state).map_err(std::io::Error::other)?;
        let app = build_app(self.state, self.extra).into_endpoint();
        let result = poem::Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(app, shutdown, Some(timeout))
            .await;
        workers.stop(timeout).await;
        if let Err(err) = db.close().await {
            tracing::warn!(error = %err, "closing the database pool failed");
        }
        tracing::info!("shut down");
        result
    }
}

/// Background tasks of an instance: e-mail delivery, session clean-up, closing election rounds.
struct Workers {
    cancel: CancellationToken,
    tasks: TaskTracker,
}

impl Workers {
    fn start(state: &AppState) -> anyhow::Result<Workers> {
        let cancel = CancellationToken::new();
        let tasks = TaskTracker::new();
        let transport = Transport::from_settings(&state.settings.smtp)?;
        tasks.spawn(crate::mail::worker::run(
            state.clone(),
            transport,
            cancel.clone(),
        ));
        tasks.spawn(clean_sessions(state.clone(), cancel.clone()));
        tasks.spawn(close_election_rounds(state.clone(), cancel.clone()));
        tasks.close();
        Ok(Workers { cancel, tasks })
    }

    /// Asks every worker to stop after its current step and waits for them (bounded).
    async fn stop(self, timeout: Duration) {
        self.cancel.cancel();
        if tokio::time::timeout(timeout, self.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("background workers did not stop in time");
        }
    }
}

/// Deletes expired sessions and abandoned Kyiv ID sign-ins every few minutes.
async fn clean_sessions(state: AppState, cancel: CancellationToken) {
    let every = Duration::from_secs(300);
    loop {
        let now = state.clock.now();
        let idle_cutoff = now - chrono::Duration::minutes(state.settings.auth.session_idle_minutes);
        match crate::store::sessions::delete_expired(&state.db, now, idle_cutoff).await {
            Ok(0) => {}
            Ok(removed) => tracing::debug!(removed, "expired sessions removed"),
            Err(err) => tracing::warn!(error = %err, "session clean-up failed"),
        }
        match crate::store::identities::delete_expired_flows(&state.db, now).await {
            Ok(0) => {}
            Ok(removed) => tracing::debug!(removed, "abandoned Kyiv ID sign-ins removed"),
            Err(err) => tracing::warn!(error = %err, "Kyiv ID sign-in clean-up failed"),
        }
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// Closes commission election rounds whose stage has ended, every minute. Requests that see
/// the new stage close them too; whoever comes first does it, exactly once.
async fn close_election_rounds(state: AppState, cancel: CancellationToken) {
    let every = Duration::from_secs(60);
    loop {
        match crate::app::elections::close_due(&state).await {
            Ok(0) => {}
            Ok(closed) => tracing::info!(closed, "election rounds closed"),
            Err(err) => tracing::warn!(error = %err, "closing election rounds failed"),
        }
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("received SIGINT"),
        () = terminate => tracing::info!("received SIGTERM"),
    }
}

//! Logs (text for people, JSON for machines) and Prometheus metrics.

use std::time::Duration;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::config::{LogFormat, LogSettings};

/// Installs the global tracing subscriber. `RUST_LOG`, when set, wins over the configured level.
pub fn init_tracing(settings: &LogSettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::NONE)
        .with_writer(std::io::stderr);
    // A second initialisation (tests start many apps in one process) is harmless.
    let _ = match settings.format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// The process's metrics, scraped at `/metrics`.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    geocoding_failures: IntCounterVec,
    geocoding_requests: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new_custom(Some("hromada".into()), None).expect("valid prefix");
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route and status"),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request latency").buckets(
                vec![
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                ],
            ),
            &["method", "route"],
        )
        .expect("valid metric");
        let pool = IntGaugeVec::new(
            Opts::new("db_pool_connections", "Database pool connections by state"),
            &["state"],
        )
        .expect("valid metric");
        let geocoding_failures = IntCounterVec::new(
            Opts::new(
                "geocoding_provider_failures_total",
                "Geocoding provider calls that gave no usable answer, by provider and reason",
            ),
            &["provider", "reason"],
        )
        .expect("valid metric");
        let geocoding_requests = IntCounterVec::new(
            Opts::new(
                "geocoding_provider_requests_total",
                "Geocoding provider calls made, by provider",
            ),
            &["provider"],
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(pool.clone()),
            Box::new(geocoding_failures.clone()),
            Box::new(geocoding_requests.clone()),
        ] {
            registry
                .register(collector)
                .expect("metric registered once");
        }
        Self {
            registry,
            requests,
            latency,
            pool,
            geocoding_failures,
            geocoding_requests,
        }
    }

    /// A call to a geocoding provider (`provider` is its code).
    pub fn geocoding_request(&self, provider: &str) {
        self.geocoding_requests.with_label_values(&[provider]).inc();
    }

    /// A geocoding provider's call that failed: `reason` is one of `timeout`, `transport`,
    /// `http`, `malformed`, `status`.
    pub fn geocoding_failure(&self, provider: &str, reason: &str) {
        self.geocoding_failures
            .with_label_values(&[provider, reason])
            .inc();
    }

    /// `route` is the matched route pattern (never the raw path), so label sets stay bounded.
    pub fn observe_request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(elapsed.as_secs_f64());
    }

    /// The Prometheus text exposition, with pool gauges read at scrape time.
    pub fn render(&self, pool: crate::db::PoolStats) -> String {
        self.pool
            .with_label_values(&["open"])
            .set(i64::from(pool.open));
        self.pool.with_label_values(&["idle"]).set(pool.idle as i64);
        self.pool
            .with_label_values(&["max"])
            .set(i64::from(pool.max));
        let mut buffer = vec![];
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buffer)
            .expect("text encoding of gathered metrics");
        String::from_utf8(buffer).expect("prometheus text is UTF-8")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

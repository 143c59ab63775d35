//! Combined geocoding: the «Сервіси геокодування» settings (admins) and the address lookup
//! behind address fields (signed-in people).

use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

use super::ApiTags;
use super::types::request_lang;
use crate::app::geocoding::{self, ProviderChange, SettingsChange};
use crate::auth::SessionCookie;
use crate::domain::geocoding::{GeocodingSettings, Mode, Place, Provider, mask_key};
use crate::i18n::Lang;
use crate::state::AppState;

pub struct GeocodingApi;

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum GeocodingModeIo {
    Sequential,
    Parallel,
}

impl From<GeocodingModeIo> for Mode {
    fn from(m: GeocodingModeIo) -> Self {
        match m {
            GeocodingModeIo::Sequential => Mode::Sequential,
            GeocodingModeIo::Parallel => Mode::Parallel,
        }
    }
}

impl From<Mode> for GeocodingModeIo {
    fn from(m: Mode) -> Self {
        match m {
            Mode::Sequential => GeocodingModeIo::Sequential,
            Mode::Parallel => GeocodingModeIo::Parallel,
        }
    }
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum GeocodingProviderIo {
    Nominatim,
    Visicom,
    Google,
}

impl From<GeocodingProviderIo> for Provider {
    fn from(p: GeocodingProviderIo) -> Self {
        match p {
            GeocodingProviderIo::Nominatim => Provider::Nominatim,
            GeocodingProviderIo::Visicom => Provider::Visicom,
            GeocodingProviderIo::Google => Provider::Google,
        }
    }
}

impl From<Provider> for GeocodingProviderIo {
    fn from(p: Provider) -> Self {
        match p {
            Provider::Nominatim => GeocodingProviderIo::Nominatim,
            Provider::Visicom => GeocodingProviderIo::Visicom,
            Provider::Google => GeocodingProviderIo::Google,
        }
    }
}

/// A search mode with its name and description in the request's language, for the admin form.
#[derive(Debug, Object)]
pub struct GeocodingModeOption {
    pub mode: GeocodingModeIo,
    pub label: String,
    pub description: String,
}

/// One provider's settings as admins see them: the API key masked, never in full.
#[derive(Debug, Object)]
pub struct GeocodingProviderOut {
    pub provider: GeocodingProviderIo,
    /// The provider's display name.
    pub label: String,
    pub enabled: bool,
    /// 1, 2 or 3; 3 is asked first.
    pub priority: u8,
    pub base_url: String,
    pub api_key_set: bool,
    /// The key's last characters, the rest hidden; absent without a key.
    #[oai(nullable)]
    pub api_key_masked: Option<String>,
    pub timeout_ms: u32,
}

/// «Сервіси геокодування».
#[derive(Debug, Object)]
pub struct GeocodingSettingsOut {
    pub mode: GeocodingModeIo,
    /// Results are limited to a box this far to each side of the city's map centre.
    pub radius_km: u32,
    pub providers: Vec<GeocodingProviderOut>,
    /// Every mode with its name and description.
    pub modes: Vec<GeocodingModeOption>,
}

/// One provider's settings as an admin sends them.
#[derive(Object)]
pub struct GeocodingProviderIn {
    pub provider: GeocodingProviderIo,
    pub enabled: bool,
    pub priority: u8,
    pub base_url: String,
    /// Absent or null: keep the stored key; an empty string: remove it; otherwise the new key.
    #[oai(nullable)]
    pub api_key: Option<String>,
    pub timeout_ms: u32,
}

impl std::fmt::Debug for GeocodingProviderIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeocodingProviderIn")
            .field("provider", &self.provider)
            .field("enabled", &self.enabled)
            .field("priority", &self.priority)
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

#[derive(Debug, Object)]
pub struct GeocodingSettingsIn {
    pub mode: GeocodingModeIo,
    /// Absent: keep the radius.
    #[oai(nullable)]
    pub radius_km: Option<u32>,
    /// Every provider once.
    pub providers: Vec<GeocodingProviderIn>,
}

/// One place found for an address.
#[derive(Debug, Object)]
pub struct GeocodeResult {
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub provider: GeocodingProviderIo,
    /// The provider's own id of the place.
    pub place_id: String,
}

#[derive(Debug, Object)]
pub struct GeocodeAnswer {
    /// By provider priority (3 first), near duplicates removed. Empty when nothing was found.
    pub results: Vec<GeocodeResult>,
}

fn settings_out(state: &AppState, lang: Lang, s: GeocodingSettings) -> GeocodingSettingsOut {
    let t = |id: String| state.localizer.get(lang, &id, &[]);
    GeocodingSettingsOut {
        mode: s.mode.into(),
        radius_km: s.radius_km,
        providers: s
            .providers
            .into_iter()
            .map(|p| GeocodingProviderOut {
                provider: p.provider.into(),
                label: t(format!("geocoding-provider-{}", p.provider.code())),
                enabled: p.enabled,
                priority: p.priority,
                base_url: p.base_url,
                api_key_set: p.api_key.is_some(),
                api_key_masked: p.api_key.as_deref().map(mask_key),
                timeout_ms: p.timeout_ms,
            })
            .collect(),
        modes: Mode::ALL
            .into_iter()
            .map(|m| GeocodingModeOption {
                mode: m.into(),
                label: t(format!("geocoding-mode-{}", m.code())),
                description: t(format!("geocoding-mode-{}-description", m.code())),
            })
            .collect(),
    }
}

fn place_out(p: &Place) -> GeocodeResult {
    GeocodeResult {
        address: p.address.clone(),
        lat: p.lat,
        lon: p.lon,
        provider: p.provider.into(),
        place_id: p.place_id.clone(),
    }
}

#[OpenApi]
impl GeocodingApi {
    /// «Сервіси геокодування» (admins): the search mode and each provider; API keys masked.
    #[oai(
        path = "/cities/:slug/geocoding/settings",
        method = "get",
        operation_id = "getGeocodingSettings",
        tag = "ApiTags::Directory"
    )]
    async fn settings(
        &self,
        req: &Request,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
    ) -> Result<Json<GeocodingSettingsOut>> {
        let s = geocoding::settings(&state, Some(&session.0.actor), &slug).await?;
        Ok(Json(settings_out(&state, request_lang(req), s)))
    }

    /// Changes «Сервіси геокодування» (admins). Audited without the keys.
    #[oai(
        path = "/cities/:slug/geocoding/settings",
        method = "put",
        operation_id = "updateGeocodingSettings",
        tag = "ApiTags::Directory"
    )]
    async fn update_settings(
        &self,
        req: &Request,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<GeocodingSettingsIn>,
    ) -> Result<Json<GeocodingSettingsOut>> {
        let b = body.0;
        let change = SettingsChange {
            mode: b.mode.into(),
            radius_km: b.radius_km,
            providers: b
                .providers
                .into_iter()
                .map(|p| ProviderChange {
                    provider: p.provider.into(),
                    enabled: p.enabled,
                    priority: p.priority,
                    base_url: p.base_url,
                    api_key: p.api_key,
                    timeout_ms: p.timeout_ms,
                })
                .collect(),
        };
        let s = geocoding::update_settings(&state, Some(&session.0.actor), &slug, change).await?;
        Ok(Json(settings_out(&state, request_lang(req), s)))
    }

    /// Places matching an address in the city, for an address field's dropdown (signed-in
    /// people; rate-limited per person). In the request's language. 503
    /// `geocoding-unavailable` when no provider answers: place the point on the map by hand.
    #[oai(
        path = "/cities/:slug/geocode",
        method = "get",
        operation_id = "geocode",
        tag = "ApiTags::Cities"
    )]
    async fn geocode(
        &self,
        req: &Request,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        /// The address as typed.
        q: Query<String>,
    ) -> Result<Json<GeocodeAnswer>> {
        let places =
            geocoding::lookup(&state, Some(&session.0.actor), &slug, &q, request_lang(req)).await?;
        Ok(Json(GeocodeAnswer {
            results: places.iter().map(place_out).collect(),
        }))
    }
}

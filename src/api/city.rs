//! The city directory, budget sessions, translations and static pages.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use super::ApiTags;
use super::catalog::{CityDto, DistrictDto, district_out};
use super::types::{Done, LocalizedName, MoneyText};
use crate::app::city::{self, CategoryInput, CityChange, DistrictInput};
use crate::app::content::{self, PageInput, PageView};
use crate::app::sessions::{self, Parameters, PotInput, SessionChange, SessionInput, SessionView};
use crate::auth::{Auth, SessionCookie};
use crate::domain::Money;
use crate::domain::timeline::{Phase, StageDates, StageKind};
use crate::state::AppState;

pub struct CityApi;

#[derive(ApiResponse)]
pub enum MessagesOut {
    /// The messages, `{key: Fluent source}`.
    #[oai(status = 200)]
    Messages(
        Json<BTreeMap<String, String>>,
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
    /// Unchanged since the `ETag` the client sent.
    #[oai(status = 304)]
    NotModified(
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

impl MessagesOut {
    fn new(messages: BTreeMap<String, String>, if_none_match: Option<String>) -> Self {
        use std::hash::{Hash, Hasher};
        // The same messages give the same tag on every instance running this build.
        let mut hasher = std::hash::DefaultHasher::new();
        messages.hash(&mut hasher);
        let etag = format!("\"{:016x}\"", hasher.finish());
        if if_none_match.is_some_and(|sent| sent.split(',').any(|t| t.trim() == etag)) {
            MessagesOut::NotModified(etag, "no-cache".into())
        } else {
            MessagesOut::Messages(Json(messages), etag, "no-cache".into())
        }
    }
}

#[derive(Debug, Object)]
pub struct CityChangeIn {
    #[oai(nullable)]
    pub name: Option<LocalizedName>,
    #[oai(nullable)]
    pub contacts: Option<String>,
    #[oai(nullable)]
    pub time_zone: Option<String>,
    /// Platform admins only.
    #[oai(nullable)]
    pub slug: Option<String>,
}

#[derive(Debug, Object)]
pub struct MapView {
    pub lat: f64,
    pub lon: f64,
    pub zoom: i32,
}

/// «Інші налаштування».
#[derive(Debug, Object)]
pub struct CitySettingsDto {
    /// «Дозволити ГБК»: commission elections; set before a session starts.
    pub allow_commission: bool,
    /// Leaflet raster tile URL template with `{z}`, `{x}`, `{y}`.
    pub tile_url: String,
    pub map: MapView,
}

#[derive(Debug, Object)]
pub struct DistrictIn {
    #[oai(nullable)]
    pub name: Option<LocalizedName>,
    /// GeoJSON Polygon or MultiPolygon (or a Feature of one); an empty string removes it.
    #[oai(nullable)]
    pub boundary: Option<String>,
    /// Residents, for turnout in the statistics; 0 removes it.
    #[oai(nullable)]
    pub population: Option<i64>,
}

#[derive(Debug, Object)]
pub struct CategoryIn {
    #[oai(nullable)]
    pub name: Option<LocalizedName>,
    #[oai(nullable)]
    pub position: Option<i32>,
    #[oai(nullable)]
    pub active: Option<bool>,
}

#[derive(Debug, Object)]
pub struct CategoryOut {
    pub id: i64,
    pub name: LocalizedName,
    pub position: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum StageKindIo {
    Submission,
    /// Optional, between submission and review: residents endorse published projects.
    Endorsement,
    Review,
    Voting,
    Results,
    Implementation,
}

impl From<StageKindIo> for StageKind {
    fn from(k: StageKindIo) -> Self {
        match k {
            StageKindIo::Submission => StageKind::Submission,
            StageKindIo::Endorsement => StageKind::Endorsement,
            StageKindIo::Review => StageKind::Review,
            StageKindIo::Voting => StageKind::Voting,
            StageKindIo::Results => StageKind::Results,
            StageKindIo::Implementation => StageKind::Implementation,
        }
    }
}

impl From<StageKind> for StageKindIo {
    fn from(k: StageKind) -> Self {
        match k {
            StageKind::Submission => StageKindIo::Submission,
            StageKind::Endorsement => StageKindIo::Endorsement,
            StageKind::Review => StageKindIo::Review,
            StageKind::Voting => StageKindIo::Voting,
            StageKind::Results => StageKindIo::Results,
            StageKind::Implementation => StageKindIo::Implementation,
        }
    }
}

#[derive(Debug, Object)]
pub struct StageIn {
    pub kind: StageKindIo,
    /// First day, in the city's time zone.
    pub start: NaiveDate,
    /// Last day (inclusive), in the city's time zone.
    pub end: NaiveDate,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PotScopeIo {
    Citywide,
    District,
}

#[derive(Debug, Object)]
pub struct PotIn {
    pub name: LocalizedName,
    pub scope: PotScopeIo,
    pub total: MoneyText,
    pub max_project_cost: MoneyText,
    /// The most votes one voter gives to this pot's projects (none: only the session's limit).
    #[oai(nullable)]
    pub max_votes_per_voter: Option<i32>,
    /// Endorsements a project of this pot needs to be admitted to the vote, when the session
    /// has an endorsement stage; 0 (the default) requires none.
    #[oai(default)]
    pub min_endorsements: i32,
}

#[derive(Debug, Object)]
pub struct PotOut {
    pub id: i64,
    pub name: LocalizedName,
    pub scope: PotScopeIo,
    pub total: MoneyText,
    pub max_project_cost: MoneyText,
    #[oai(nullable)]
    pub max_votes_per_voter: Option<i32>,
    /// Endorsements a project needs to be admitted (0: none required).
    pub min_endorsements: i32,
}

#[derive(Debug, Object)]
pub struct ParametersIo {
    /// Kyiv: 5, one per project.
    pub votes_per_voter: i32,
    pub min_voter_age: i32,
    pub min_author_age: i32,
    /// How winners are chosen, by the pabulib names: `greedy`, `greedy-no-skip`,
    /// `greedy-threshold` (needs `min_votes_to_win`), `greedy-per-cost` (votes per hryvnia) or
    /// `equalshares/add1`.
    pub results_rule: String,
    #[oai(nullable)]
    pub min_votes_to_win: Option<i32>,
    /// `password`, `kyiv_id`.
    pub registration_methods: Vec<String>,
    /// Profile fields required to take part, e.g. `birth_date`, `phone`.
    pub required_fields: Vec<String>,
    /// Whether a resident may take back a vote while voting lasts (default: no).
    #[oai(default)]
    pub vote_withdrawal: bool,
    /// `live`: vote counts shown while voting lasts (the default); `after_results`: hidden
    /// until results are published.
    #[oai(default = "live_counts")]
    pub show_counts: String,
    /// The compulsory cost reserve («резерв») added to every estimate, in percent of the sum
    /// of its lines (Kyiv 2019: `20`); 0 to 50, to hundredths of a percent. Default `0`.
    #[oai(default = "no_reserve")]
    pub cost_reserve_percent: String,
    /// At most one vote per category (Kyiv since 2021: up to 10 votes, one per theme);
    /// default: no.
    #[oai(default)]
    pub one_vote_per_category: bool,
    /// Expert review («експертиза»): a project is admitted only on a city expert's conclusion
    /// that does not block it; default: no.
    #[oai(default)]
    pub expert_review: bool,
    /// Days an author has to appeal a rejection or an expert conclusion to the public budget
    /// commission (0 to 60; default 7).
    #[oai(default = "week")]
    pub appeal_days: i32,
    /// Who may vote online, judged from what Kyiv ID verified: `any` (everyone with an
    /// account, the default), `registered` (a registration address in the city) or
    /// `registered_or_taxpayer` (that, or a taxpayer of the city). Paper ballots are not
    /// affected: service centres check documents in person.
    #[oai(default = "any_voter")]
    pub voter_eligibility: String,
}

fn week() -> i32 {
    7
}

fn any_voter() -> String {
    "any".to_owned()
}

fn no_reserve() -> String {
    "0".to_owned()
}

fn live_counts() -> String {
    "live".to_owned()
}

#[derive(Debug, Object)]
pub struct BudgetSessionIn {
    pub name: LocalizedName,
    pub parameters: ParametersIo,
    pub stages: Vec<StageIn>,
    pub pots: Vec<PotIn>,
}

#[derive(Debug, Object)]
pub struct BudgetSessionChangeIn {
    #[oai(nullable)]
    pub name: Option<LocalizedName>,
    /// Only before the session starts.
    #[oai(nullable)]
    pub parameters: Option<ParametersIo>,
    /// Stages that have opened keep their dates.
    #[oai(nullable)]
    pub stages: Option<Vec<StageIn>>,
    /// Only before the session starts.
    #[oai(nullable)]
    pub pots: Option<Vec<PotIn>>,
}

#[derive(Debug, Object)]
pub struct StageOut {
    pub kind: StageKindIo,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub hint: LocalizedHint,
}

#[derive(Debug, Object)]
pub struct LocalizedHint {
    #[oai(nullable)]
    pub uk: Option<String>,
    #[oai(nullable)]
    pub en: Option<String>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PhaseKind {
    NotStarted,
    Stage,
    Finished,
}

#[derive(Debug, Object)]
pub struct PhaseOut {
    pub kind: PhaseKind,
    /// The stage open now.
    #[oai(nullable)]
    pub stage: Option<StageKindIo>,
    /// When the current stage closes, or the first one opens.
    #[oai(nullable)]
    pub until: Option<DateTime<Utc>>,
    /// Seconds until then.
    #[oai(nullable)]
    pub remaining_secs: Option<i64>,
}

#[derive(Debug, Object)]
pub struct BudgetSessionOut {
    pub id: i64,
    pub name: LocalizedName,
    pub parameters: ParametersIo,
    pub stages: Vec<StageOut>,
    pub pots: Vec<PotOut>,
    pub now: PhaseOut,
}

#[derive(Debug, Object)]
pub struct HintIn {
    #[oai(nullable)]
    pub uk: Option<String>,
    #[oai(nullable)]
    pub en: Option<String>,
}

#[derive(Debug, Object)]
pub struct TranslationOut {
    pub key: String,
    /// The text in `locales/`.
    pub default: String,
    /// The city's override, if any.
    #[oai(rename = "override")]
    #[oai(nullable)]
    pub override_value: Option<String>,
    /// What is shown: the override, else the default.
    pub value: String,
}

#[derive(Debug, Object)]
pub struct TranslationIn {
    /// Fluent text; may use the default's `{ $name }` arguments.
    pub value: String,
}

#[derive(Debug, Object)]
pub struct PageIn {
    #[oai(nullable)]
    pub slug: Option<String>,
    #[oai(nullable)]
    pub title: Option<LocalizedName>,
    /// Markdown.
    #[oai(nullable)]
    pub body: Option<LocalizedName>,
    #[oai(nullable)]
    pub position: Option<i32>,
    #[oai(nullable)]
    pub published: Option<bool>,
}

#[derive(Debug, Object)]
pub struct PageOut {
    pub slug: String,
    pub title: LocalizedName,
    /// Markdown as written (for editors).
    pub body: LocalizedName,
    /// Rendered and sanitized HTML.
    pub html: LocalizedName,
    pub position: i32,
    pub published: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(ApiResponse)]
pub enum Created<T: poem_openapi::types::ToJSON + Send + Sync> {
    #[oai(status = 201)]
    Created(Json<T>),
}

#[derive(ApiResponse)]
pub enum Image {
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "Content-Type")] String,
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

fn money(m: i64) -> MoneyText {
    Money::from_minor_units(m).into()
}

fn parameters_in(p: ParametersIo) -> Parameters {
    Parameters {
        votes_per_voter: p.votes_per_voter,
        min_voter_age: p.min_voter_age,
        min_author_age: p.min_author_age,
        results_rule: p.results_rule,
        min_votes_to_win: p.min_votes_to_win,
        registration_methods: p.registration_methods,
        required_fields: p.required_fields,
        vote_withdrawal: p.vote_withdrawal,
        show_counts: p.show_counts,
        cost_reserve_percent: p.cost_reserve_percent,
        one_vote_per_category: p.one_vote_per_category,
        expert_review: p.expert_review,
        appeal_days: p.appeal_days,
        voter_eligibility: p.voter_eligibility,
    }
}

fn stages_in(stages: Vec<StageIn>) -> Vec<StageDates> {
    stages
        .into_iter()
        .map(|s| StageDates {
            kind: s.kind.into(),
            start: s.start,
            end: s.end,
        })
        .collect()
}

fn pots_in(pots: Vec<PotIn>) -> Vec<PotInput> {
    pots.into_iter()
        .map(|p| PotInput {
            name_uk: p.name.uk,
            name_en: p.name.en,
            scope: match p.scope {
                PotScopeIo::Citywide => entities::budget_pot::PotScope::Citywide,
                PotScopeIo::District => entities::budget_pot::PotScope::District,
            },
            total: p.total.0,
            max_project_cost: p.max_project_cost.0,
            max_votes_per_voter: p.max_votes_per_voter,
            min_endorsements: p.min_endorsements,
        })
        .collect()
}

fn session_out(v: SessionView, now: DateTime<Utc>) -> BudgetSessionOut {
    let s = v.session;
    let phase = match v.phase {
        Phase::NotStarted { opens_at } => PhaseOut {
            kind: PhaseKind::NotStarted,
            stage: None,
            until: Some(opens_at),
            remaining_secs: Some((opens_at - now).num_seconds()),
        },
        Phase::Stage { kind, closes_at } => PhaseOut {
            kind: PhaseKind::Stage,
            stage: Some(kind.into()),
            until: Some(closes_at),
            remaining_secs: Some((closes_at - now).num_seconds()),
        },
        Phase::Finished => PhaseOut {
            kind: PhaseKind::Finished,
            stage: None,
            until: None,
            remaining_secs: None,
        },
    };
    BudgetSessionOut {
        id: s.id,
        name: LocalizedName::new(&s.name_uk, &s.name_en),
        parameters: ParametersIo {
            votes_per_voter: s.votes_per_voter,
            min_voter_age: s.min_voter_age,
            min_author_age: s.min_author_age,
            results_rule: s.results_rule,
            min_votes_to_win: s.min_votes_to_win,
            registration_methods: v.registration_methods,
            required_fields: v.required_fields,
            vote_withdrawal: s.vote_withdrawal,
            show_counts: s.show_counts,
            // A stored reserve is always valid; 0 if a row were ever out of range.
            cost_reserve_percent: crate::domain::estimate::Reserve::from_basis_points(
                s.cost_reserve_bp,
            )
            .unwrap_or_default()
            .percent()
            .to_string(),
            one_vote_per_category: s.one_vote_per_category,
            expert_review: s.expert_review,
            appeal_days: s.appeal_days,
            voter_eligibility: s.voter_eligibility,
        },
        stages: v
            .stages
            .into_iter()
            .map(|(stage, dates)| StageOut {
                kind: dates.kind.into(),
                start: dates.start,
                end: dates.end,
                opens_at: stage.starts_at,
                closes_at: stage.ends_at,
                hint: LocalizedHint {
                    uk: stage.hint_uk,
                    en: stage.hint_en,
                },
            })
            .collect(),
        pots: v
            .pots
            .into_iter()
            .map(|p| PotOut {
                id: p.id,
                name: LocalizedName::new(&p.name_uk, &p.name_en),
                scope: match p.scope {
                    entities::budget_pot::PotScope::Citywide => PotScopeIo::Citywide,
                    entities::budget_pot::PotScope::District => PotScopeIo::District,
                },
                total: money(p.total_minor),
                max_project_cost: money(p.max_project_cost_minor),
                max_votes_per_voter: p.max_votes_per_voter,
                min_endorsements: p.min_endorsements,
            })
            .collect(),
        now: phase,
    }
}

fn page_out(v: PageView) -> PageOut {
    let p = v.page;
    PageOut {
        slug: p.slug,
        title: LocalizedName::new(&p.title_uk, &p.title_en),
        body: LocalizedName::new(&p.body_uk, &p.body_en),
        html: LocalizedName::new(&v.html_uk, &v.html_en),
        position: p.position,
        published: p.published,
        updated_at: p.updated_at,
    }
}

fn settings_out(s: city::Settings) -> CitySettingsDto {
    CitySettingsDto {
        allow_commission: s.allow_commission,
        tile_url: s.tile_url,
        map: MapView {
            lat: s.map_lat,
            lon: s.map_lon,
            zoom: s.map_zoom,
        },
    }
}

#[OpenApi(tag = "ApiTags::Directory")]
impl CityApi {
    /// Changes a city's names, contacts or time zone (admins); its slug (platform admins).
    #[oai(path = "/cities/:slug", method = "patch", operation_id = "updateCity")]
    async fn update_city(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<CityChangeIn>,
    ) -> Result<Json<CityDto>> {
        let b = body.0;
        let change = CityChange {
            name_uk: b.name.as_ref().map(|n| n.uk.clone()),
            name_en: b.name.map(|n| n.en),
            contacts: b.contacts,
            time_zone: b.time_zone,
            slug: b.slug,
        };
        Ok(Json(
            city::update(&state, Some(&session.0.actor), &slug, change)
                .await?
                .into(),
        ))
    }

    /// Deletes a city without budget sessions (platform admins).
    #[oai(path = "/cities/:slug", method = "delete", operation_id = "deleteCity")]
    async fn delete_city(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
    ) -> Result<Done> {
        city::delete(&state, Some(&session.0.actor), &slug).await?;
        Ok(Done::NoContent)
    }

    /// «Інші налаштування» (admins, observers).
    #[oai(
        path = "/cities/:slug/settings",
        method = "get",
        operation_id = "getCitySettings"
    )]
    async fn settings(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
    ) -> Result<Json<CitySettingsDto>> {
        Ok(Json(settings_out(
            city::settings(&state, Some(&session.0.actor), &slug).await?,
        )))
    }

    /// Changes «Інші налаштування» (admins).
    #[oai(
        path = "/cities/:slug/settings",
        method = "put",
        operation_id = "updateCitySettings"
    )]
    async fn update_settings(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<CitySettingsDto>,
    ) -> Result<Json<CitySettingsDto>> {
        let b = body.0;
        let new = city::Settings {
            allow_commission: b.allow_commission,
            tile_url: b.tile_url,
            map_lat: b.map.lat,
            map_lon: b.map.lon,
            map_zoom: b.map.zoom,
        };
        Ok(Json(settings_out(
            city::update_settings(&state, Some(&session.0.actor), &slug, new).await?,
        )))
    }

    /// The city's logo.
    #[oai(
        path = "/cities/:slug/logo",
        method = "get",
        operation_id = "getCityLogo"
    )]
    async fn logo(&self, state: Data<&AppState>, slug: Path<String>) -> Result<Image> {
        let (bytes, content_type, key) = city::logo(&state, &slug).await?;
        Ok(Image::Ok(
            Binary(bytes),
            content_type,
            format!("\"{key}\""),
            "public, max-age=300".into(),
        ))
    }

    /// Replaces the logo: one JPEG or PNG up to 10 MB, as the request body (moderators, admins).
    #[oai(
        path = "/cities/:slug/logo",
        method = "put",
        operation_id = "putCityLogo"
    )]
    async fn put_logo(
        &self,
        req: &poem::Request,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Binary<Vec<u8>>,
    ) -> Result<Done> {
        city::put_logo(
            &state,
            Some(&session.0.actor),
            &slug,
            body.0,
            super::declared_type(req),
        )
        .await?;
        Ok(Done::NoContent)
    }

    /// Adds a district (admins).
    #[oai(
        path = "/cities/:slug/districts",
        method = "post",
        operation_id = "createDistrict"
    )]
    async fn create_district(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<DistrictIn>,
    ) -> Result<Created<DistrictDto>> {
        let d = city::save_district(
            &state,
            Some(&session.0.actor),
            &slug,
            None,
            district_in(body.0),
        )
        .await?;
        Ok(Created::Created(Json(district_out(d))))
    }

    /// Changes a district (admins).
    #[oai(
        path = "/cities/:slug/districts/:id",
        method = "patch",
        operation_id = "updateDistrict"
    )]
    async fn update_district(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<DistrictIn>,
    ) -> Result<Json<DistrictDto>> {
        let d = city::save_district(
            &state,
            Some(&session.0.actor),
            &slug,
            Some(id.0),
            district_in(body.0),
        )
        .await?;
        Ok(Json(district_out(d)))
    }

    /// Deletes a district no project uses (admins).
    #[oai(
        path = "/cities/:slug/districts/:id",
        method = "delete",
        operation_id = "deleteDistrict"
    )]
    async fn delete_district(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        city::delete_entry(&state, Some(&session.0.actor), &slug, "district", id.0).await?;
        Ok(Done::NoContent)
    }

    /// Every category, inactive ones too, with its position, in display order.
    #[oai(
        path = "/cities/:slug/categories",
        method = "get",
        operation_id = "listCategories"
    )]
    async fn categories(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
    ) -> Result<Json<Vec<CategoryOut>>> {
        let list = city::categories(&state, &slug).await?;
        Ok(Json(list.into_iter().map(category_out).collect()))
    }

    /// Adds a project category (admins).
    #[oai(
        path = "/cities/:slug/categories",
        method = "post",
        operation_id = "createCategory"
    )]
    async fn create_category(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<CategoryIn>,
    ) -> Result<Created<CategoryOut>> {
        let c = city::save_category(
            &state,
            Some(&session.0.actor),
            &slug,
            None,
            category_in(body.0),
        )
        .await?;
        Ok(Created::Created(Json(category_out(c))))
    }

    /// Changes a category: names, order, active flag (admins).
    #[oai(
        path = "/cities/:slug/categories/:id",
        method = "patch",
        operation_id = "updateCategory"
    )]
    async fn update_category(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<CategoryIn>,
    ) -> Result<Json<CategoryOut>> {
        let c = city::save_category(
            &state,
            Some(&session.0.actor),
            &slug,
            Some(id.0),
            category_in(body.0),
        )
        .await?;
        Ok(Json(category_out(c)))
    }

    /// Deletes a category no project uses (admins).
    #[oai(
        path = "/cities/:slug/categories/:id",
        method = "delete",
        operation_id = "deleteCategory"
    )]
    async fn delete_category(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        city::delete_entry(&state, Some(&session.0.actor), &slug, "category", id.0).await?;
        Ok(Done::NoContent)
    }

    /// The session the city runs now, with its timeline, the stage open now and its pots.
    #[oai(
        path = "/cities/:slug/sessions/current",
        method = "get",
        operation_id = "getCurrentBudgetSession"
    )]
    async fn current_session(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
    ) -> Result<Json<BudgetSessionOut>> {
        let view = sessions::current(&state, &slug).await?;
        Ok(Json(session_out(view, state.clock.now())))
    }

    /// One budget session.
    #[oai(
        path = "/cities/:slug/sessions/:id",
        method = "get",
        operation_id = "getBudgetSession"
    )]
    async fn session(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<BudgetSessionOut>> {
        let view = sessions::get(&state, &slug, id.0).await?;
        Ok(Json(session_out(view, state.clock.now())))
    }

    /// Creates a budget session (admins): stages each starting the day after the previous ends.
    #[oai(
        path = "/cities/:slug/sessions",
        method = "post",
        operation_id = "createBudgetSession"
    )]
    async fn create_session(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<BudgetSessionIn>,
    ) -> Result<Created<BudgetSessionOut>> {
        let b = body.0;
        let input = SessionInput {
            name_uk: b.name.uk,
            name_en: b.name.en,
            parameters: parameters_in(b.parameters),
            stages: stages_in(b.stages),
            pots: pots_in(b.pots),
        };
        let view = sessions::create(&state, Some(&session.0.actor), &slug, input).await?;
        Ok(Created::Created(Json(session_out(view, state.clock.now()))))
    }

    /// Changes a session (admins); parameters and pots only before it starts.
    #[oai(
        path = "/cities/:slug/sessions/:id",
        method = "patch",
        operation_id = "updateBudgetSession"
    )]
    async fn update_session(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<BudgetSessionChangeIn>,
    ) -> Result<Json<BudgetSessionOut>> {
        let b = body.0;
        let change = SessionChange {
            name_uk: b.name.as_ref().map(|n| n.uk.clone()),
            name_en: b.name.map(|n| n.en),
            parameters: b.parameters.map(parameters_in),
            stages: b.stages.map(stages_in),
            pots: b.pots.map(pots_in),
        };
        let view = sessions::update(&state, Some(&session.0.actor), &slug, id.0, change).await?;
        Ok(Json(session_out(view, state.clock.now())))
    }

    /// Sets a stage's timeline tooltip (moderators, admins), at any time.
    #[oai(
        path = "/cities/:slug/sessions/:id/stages/:kind/hint",
        method = "put",
        operation_id = "setStageHint"
    )]
    async fn set_hint(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
        kind: Path<StageKindIo>,
        body: Json<HintIn>,
    ) -> Result<Done> {
        let b = body.0;
        sessions::set_hint(
            &state,
            Some(&session.0.actor),
            &slug,
            id.0,
            kind.0.into(),
            b.uk,
            b.en,
        )
        .await?;
        Ok(Done::NoContent)
    }

    /// Every UI string of a language for this city, with overrides applied.
    #[oai(
        path = "/cities/:slug/translations/:lang",
        method = "get",
        operation_id = "listTranslations"
    )]
    async fn translations(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
        lang: Path<String>,
    ) -> Result<Json<Vec<TranslationOut>>> {
        let list = content::translations(&state, &slug, &lang).await?;
        Ok(Json(
            list.into_iter()
                .map(|t| TranslationOut {
                    value: t.value.clone().unwrap_or_else(|| t.default.clone()),
                    key: t.key,
                    default: t.default,
                    override_value: t.value,
                })
                .collect(),
        ))
    }

    /// The web app's messages with this city's overrides: `{key: Fluent source}`, problems and
    /// e-mails left out. Revalidated by `ETag` (`If-None-Match` gets a 304).
    #[oai(
        path = "/cities/:slug/messages/:lang",
        method = "get",
        operation_id = "cityMessages"
    )]
    async fn city_messages(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
        lang: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> Result<MessagesOut> {
        let messages = content::messages(&state, Some(&slug), &lang).await?;
        Ok(MessagesOut::new(messages, if_none_match.0))
    }

    /// The web app's messages as shipped (no city yet, e.g. the list of cities).
    #[oai(path = "/messages/:lang", method = "get", operation_id = "messages")]
    async fn messages(
        &self,
        state: Data<&AppState>,
        lang: Path<String>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> Result<MessagesOut> {
        let messages = content::messages(&state, None, &lang).await?;
        Ok(MessagesOut::new(messages, if_none_match.0))
    }

    /// Overrides a string for this city (moderators, admins).
    #[oai(
        path = "/cities/:slug/translations/:lang/:key",
        method = "put",
        operation_id = "setTranslation"
    )]
    async fn set_translation(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        lang: Path<String>,
        key: Path<String>,
        body: Json<TranslationIn>,
    ) -> Result<Done> {
        content::set_translation(
            &state,
            Some(&session.0.actor),
            &slug,
            &lang,
            &key,
            &body.value,
        )
        .await?;
        Ok(Done::NoContent)
    }

    /// Resets a string to its default (moderators, admins).
    #[oai(
        path = "/cities/:slug/translations/:lang/:key",
        method = "delete",
        operation_id = "resetTranslation"
    )]
    async fn reset_translation(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        lang: Path<String>,
        key: Path<String>,
    ) -> Result<Done> {
        content::reset_translation(&state, Some(&session.0.actor), &slug, &lang, &key).await?;
        Ok(Done::NoContent)
    }

    /// Static pages under «Про проект», in order: published ones, or with `drafts=true` all
    /// (moderators, admins, observers).
    #[oai(
        path = "/cities/:slug/pages",
        method = "get",
        operation_id = "listPages"
    )]
    async fn pages(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        drafts: Query<Option<bool>>,
    ) -> Result<Json<Vec<PageOut>>> {
        let pages = content::pages(&state, auth.actor(), &slug, drafts.0.unwrap_or(false)).await?;
        Ok(Json(pages.into_iter().map(page_out).collect()))
    }

    /// One page (a draft only for staff).
    #[oai(
        path = "/cities/:slug/pages/:page",
        method = "get",
        operation_id = "getPage"
    )]
    async fn page(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        page: Path<String>,
    ) -> Result<Json<PageOut>> {
        Ok(Json(page_out(
            content::page(&state, auth.actor(), &slug, &page).await?,
        )))
    }

    /// Creates a page (moderators, admins).
    #[oai(
        path = "/cities/:slug/pages",
        method = "post",
        operation_id = "createPage"
    )]
    async fn create_page(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<PageIn>,
    ) -> Result<Created<PageOut>> {
        let view = content::save_page(&state, Some(&session.0.actor), &slug, None, page_in(body.0))
            .await?;
        Ok(Created::Created(Json(page_out(view))))
    }

    /// Changes a page: text, order, published (moderators, admins).
    #[oai(
        path = "/cities/:slug/pages/:page",
        method = "patch",
        operation_id = "updatePage"
    )]
    async fn update_page(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        page: Path<String>,
        body: Json<PageIn>,
    ) -> Result<Json<PageOut>> {
        let view = content::save_page(
            &state,
            Some(&session.0.actor),
            &slug,
            Some(&page),
            page_in(body.0),
        )
        .await?;
        Ok(Json(page_out(view)))
    }

    /// Deletes a page (moderators, admins).
    #[oai(
        path = "/cities/:slug/pages/:page",
        method = "delete",
        operation_id = "deletePage"
    )]
    async fn delete_page(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        page: Path<String>,
    ) -> Result<Done> {
        content::delete_page(&state, Some(&session.0.actor), &slug, &page).await?;
        Ok(Done::NoContent)
    }
}

fn district_in(b: DistrictIn) -> DistrictInput {
    DistrictInput {
        name_uk: b.name.as_ref().map(|n| n.uk.clone()),
        name_en: b.name.map(|n| n.en),
        boundary: b.boundary,
        population: b.population,
    }
}

fn category_in(b: CategoryIn) -> CategoryInput {
    CategoryInput {
        name_uk: b.name.as_ref().map(|n| n.uk.clone()),
        name_en: b.name.map(|n| n.en),
        position: b.position,
        active: b.active,
    }
}

fn category_out(c: entities::category::Model) -> CategoryOut {
    CategoryOut {
        id: c.id,
        name: LocalizedName::new(&c.name_uk, &c.name_en),
        position: c.position,
        active: c.active,
    }
}

fn page_in(b: PageIn) -> PageInput {
    PageInput {
        slug: b.slug,
        title_uk: b.title.as_ref().map(|t| t.uk.clone()),
        title_en: b.title.map(|t| t.en),
        body_uk: b.body.as_ref().map(|t| t.uk.clone()),
        body_en: b.body.map(|t| t.en),
        position: b.position,
        published: b.published,
    }
}

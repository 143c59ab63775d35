//! The signed-in resident's own account.

use chrono::{DateTime, NaiveDate, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::types::Done;
use crate::app::profile::{self, Profile, ProfileChange};
use crate::app::staff::role_code;
use crate::auth::SessionCookie;
use crate::state::AppState;

pub struct MeApi;

#[derive(Debug, Object)]
pub struct CityRoleDto {
    pub city_id: i64,
    /// `moderator`, `admin` or `observer` (granted), or `commission_member`: elected to the
    /// city's public budget commission at its latest election, until the next one's results.
    pub role: String,
}

/// The role the commission election gives (never granted by an admin).
const COMMISSION_MEMBER: &str = "commission_member";

#[derive(Debug, Object)]
pub struct ProfileDto {
    pub id: i64,
    /// Normalized: `+380XXXXXXXXX`, `МЕ123456` or `123456789`.
    pub login: String,
    pub last_name: String,
    pub first_name: String,
    #[oai(nullable)]
    pub patronymic: Option<String>,
    #[oai(nullable)]
    pub birth_date: Option<NaiveDate>,
    #[oai(nullable)]
    pub phone: Option<String>,
    #[oai(nullable)]
    pub email: Option<String>,
    pub email_verified: bool,
    #[oai(nullable)]
    pub registration_address: Option<String>,
    #[oai(nullable)]
    pub residence_address: Option<String>,
    #[oai(nullable)]
    pub facebook_url: Option<String>,
    pub has_photo: bool,
    pub lang: String,
    pub platform_admin: bool,
    pub roles: Vec<CityRoleDto>,
    /// Required fields still empty (`birth_date`, `phone`, …): taking part needs them.
    pub missing_fields: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl From<Profile> for ProfileDto {
    fn from(p: Profile) -> Self {
        let u = p.user;
        Self {
            id: u.id,
            login: u.login,
            last_name: u.last_name,
            first_name: u.first_name,
            patronymic: u.patronymic,
            birth_date: u.birth_date,
            phone: u.phone,
            email_verified: u.email_verified_at.is_some(),
            email: u.email,
            registration_address: u.registration_address,
            residence_address: u.residence_address,
            facebook_url: u.facebook_url,
            has_photo: p.has_photo,
            lang: u.lang,
            platform_admin: u.is_platform_admin,
            roles: p
                .roles
                .into_iter()
                .map(|(city_id, role)| CityRoleDto {
                    city_id,
                    role: role_code(role).to_owned(),
                })
                .chain(p.commission.into_iter().map(|city_id| CityRoleDto {
                    city_id,
                    role: COMMISSION_MEMBER.to_owned(),
                }))
                .collect(),
            missing_fields: p.missing.iter().map(|f| f.code().to_owned()).collect(),
            created_at: u.created_at,
        }
    }
}

/// Fields to change; absent fields stay, an empty string clears an optional field.
#[derive(Debug, Object)]
pub struct ProfileChangeIn {
    #[oai(nullable)]
    pub last_name: Option<String>,
    #[oai(nullable)]
    pub first_name: Option<String>,
    #[oai(nullable)]
    pub patronymic: Option<String>,
    #[oai(nullable)]
    pub birth_date: Option<NaiveDate>,
    #[oai(nullable)]
    pub phone: Option<String>,
    /// A changed address must be verified again.
    #[oai(nullable)]
    pub email: Option<String>,
    #[oai(nullable)]
    pub registration_address: Option<String>,
    #[oai(nullable)]
    pub residence_address: Option<String>,
    #[oai(nullable)]
    pub facebook_url: Option<String>,
    #[oai(nullable)]
    pub lang: Option<String>,
}

#[derive(Debug, Object)]
pub struct PasswordChangeIn {
    #[oai(write_only)]
    pub current_password: String,
    #[oai(write_only)]
    pub new_password: String,
}

#[derive(ApiResponse)]
pub enum PhotoOut {
    #[oai(status = 200)]
    Ok(Binary<Vec<u8>>, #[oai(header = "Content-Type")] String),
}

#[OpenApi(tag = "ApiTags::Account")]
impl MeApi {
    /// My profile, roles and the fields I still have to fill in.
    #[oai(path = "/me", method = "get", operation_id = "getMe")]
    async fn get(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
    ) -> Result<Json<ProfileDto>> {
        Ok(Json(profile::get(&state, &session.0).await?.into()))
    }

    /// My profile as this city's current budget session sees it: `missing_fields` lists what
    /// the session requires to take part that I have not filled in.
    #[oai(
        path = "/cities/:slug/me",
        method = "get",
        operation_id = "getMeInCity"
    )]
    async fn in_city(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: poem_openapi::param::Path<String>,
    ) -> Result<Json<ProfileDto>> {
        Ok(Json(
            profile::for_city(&state, &session.0, &slug).await?.into(),
        ))
    }

    /// Changes my profile.
    #[oai(path = "/me", method = "patch", operation_id = "updateMe")]
    async fn update(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        body: Json<ProfileChangeIn>,
    ) -> Result<Json<ProfileDto>> {
        let b = body.0;
        let change = ProfileChange {
            last_name: b.last_name,
            first_name: b.first_name,
            patronymic: b.patronymic,
            birth_date: b.birth_date.map(Some),
            phone: b.phone,
            email: b.email,
            registration_address: b.registration_address,
            residence_address: b.residence_address,
            facebook_url: b.facebook_url,
            lang: b.lang,
        };
        Ok(Json(
            profile::update(&state, &session.0, change).await?.into(),
        ))
    }

    /// Sets my photo: a JPEG or PNG of up to 5 MB, sent as the request body.
    #[oai(path = "/me/photo", method = "put", operation_id = "putMyPhoto")]
    async fn put_photo(
        &self,
        req: &poem::Request,
        state: Data<&AppState>,
        session: SessionCookie,
        body: Binary<Vec<u8>>,
    ) -> Result<Done> {
        profile::put_photo(&state, &session.0, body.0, super::declared_type(req)).await?;
        Ok(Done::NoContent)
    }

    /// My photo.
    #[oai(path = "/me/photo", method = "get", operation_id = "getMyPhoto")]
    async fn photo(&self, state: Data<&AppState>, session: SessionCookie) -> Result<PhotoOut> {
        let (content_type, bytes) = profile::photo(&state, &session.0).await?;
        Ok(PhotoOut::Ok(Binary(bytes), content_type))
    }

    /// Changes my password; my other sessions end.
    #[oai(
        path = "/me/password",
        method = "post",
        operation_id = "changeMyPassword"
    )]
    async fn change_password(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        body: Json<PasswordChangeIn>,
    ) -> Result<Done> {
        let b = body.0;
        profile::change_password(&state, &session.0, b.current_password, b.new_password).await?;
        Ok(Done::NoContent)
    }
}

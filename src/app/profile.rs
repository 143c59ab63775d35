//! The signed-in resident's own profile: fields, photo, password.

use chrono::NaiveDate;
use entities::user;
use poem::http::StatusCode;
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionTrait};

use super::auth::{check_password, parse_email, parse_lang, parse_phone, profile_error};
use crate::auth::SessionCtx;
use crate::auth::password::Verified;
use crate::auth::session::role_of;
use crate::domain::access::CityRole;
use crate::domain::login::Login;
use crate::domain::profile::{self, DEFAULT_REQUIRED, Field, Filled};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Localizer};
use crate::state::AppState;
use crate::store;

/// Largest accepted profile photo.
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Largest photo side, against decompression bombs.
const PHOTO_MAX_SIDE: u32 = 8000;

#[derive(Debug, Clone)]
pub struct Profile {
    pub user: user::Model,
    pub has_photo: bool,
    pub missing: Vec<Field>,
    pub roles: Vec<(i64, CityRole)>,
    /// Cities whose elected public budget commission the user sits on (a role the vote gives,
    /// not a grant).
    pub commission: Vec<i64>,
}

/// A change to some profile fields; `None` leaves a field as it is, `Some("")` clears an
/// optional one.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<String>,
    pub birth_date: Option<Option<NaiveDate>>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub registration_address: Option<String>,
    pub residence_address: Option<String>,
    pub facebook_url: Option<String>,
    pub lang: Option<String>,
}

pub async fn get(state: &AppState, session: &SessionCtx) -> AppResult<Profile> {
    get_by_id(state, session.user_id).await
}

/// The profile of `user_id` (for the responses of sign-in and registration).
pub async fn get_by_id(state: &AppState, user_id: i64) -> AppResult<Profile> {
    let user = store::users::find(&state.db, user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    load(&state.db, user).await
}

async fn load<C: ConnectionTrait>(db: &C, user: user::Model) -> AppResult<Profile> {
    let has_photo = !store::users::with_photo(db, &[user.id]).await?.is_empty();
    let roles = store::users::roles_of(db, user.id)
        .await?
        .into_iter()
        .map(|r| (r.city_id, role_of(r.role)))
        .collect();
    let commission = super::elections::commission_cities(db, user.id).await?;
    Ok(with_missing(user, has_photo, roles, commission))
}

/// My profile as the city's current budget session sees it: `missing` lists the fields its
/// session requires that I have not filled in (the default list when the city has no session).
pub async fn for_city(state: &AppState, session: &SessionCtx, slug: &str) -> AppResult<Profile> {
    let mut profile = get(state, session).await?;
    let required = super::sessions::required_fields(state, slug).await?;
    profile.missing = profile::missing(&required, &filled(&profile.user, profile.has_photo));
    Ok(profile)
}

/// An error with problem `code` that names each missing profile field in the person's
/// language (argument `fields`).
pub(crate) fn missing_fields_error(
    localizer: &Localizer,
    lang: Lang,
    code: &'static str,
    fields: &[Field],
) -> AppError {
    let names: Vec<String> = fields
        .iter()
        .map(|f| localizer.get(lang, &format!("field-{}", f.code().replace('_', "-")), &[]))
        .collect();
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code).arg("fields", names.join(", "))
}

/// The user, once their profile has every field `view`'s session requires; otherwise the
/// problem `code` naming each missing field in `lang`.
pub(crate) async fn with_required_fields(
    state: &AppState,
    view: &super::sessions::SessionView,
    user_id: i64,
    lang: Lang,
    code: &'static str,
) -> AppResult<user::Model> {
    let user = store::users::find(&state.db, user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let has_photo = !store::users::with_photo(&state.db, &[user_id])
        .await?
        .is_empty();
    let missing = profile::missing(&view.required(), &filled(&user, has_photo));
    if !missing.is_empty() {
        return Err(
            missing_fields_error(&state.localizer, lang, code, &missing).at_field("profile")
        );
    }
    Ok(user)
}

pub(crate) fn filled(user: &user::Model, has_photo: bool) -> Filled {
    Filled {
        last_name: !user.last_name.is_empty(),
        first_name: !user.first_name.is_empty(),
        patronymic: user.patronymic.is_some(),
        birth_date: user.birth_date.is_some(),
        phone: user.phone.is_some(),
        email: user.email.is_some(),
        registration_address: user.registration_address.is_some(),
        residence_address: user.residence_address.is_some(),
        photo: has_photo,
    }
}

fn with_missing(
    user: user::Model,
    has_photo: bool,
    roles: Vec<(i64, CityRole)>,
    commission: Vec<i64>,
) -> Profile {
    let missing = profile::missing(&DEFAULT_REQUIRED, &filled(&user, has_photo));
    Profile {
        user,
        has_photo,
        missing,
        roles,
        commission,
    }
}

pub async fn update(
    state: &AppState,
    session: &SessionCtx,
    change: ProfileChange,
) -> AppResult<Profile> {
    let now = state.clock.now();
    // Read before the transaction, so that its first statement is a write (SQLite cannot turn
    // a stale read transaction into a write one); only the changed columns are written.
    let user = store::users::find(&state.db, session.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let old_email = user.email.clone();
    let mut model = user.into_active_model();
    if let Some(v) = change.last_name {
        model.last_name = Set(profile::name(&v).map_err(|e| profile_error(e, "last_name"))?);
    }
    if let Some(v) = change.first_name {
        model.first_name = Set(profile::name(&v).map_err(|e| profile_error(e, "first_name"))?);
    }
    if let Some(v) = change.patronymic {
        model.patronymic = Set(profile::text(&v, 100).map_err(|e| profile_error(e, "patronymic"))?);
    }
    if let Some(v) = change.birth_date {
        let date = v
            .map(|d| profile::birth_date(d, now.date_naive()))
            .transpose()
            .map_err(|e| profile_error(e, "birth_date"))?;
        model.birth_date = Set(date);
    }
    if let Some(v) = change.phone {
        let phone = if v.trim().is_empty() {
            None
        } else {
            Some(parse_phone(&v, "phone")?)
        };
        model.phone = Set(phone);
    }
    let mut new_email = None;
    if let Some(v) = change.email {
        let email = if v.trim().is_empty() {
            None
        } else {
            Some(parse_email(&v, "email")?)
        };
        if email != old_email {
            model.email_verified_at = Set(None);
            new_email = email.clone();
        }
        model.email = Set(email);
    }
    if let Some(v) = change.registration_address {
        model.registration_address =
            Set(profile::text(&v, 500).map_err(|e| profile_error(e, "registration_address"))?);
    }
    if let Some(v) = change.residence_address {
        model.residence_address =
            Set(profile::text(&v, 500).map_err(|e| profile_error(e, "residence_address"))?);
    }
    if let Some(v) = change.facebook_url {
        model.facebook_url =
            Set(profile::facebook_url(&v).map_err(|e| profile_error(e, "facebook_url"))?);
    }
    if let Some(v) = change.lang {
        model.lang = Set(parse_lang(Some(&v))?.code().to_owned());
    }
    model.updated_at = Set(now);
    let txn = state.db.begin().await?;
    let user = model.update(&txn).await?;
    if let Some(email) = new_email {
        super::auth::send_verification_in(state, &txn, &user, &email).await?;
    }
    let profile = load(&txn, user).await?;
    txn.commit().await?;
    Ok(profile)
}

pub async fn change_password(
    state: &AppState,
    session: &SessionCtx,
    current: String,
    new: String,
) -> AppResult<()> {
    let user = store::users::find(&state.db, session.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let login = Login::parse(&user.login).ok();
    check_password(&new, login.as_ref(), "new_password")?;
    match state
        .passwords
        .verify(current, user.password_hash.clone())
        .await
        .map_err(AppError::internal)?
    {
        Verified::No => return Err(AppError::invalid("password-wrong", "current_password")),
        Verified::Yes | Verified::YesRehashed(_) => {}
    }
    let hash = state
        .passwords
        .hash(new)
        .await
        .map_err(AppError::internal)?;
    let txn = state.db.begin().await?;
    store::users::set_password_hash(&txn, user.id, hash, state.clock.now()).await?;
    // Other devices must sign in again with the new password; this one stays.
    for other in store::sessions::of_user(&txn, user.id).await? {
        if other.id_hash != session.id_hash {
            store::sessions::delete(&txn, &other.id_hash).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Stores a profile photo after checking by content that it is a whole JPEG or PNG.
pub async fn put_photo(
    state: &AppState,
    session: &SessionCtx,
    bytes: Vec<u8>,
    declared: Option<&str>,
) -> AppResult<()> {
    let content_type = check_image(bytes.clone(), PHOTO_MAX_BYTES, "photo", declared).await?;
    store::users::put_photo(
        &state.db,
        session.user_id,
        content_type,
        bytes,
        state.clock.now(),
    )
    .await?;
    Ok(())
}

pub async fn photo(state: &AppState, session: &SessionCtx) -> AppResult<(String, Vec<u8>)> {
    let photo = store::users::photo(&state.db, session.user_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "photo-not-found"))?;
    Ok((photo.content_type, photo.bytes))
}

/// The MIME type of a JPEG or PNG image that decodes completely; anything else is refused.
/// `declared` is the type the client named (its `Content-Type`); when it names an image type
/// that differs from the content (a PNG called a JPEG), the upload is refused.
pub async fn check_image(
    bytes: Vec<u8>,
    max_bytes: usize,
    field: &'static str,
    declared: Option<&str>,
) -> AppResult<&'static str> {
    if bytes.len() > max_bytes {
        return Err(
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "image-too-large")
                .arg("limit", max_bytes)
                .at_field(field),
        );
    }
    let format = image::guess_format(&bytes).map_err(|_| AppError::invalid("image-type", field))?;
    let content_type = match format {
        image::ImageFormat::Jpeg => "image/jpeg",
        image::ImageFormat::Png => "image/png",
        _ => return Err(AppError::invalid("image-type", field)),
    };
    let declared = declared.map(|d| {
        d.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(declared) = declared.filter(|d| d.starts_with("image/")) {
        let same =
            declared == content_type || (declared == "image/jpg" && content_type == "image/jpeg");
        if !same {
            return Err(AppError::invalid("image-mismatch", field)
                .arg("declared", declared)
                .arg("actual", content_type));
        }
    }
    tokio::task::spawn_blocking(move || {
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(PHOTO_MAX_SIDE);
        limits.max_image_height = Some(PHOTO_MAX_SIDE);
        limits.max_alloc = Some(256 * 1024 * 1024);
        reader.limits(limits);
        reader.decode().map(|_| ())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|_| AppError::invalid("image-corrupt", field))?;
    Ok(content_type)
}

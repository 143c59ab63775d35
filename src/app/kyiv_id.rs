//! Signing in with Kyiv ID, and linking it to an existing account. Identity is the pair
//! (issuer, subject); accounts are never merged by unverified claims.

use chrono::Duration;
use entities::{oidc_flow, user};
use poem::http::StatusCode;
use sea_orm::{ConnectionTrait, IntoActiveModel, Set, TransactionTrait};
use serde_json::json;

use super::auth::{NewSession, create_session};
use super::profile::missing_fields_error;
use crate::auth::SessionCtx;
use crate::auth::kyiv_id::{OidcError, ProviderProfile};
use crate::auth::session::Client;
use crate::auth::tokens::{hash_token, random_token};
use crate::domain::access::Actor;
use crate::domain::kyiv_id::{
    ClaimedProfile, VerifiedFacts, facts_from_claims, facts_from_graphql, gaps, missing,
    profile_from_claims, profile_from_graphql,
};
use crate::domain::profile::{self, DEFAULT_REQUIRED, Filled};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store;

/// How long a started sign-in may take at the provider.
pub const FLOW_TTL: Duration = Duration::minutes(10);

/// Where to send the browser, and the cookie that binds the flow to it.
pub struct Started {
    pub url: String,
    pub browser_token: String,
}

pub enum Finished {
    SignedIn(NewSession),
    Linked,
}

fn provider(state: &AppState) -> AppResult<&crate::auth::kyiv_id::KyivId> {
    state
        .kyiv_id
        .as_deref()
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "kyiv-id-disabled"))
}

fn oidc_error(err: OidcError) -> AppError {
    match err {
        OidcError::Unavailable(cause) => {
            AppError::new(StatusCode::BAD_GATEWAY, "kyiv-id-unavailable")
                .with_cause(anyhow::anyhow!(cause))
        }
        OidcError::Rejected(cause) => {
            tracing::warn!(%cause, "Kyiv ID answer refused");
            AppError::new(StatusCode::BAD_REQUEST, "kyiv-id-rejected")
        }
    }
}

/// Starts a sign-in (or, with `link`, linking Kyiv ID to the signed-in account).
pub async fn start(
    state: &AppState,
    session: Option<&SessionCtx>,
    link: bool,
    city_slug: Option<String>,
) -> AppResult<Started> {
    let provider = provider(state)?;
    let city_slug = city_slug.filter(|s| !s.is_empty());
    if let Some(slug) = &city_slug
        && !offered_in(state, slug).await?
    {
        return Err(AppError::new(StatusCode::NOT_FOUND, "kyiv-id-disabled"));
    }
    let user_id = match (link, session) {
        (true, Some(s)) => Some(s.user_id),
        (true, None) => return Err(AppError::unauthenticated()),
        (false, _) => None,
    };
    let authorization = provider.authorization().await.map_err(oidc_error)?;
    let browser_token = random_token();
    let now = state.clock.now();
    store::identities::insert_flow(
        &state.db,
        oidc_flow::Model {
            state_hash: hash_token(&authorization.state),
            browser_hash: hash_token(&browser_token),
            nonce: authorization.nonce,
            pkce_verifier: authorization.pkce_verifier,
            purpose: if link { "link" } else { "login" }.to_owned(),
            user_id,
            city_slug,
            created_at: now,
            expires_at: now + FLOW_TTL,
        },
    )
    .await?;
    Ok(Started {
        url: authorization.url,
        browser_token,
    })
}

/// The provider's answer: a code and the state, or an error (the resident cancelled, …).
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

pub async fn finish(
    state: &AppState,
    client: &Client,
    callback: Callback,
    browser_token: Option<&str>,
    lang: Lang,
) -> AppResult<Finished> {
    let provider = provider(state)?;
    if let Some(error) = callback.error {
        let code = if error == "access_denied" {
            "kyiv-id-cancelled"
        } else {
            "kyiv-id-failed"
        };
        return Err(AppError::new(StatusCode::BAD_REQUEST, code));
    }
    let invalid = || AppError::new(StatusCode::BAD_REQUEST, "kyiv-id-state-invalid");
    let (Some(code), Some(state_param)) = (callback.code, callback.state) else {
        return Err(invalid());
    };
    let now = state.clock.now();
    let flow = store::identities::take_flow(&state.db, &hash_token(&state_param), now)
        .await?
        .ok_or_else(invalid)?;
    // The flow belongs to the browser that started it.
    if browser_token.map(hash_token).as_deref() != Some(flow.browser_hash.as_str()) {
        return Err(invalid());
    }
    let verified = provider
        .finish(code, flow.pkce_verifier.clone(), flow.nonce.clone())
        .await
        .map_err(oidc_error)?;
    let known = store::identities::find(&state.db, &verified.issuer, &verified.subject).await?;
    // Who may vote is judged from these (`domain::eligibility`): recorded at every sign-in
    // and linking, replacing what the provider said the last time.
    let map = provider.claim_map();
    let (claimed, facts) = match &verified.profile {
        ProviderProfile::Claims(claims) => (
            profile_from_claims(claims, map, now.date_naive()),
            facts_from_claims(claims, map),
        ),
        ProviderProfile::Graphql { profile, claims } => (
            profile_from_graphql(profile, now.date_naive()),
            facts_from_graphql(profile, claims, map),
        ),
    };

    if flow.purpose == "link" {
        let user_id = flow.user_id.ok_or_else(invalid)?;
        match known {
            Some(identity) if identity.user_id == user_id => {}
            Some(_) => {
                return Err(AppError::new(
                    StatusCode::CONFLICT,
                    "kyiv-id-linked-elsewhere",
                ));
            }
            None => {
                store::identities::insert(
                    &state.db,
                    user_id,
                    &verified.issuer,
                    &verified.subject,
                    now,
                )
                .await
                .map_err(AppError::on_unique("kyiv-id-linked-elsewhere", None))?;
            }
        }
        let user = store::users::find(&state.db, user_id)
            .await?
            .ok_or_else(invalid)?;
        let txn = state.db.begin().await?;
        record_facts(&txn, state, &user, &facts).await?;
        txn.commit().await?;
        return Ok(Finished::Linked);
    }

    let required = match flow.city_slug.as_deref() {
        Some(slug) => super::sessions::required_fields(state, slug).await?,
        None => DEFAULT_REQUIRED.to_vec(),
    };

    if let Some(identity) = known {
        // A returning resident: what their account lacks and Kyiv ID now supplies is filled
        // in (nothing they entered is overwritten); what neither has keeps them out.
        let user = store::users::find(&state.db, identity.user_id)
            .await?
            .ok_or_else(invalid)?;
        let user = fill_gaps(state, user, &claimed).await?;
        let txn = state.db.begin().await?;
        record_facts(&txn, state, &user, &facts).await?;
        txn.commit().await?;
        let lacking = profile::missing(
            &required,
            &Filled {
                photo: true,
                ..super::profile::filled(&user, false)
            },
        );
        if !lacking.is_empty() {
            return Err(missing_fields_error(
                &state.localizer,
                lang,
                "kyiv-id-missing-fields",
                &lacking,
            ));
        }
        let session = create_session(state, &state.db, identity.user_id, client).await?;
        return Ok(Finished::SignedIn(session));
    }

    // A first sign-in: the account is made from the claims, if they are complete.
    let lacking = missing(&required, &claimed);
    if !lacking.is_empty() {
        return Err(missing_fields_error(
            &state.localizer,
            lang,
            "kyiv-id-missing-fields",
            &lacking,
        ));
    }
    // Only a phone the provider confirmed becomes the login: an unconfirmed one (which may be
    // someone else's) fills the phone field alone.
    let login = claimed
        .phone
        .clone()
        .filter(|_| claimed.phone_verified)
        .unwrap_or_else(|| {
            format!(
                "kyiv-id:{}",
                &hash_token(&format!("{}|{}", verified.issuer, verified.subject))[..24]
            )
        });
    let txn = state.db.begin().await?;
    let user = store::users::insert(
        &txn,
        store::users::NewUser {
            login,
            password_hash: None,
            last_name: claimed.last_name.clone().unwrap_or_default(),
            first_name: claimed.first_name.clone().unwrap_or_default(),
            patronymic: claimed.patronymic.clone(),
            email: claimed.email.clone(),
            phone: claimed.phone.clone(),
            birth_date: claimed.birth_date,
            lang: lang.code().to_owned(),
            is_platform_admin: false,
            registration_address: claimed.registration_address.clone(),
            residence_address: claimed.residence_address.clone(),
        },
        now,
    )
    .await
    // The phone is already the login of a password account: no silent merge.
    .map_err(AppError::on_unique("kyiv-id-account-exists", None))?;
    store::identities::insert(&txn, user.id, &verified.issuer, &verified.subject, now)
        .await
        .map_err(AppError::on_unique("kyiv-id-linked-elsewhere", None))?;
    if claimed.email_verified
        && let Some(email) = &claimed.email
    {
        store::users::mark_email_verified(&txn, user.id, email, now).await?;
    }
    record_facts(&txn, state, &user, &facts).await?;
    let session = create_session(state, &txn, user.id, client).await?;
    txn.commit().await?;
    Ok(Finished::SignedIn(session))
}

/// Records on the account what Kyiv ID verified for the voter eligibility rule, as of now; a
/// change (or the first record) is audited, since it decides whether the person may vote.
async fn record_facts<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user: &user::Model,
    facts: &VerifiedFacts,
) -> AppResult<()> {
    let settlement = facts.registration_settlement.as_deref();
    store::users::record_verified_claims(
        db,
        user.id,
        settlement,
        facts.taxpayer,
        state.clock.now(),
    )
    .await?;
    let before = (user.verified_settlement.as_deref(), user.verified_taxpayer);
    if user.verified_claims_at.is_none() || before != (settlement, facts.taxpayer) {
        let actor = Actor {
            user_id: user.id,
            platform_admin: false,
            roles: vec![],
        };
        super::audit(
            db,
            state,
            None,
            Some(&actor),
            "user.verified_claims",
            format!("user:{}", user.id),
            json!({
                "before": { "settlement": before.0, "taxpayer": before.1 },
                "after": { "settlement": settlement, "taxpayer": facts.taxpayer },
            }),
        )
        .await?;
    }
    Ok(())
}

/// Copies into the account the fields it lacks and the provider supplies.
async fn fill_gaps(
    state: &AppState,
    user: user::Model,
    claimed: &ClaimedProfile,
) -> AppResult<user::Model> {
    let gaps = gaps(claimed, &super::profile::filled(&user, false));
    if gaps == ClaimedProfile::default() {
        return Ok(user);
    }
    let mut model = user.into_active_model();
    if let Some(v) = gaps.last_name {
        model.last_name = Set(v);
    }
    if let Some(v) = gaps.first_name {
        model.first_name = Set(v);
    }
    if let Some(v) = gaps.patronymic {
        model.patronymic = Set(Some(v));
    }
    if let Some(v) = gaps.birth_date {
        model.birth_date = Set(Some(v));
    }
    if let Some(v) = gaps.phone {
        model.phone = Set(Some(v));
    }
    if let Some(v) = gaps.registration_address {
        model.registration_address = Set(Some(v));
    }
    if let Some(v) = gaps.residence_address {
        model.residence_address = Set(Some(v));
    }
    model.updated_at = Set(state.clock.now());
    Ok(store::users::update(&state.db, model).await?)
}

/// Whether the city's current session lists Kyiv ID among its registration methods (a city
/// without a session does not restrict it).
async fn offered_in(state: &AppState, slug: &str) -> AppResult<bool> {
    match super::sessions::current(state, slug).await {
        Ok(view) => Ok(view.registration_methods.iter().any(|m| m == "kyiv_id")),
        Err(e) if e.code == "session-not-found" => Ok(true),
        Err(e) => Err(e),
    }
}

//! Kyiv ID: the OpenID Connect relying party. Every token check is the `openidconnect`
//! crate's (signature against the provider's keys, `iss`, `aud`, `exp`, `nonce`, allowed
//! algorithms); this module only wires it up: discovery (cached, refreshed when the provider's
//! keys rotate), the authorization URL with PKCE S256, the code exchange and userinfo.

use std::collections::HashMap;
use std::time::Duration;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, UserInfoClaims, reqwest,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::config::KyivIdSettings;

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Claims beyond the standard ones, kept as they come (the claim map may name any of them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OtherClaims(HashMap<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense: try again later.
    #[error("Kyiv ID unavailable: {0}")]
    Unavailable(String),
    /// The provider's answer failed a check: refuse the sign-in.
    #[error("Kyiv ID answer refused: {0}")]
    Rejected(String),
}

/// A sign-in just started: send the browser to `url`; keep the rest for the callback.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in, with every claim of the ID token and userinfo.
#[derive(Debug, Clone)]
pub struct Verified {
    pub issuer: String,
    pub subject: String,
    pub claims: serde_json::Value,
}

pub struct KyivId {
    settings: KyivIdSettings,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<CoreProviderMetadata>>,
}

impl std::fmt::Debug for KyivId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KyivId")
            .field("issuer", &self.settings.issuer)
            .finish_non_exhaustive()
    }
}

impl KyivId {
    /// `None` when Kyiv ID is not enabled.
    pub fn new(settings: &KyivIdSettings, public_url: &str) -> anyhow::Result<Option<KyivId>> {
        if !settings.enabled {
            return Ok(None);
        }
        let redirect = format!(
            "{}/api/v1/auth/kyiv-id/callback",
            public_url.trim_end_matches('/')
        );
        // Every call to the provider is bounded: when Kyiv ID is down or stops answering, the
        // resident gets the "unavailable" page after at most this long, not a hung request.
        let timeout = Duration::from_secs(settings.timeout_secs.max(1));
        let http = reqwest::Client::builder()
            // Following redirects would open the client to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()?;
        Ok(Some(KyivId {
            issuer: IssuerUrl::new(settings.issuer.clone())?,
            redirect: RedirectUrl::new(redirect)?,
            settings: settings.clone(),
            http,
            metadata: RwLock::new(None),
        }))
    }

    pub fn claim_map(&self) -> &crate::domain::kyiv_id::ClaimMap {
        &self.settings.claims
    }

    /// The provider's metadata, discovered once and again when `refresh` (its keys rotated).
    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, OidcError> {
        if !refresh && let Some(metadata) = self.metadata.read().await.as_ref() {
            return Ok(metadata.clone());
        }
        let metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| OidcError::Unavailable(format!("discovery: {e}")))?;
        *self.metadata.write().await = Some(metadata.clone());
        Ok(metadata)
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    pub async fn authorization(&self) -> Result<Authorization, OidcError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code and checks the ID token; on a signature failure the provider's keys
    /// are fetched again once (they may have rotated) before the token is refused.
    pub async fn finish(
        &self,
        code: String,
        pkce_verifier: String,
        nonce: String,
    ) -> Result<Verified, OidcError> {
        let client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Unavailable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(r) => {
                    OidcError::Rejected(format!("token: {r}"))
                }
                // A malformed ID token fails to parse with the rest of the response.
                openidconnect::RequestTokenError::Parse(e, _) => {
                    OidcError::Rejected(format!("token response: {e}"))
                }
                other => OidcError::Unavailable(format!("token: {other}")),
            })?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::Rejected("no ID token".into()))?;
        let nonce = Nonce::new(nonce);
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(first)) => {
                let refreshed = self.client(self.metadata(true).await?);
                id_token
                    .claims(&refreshed.id_token_verifier(), &nonce)
                    .map_err(|e| OidcError::Rejected(format!("ID token: {e} (first: {first})")))?
                    .clone()
            }
            Err(e) => return Err(OidcError::Rejected(format!("ID token: {e}"))),
        };
        let mut all =
            serde_json::to_value(&claims).map_err(|e| OidcError::Rejected(e.to_string()))?;
        if let Ok(request) = client.user_info(
            response.access_token().clone(),
            Some(claims.subject().clone()),
        ) {
            let info: UserInfoClaims<OtherClaims, CoreGenderClaim> = request
                .request_async(&self.http)
                .await
                .map_err(|e| OidcError::Unavailable(format!("userinfo: {e}")))?;
            if let (Some(all), Ok(serde_json::Value::Object(more))) =
                (all.as_object_mut(), serde_json::to_value(&info))
            {
                for (key, value) in more {
                    all.entry(key).or_insert(value);
                }
            }
        }
        Ok(Verified {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            claims: all,
        })
    }
}

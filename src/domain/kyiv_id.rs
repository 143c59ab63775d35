//! Kyiv ID («Особистий кабінет киянина») claims → a hromada profile, and the missing-fields
//! rule: a resident whose provider data lacks a field the current session requires is not
//! admitted, and is told which fields to complete in their Kyiv ID profile.

use chrono::NaiveDate;
use serde_json::Value;

use super::login::Login;
use super::profile::{self, Field, Filled};

/// Which claim carries which profile field. Paths may go into objects: `address.formatted`.
/// The defaults are the OpenID Connect standard claims.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimMap {
    pub last_name: String,
    pub first_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub phone: String,
    pub email: String,
    pub registration_address: String,
    pub residence_address: String,
}

impl Default for ClaimMap {
    fn default() -> Self {
        Self {
            last_name: "family_name".into(),
            first_name: "given_name".into(),
            patronymic: "middle_name".into(),
            birth_date: "birthdate".into(),
            phone: "phone_number".into(),
            email: "email".into(),
            registration_address: "address.formatted".into(),
            residence_address: "address.formatted".into(),
        }
    }
}

/// What the provider told us, each field checked; unusable values count as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimedProfile {
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Normalized `+380…`.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Whether the provider says it verified the e-mail address (`email_verified`).
    pub email_verified: bool,
    pub registration_address: Option<String>,
    pub residence_address: Option<String>,
}

fn lookup<'a>(claims: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(claims, |value, key| value.get(key))
}

fn text(claims: &Value, path: &str, max: usize) -> Option<String> {
    let value = lookup(claims, path)?.as_str()?;
    profile::text(value, max).ok().flatten()
}

/// Reads the profile out of the ID token's and userinfo's claims (merged by the caller).
pub fn profile_from_claims(claims: &Value, map: &ClaimMap, today: NaiveDate) -> ClaimedProfile {
    let birth_date = text(claims, &map.birth_date, 10)
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .and_then(|d| profile::birth_date(d, today).ok());
    let phone = text(claims, &map.phone, 32).and_then(|s| match Login::parse(&s) {
        Ok(Login::Phone(phone)) => Some(phone),
        _ => None,
    });
    let email = text(claims, &map.email, 254)
        .filter(|e| e.contains('@') && !e.contains(char::is_whitespace));
    ClaimedProfile {
        last_name: text(claims, &map.last_name, 100),
        first_name: text(claims, &map.first_name, 100),
        patronymic: text(claims, &map.patronymic, 100),
        birth_date,
        phone,
        email_verified: email.is_some()
            && lookup(claims, "email_verified").and_then(Value::as_bool) == Some(true),
        email,
        registration_address: text(claims, &map.registration_address, 500),
        residence_address: text(claims, &map.residence_address, 500),
    }
}

/// The required fields the provider did not supply, in the order required. A photo cannot come
/// from Kyiv ID; a session that requires one asks for it after sign-in instead.
pub fn missing(required: &[Field], claimed: &ClaimedProfile) -> Vec<Field> {
    let filled = Filled {
        last_name: claimed.last_name.is_some(),
        first_name: claimed.first_name.is_some(),
        patronymic: claimed.patronymic.is_some(),
        birth_date: claimed.birth_date.is_some(),
        phone: claimed.phone.is_some(),
        email: claimed.email.is_some(),
        registration_address: claimed.registration_address.is_some(),
        residence_address: claimed.residence_address.is_some(),
        photo: true,
    };
    profile::missing(required, &filled)
}

/// What the provider supplies for the fields an existing account lacks: only those, so nothing
/// the resident entered is overwritten. The e-mail is not among them (it needs verifying).
pub fn gaps(claimed: &ClaimedProfile, account: &Filled) -> ClaimedProfile {
    let when = |lacking: bool, value: &Option<String>| value.clone().filter(|_| lacking);
    ClaimedProfile {
        last_name: when(!account.last_name, &claimed.last_name),
        first_name: when(!account.first_name, &claimed.first_name),
        patronymic: when(!account.patronymic, &claimed.patronymic),
        birth_date: claimed.birth_date.filter(|_| !account.birth_date),
        phone: when(!account.phone, &claimed.phone),
        email: None,
        email_verified: false,
        registration_address: when(!account.registration_address, &claimed.registration_address),
        residence_address: when(!account.residence_address, &claimed.residence_address),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
    }

    fn complete() -> Value {
        json!({
            "sub": "complete",
            "family_name": "Шевченко",
            "given_name": "Тарас",
            "middle_name": "Григорович",
            "birthdate": "1990-03-09",
            "email": "taras@example.org",
            "email_verified": true,
            "phone_number": "+38 (050) 123-45-67",
            "address": { "formatted": "Київ, вул. Хрещатик, 1", "locality": "Київ" }
        })
    }

    #[test]
    fn standard_claims_fill_the_profile() {
        let p = profile_from_claims(&complete(), &ClaimMap::default(), today());
        assert_eq!(p.last_name.as_deref(), Some("Шевченко"));
        assert_eq!(p.patronymic.as_deref(), Some("Григорович"));
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1990, 3, 9));
        assert_eq!(p.phone.as_deref(), Some("+380501234567"), "normalized");
        assert!(p.email_verified);
        assert_eq!(
            p.residence_address.as_deref(),
            Some("Київ, вул. Хрещатик, 1")
        );
        let required = [
            Field::LastName,
            Field::FirstName,
            Field::BirthDate,
            Field::Phone,
            Field::ResidenceAddress,
        ];
        assert!(missing(&required, &p).is_empty());
    }

    #[test]
    fn each_absent_or_unusable_field_is_named() {
        let required = [
            Field::LastName,
            Field::FirstName,
            Field::BirthDate,
            Field::Phone,
            Field::Email,
        ];
        let mut claims = complete();
        claims.as_object_mut().unwrap().remove("phone_number");
        claims["birthdate"] = json!("09.03.1990");
        claims["email"] = json!("   ");
        let p = profile_from_claims(&claims, &ClaimMap::default(), today());
        assert_eq!(
            missing(&required, &p),
            vec![Field::BirthDate, Field::Phone, Field::Email]
        );
        assert!(!p.email_verified);

        for (claim, value, field) in [
            ("phone_number", json!("+1 202 555 0101"), Field::Phone),
            ("phone_number", json!(380501234567_u64), Field::Phone),
            ("birthdate", json!("2099-01-01"), Field::BirthDate),
            ("family_name", json!(""), Field::LastName),
            ("given_name", json!(null), Field::FirstName),
        ] {
            let mut claims = complete();
            claims[claim] = value;
            let p = profile_from_claims(&claims, &ClaimMap::default(), today());
            assert_eq!(missing(&required, &p), vec![field], "{claim}");
        }
    }

    #[test]
    fn only_what_the_account_lacks_is_filled_in() {
        let claimed = profile_from_claims(&complete(), &ClaimMap::default(), today());
        let everything = Filled {
            last_name: true,
            first_name: true,
            patronymic: true,
            birth_date: true,
            phone: true,
            email: true,
            registration_address: true,
            residence_address: true,
            photo: true,
        };
        assert_eq!(gaps(&claimed, &everything), ClaimedProfile::default());
        let lacking = Filled {
            birth_date: false,
            phone: false,
            email: false,
            ..everything
        };
        let filled = gaps(&claimed, &lacking);
        assert_eq!(filled.birth_date, claimed.birth_date);
        assert_eq!(filled.phone, claimed.phone);
        assert_eq!(filled.email, None);
        assert_eq!(filled.last_name, None);
    }

    #[test]
    fn the_claim_map_is_configurable() {
        let claims = json!({
            "surname": "Коваль", "name": "Ігор", "dob": "2001-12-31",
            "contacts": { "mobile": "0671234567" },
            "registration": { "text": "Київ, просп. Перемоги, 5" }
        });
        let map = ClaimMap {
            last_name: "surname".into(),
            first_name: "name".into(),
            birth_date: "dob".into(),
            phone: "contacts.mobile".into(),
            registration_address: "registration.text".into(),
            ..ClaimMap::default()
        };
        let p = profile_from_claims(&claims, &map, today());
        assert_eq!(p.phone.as_deref(), Some("+380671234567"));
        assert_eq!(
            p.registration_address.as_deref(),
            Some("Київ, просп. Перемоги, 5")
        );
        assert_eq!(
            missing(
                &[
                    Field::LastName,
                    Field::Phone,
                    Field::RegistrationAddress,
                    Field::Photo
                ],
                &p
            ),
            vec![]
        );
        assert_eq!(missing(&[Field::Patronymic], &p), vec![Field::Patronymic]);
    }
}

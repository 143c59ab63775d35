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
    /// The settlement of the registration address, recorded as a verified fact for the
    /// session's voter eligibility rule (`domain::eligibility`). Empty: not read.
    pub registration_settlement: String,
    /// Whether the person pays taxes to the city: a boolean claim; absent means unknown.
    /// Empty: not read.
    pub taxpayer: String,
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
            registration_settlement: "address.locality".into(),
            taxpayer: "taxpayer".into(),
        }
    }
}

/// What the provider verified that decides who may vote (`domain::eligibility`): recorded on
/// the account at every Kyiv ID sign-in, replacing the last ones. `None`: the provider did
/// not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifiedFacts {
    /// The settlement of the registration address (`Київ`).
    pub registration_settlement: Option<String>,
    pub taxpayer: Option<bool>,
}

/// A claim path is read only when configured (not empty).
fn configured<'a>(claims: &'a Value, path: &str) -> Option<&'a Value> {
    if path.trim().is_empty() {
        return None;
    }
    lookup(claims, path)
}

/// A yes/no claim: a JSON boolean, or the text `true`/`false` some providers send.
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn settlement(value: &Value) -> Option<String> {
    profile::text(value.as_str()?, 200).ok().flatten()
}

/// The verified facts in the ID token's and userinfo's claims, by the claim map.
pub fn facts_from_claims(claims: &Value, map: &ClaimMap) -> VerifiedFacts {
    VerifiedFacts {
        registration_settlement: configured(claims, &map.registration_settlement)
            .and_then(settlement),
        taxpayer: configured(claims, &map.taxpayer).and_then(flag),
    }
}

/// The verified facts of a GraphQL profile: the settlement of its `REGISTRATION` address
/// only (a `FACTUAL` address says where one lives, not where one is registered), and the
/// taxpayer flag from the ID token's claims (`claims`, by the claim map), as the profile API
/// has no such field.
pub fn facts_from_graphql(profile: &Value, claims: &Value, map: &ClaimMap) -> VerifiedFacts {
    let registration_settlement = profile
        .get("addresses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| a.get("type").and_then(Value::as_str) == Some("REGISTRATION"))
        .find_map(|a| a.get("settlementName").and_then(settlement));
    VerifiedFacts {
        registration_settlement,
        taxpayer: configured(claims, &map.taxpayer).and_then(flag),
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
    /// Whether the provider says it confirmed the phone (`phone_number_verified`, or a
    /// confirmed phone in the GraphQL profile). Only a confirmed phone becomes the login of a
    /// new account; an unconfirmed one fills the phone field alone.
    pub phone_verified: bool,
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
        phone_verified: phone.is_some()
            && lookup(claims, "phone_number_verified").and_then(Value::as_bool) == Some(true),
        phone,
        email_verified: email.is_some()
            && lookup(claims, "email_verified").and_then(Value::as_bool) == Some(true),
        email,
        registration_address: text(claims, &map.registration_address, 500),
        residence_address: text(claims, &map.residence_address, 500),
    }
}

fn birth_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    // `1990-03-09`, or the same date with a time after it (`1990-03-09T00:00:00Z`).
    let date = match text.get(..10) {
        Some(date) if text.len() == 10 || text[10..].starts_with('T') => date,
        _ => return None,
    };
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| profile::birth_date(d, today).ok())
}

fn ukrainian_phone(text: &str) -> Option<String> {
    match Login::parse(text) {
        Ok(Login::Phone(phone)) => Some(phone),
        _ => None,
    }
}

fn usable_email(text: String) -> Option<String> {
    Some(text).filter(|e| e.contains('@') && !e.contains(char::is_whitespace))
}

/// The first usable entry of a GraphQL list (`phones`, `emails`), preferring a confirmed one:
/// the value and whether it is confirmed. Only `confirmed: true` counts as confirmed.
fn pick_confirmed(
    list: Option<&Value>,
    key: &str,
    read: impl Fn(&str) -> Option<String>,
) -> (Option<String>, bool) {
    let entries: Vec<(String, bool)> = list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let value = read(entry.get(key)?.as_str()?)?;
            Some((
                value,
                entry.get("confirmed").and_then(Value::as_bool) == Some(true),
            ))
        })
        .collect();
    match entries.iter().find(|(_, confirmed)| *confirmed) {
        Some((value, _)) => (Some(value.clone()), true),
        None => (entries.into_iter().next().map(|(value, _)| value), false),
    }
}

/// One GraphQL address as a line: settlement, district, street, house, flat, postcode.
fn address_line(address: &Value) -> Option<String> {
    let part = |key: &str| {
        address
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let mut parts: Vec<String> = ["settlementName", "district", "street", "house"]
        .iter()
        .filter_map(|key| part(key).map(str::to_owned))
        .collect();
    if parts.is_empty() {
        return None;
    }
    if let Some(flat) = part("flat") {
        parts.push(format!("кв. {flat}"));
    }
    if let Some(zip) = part("zipCode") {
        parts.push(zip.to_owned());
    }
    profile::text(&parts.join(", "), 500).ok().flatten()
}

/// The first usable address of `kind` (`REGISTRATION`, `FACTUAL`) in a GraphQL profile.
fn address_of(addresses: Option<&Value>, kind: &str) -> Option<String> {
    addresses
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| a.get("type").and_then(Value::as_str) == Some(kind))
        .find_map(address_line)
}

/// Reads Kyiv ID's GraphQL `profile` (the object under `data.profile`) the way
/// [`profile_from_claims`] reads claims: names, birth date, phone, e-mail and addresses, each
/// checked, unusable values counting as absent. Of several phones or e-mails a confirmed one
/// wins; an unconfirmed one still fills the field but is not marked verified. The registration
/// address is the `REGISTRATION` one (else `FACTUAL`), the residence address the `FACTUAL` one
/// (else `REGISTRATION`). `gender` and `passportInternal` have no place in the profile.
pub fn profile_from_graphql(profile: &Value, today: NaiveDate) -> ClaimedProfile {
    let name = |key: &str| text(profile, &format!("name.{key}"), 100);
    let (phone, phone_verified) = pick_confirmed(profile.get("phones"), "phoneNumber", |s| {
        profile::text(s, 32)
            .ok()
            .flatten()
            .and_then(|s| ukrainian_phone(&s))
    });
    let (email, email_verified) = pick_confirmed(profile.get("emails"), "email", |s| {
        profile::text(s, 254).ok().flatten().and_then(usable_email)
    });
    let addresses = profile.get("addresses");
    let registration = address_of(addresses, "REGISTRATION");
    let factual = address_of(addresses, "FACTUAL");
    ClaimedProfile {
        last_name: name("lastName"),
        first_name: name("firstName"),
        patronymic: name("middleName"),
        birth_date: text(profile, "birthday.date", 40).and_then(|s| birth_date(&s, today)),
        phone,
        phone_verified,
        email,
        email_verified,
        registration_address: registration.clone().or_else(|| factual.clone()),
        residence_address: factual.or(registration),
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
        phone_verified: claimed.phone_verified && !account.phone,
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

    fn graphql_profile() -> Value {
        json!({
            "name": { "lastName": "Косач", "firstName": "Лариса", "middleName": "Петрівна" },
            "birthday": { "date": "1971-02-25" },
            "gender": "FEMALE",
            "phones": [
                { "phoneNumber": "+380671112233", "confirmed": false },
                { "phoneNumber": "050 123 45 67", "confirmed": true }
            ],
            "emails": [ { "email": "lesya@example.org", "confirmed": true } ],
            "addresses": [
                { "type": "FACTUAL", "settlementName": "Київ", "district": "Печерський",
                  "street": "вул. Лесі Українки", "house": "7", "flat": null, "zipCode": "01133" },
                { "type": "REGISTRATION", "settlementName": "Київ", "district": null,
                  "street": "вул. Хрещатик", "house": "1", "flat": "5", "zipCode": "01001" }
            ],
            "passportInternal": { "series": "МЕ", "number": "123456" }
        })
    }

    #[test]
    fn a_graphql_profile_fills_the_same_fields_as_the_claims() {
        let p = profile_from_graphql(&graphql_profile(), today());
        assert_eq!(p.last_name.as_deref(), Some("Косач"));
        assert_eq!(p.first_name.as_deref(), Some("Лариса"));
        assert_eq!(p.patronymic.as_deref(), Some("Петрівна"));
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1971, 2, 25));
        // Of two phones the confirmed one wins, normalized.
        assert_eq!(p.phone.as_deref(), Some("+380501234567"));
        assert!(p.phone_verified);
        assert_eq!(p.email.as_deref(), Some("lesya@example.org"));
        assert!(p.email_verified);
        assert_eq!(
            p.registration_address.as_deref(),
            Some("Київ, вул. Хрещатик, 1, кв. 5, 01001")
        );
        assert_eq!(
            p.residence_address.as_deref(),
            Some("Київ, Печерський, вул. Лесі Українки, 7, 01133")
        );
        assert!(missing(&DEFAULT_REQUIRED_FOR_TESTS, &p).is_empty());
    }

    const DEFAULT_REQUIRED_FOR_TESTS: [Field; 8] = [
        Field::LastName,
        Field::FirstName,
        Field::Patronymic,
        Field::BirthDate,
        Field::Phone,
        Field::Email,
        Field::RegistrationAddress,
        Field::ResidenceAddress,
    ];

    #[test]
    fn unconfirmed_phones_and_emails_fill_the_field_but_are_not_verified() {
        let mut profile = graphql_profile();
        profile["phones"] = json!([
            { "phoneNumber": "+1 202 555 0101", "confirmed": true },
            { "phoneNumber": "0671112233", "confirmed": false },
            { "phoneNumber": "0501234567" }
        ]);
        profile["emails"] = json!([
            { "email": "not an address", "confirmed": true },
            { "email": "lesya@example.org", "confirmed": null }
        ]);
        let p = profile_from_graphql(&profile, today());
        // The confirmed phone is not Ukrainian, so it does not count; the first usable one fills
        // the field, unconfirmed.
        assert_eq!(p.phone.as_deref(), Some("+380671112233"));
        assert!(!p.phone_verified);
        assert_eq!(p.email.as_deref(), Some("lesya@example.org"));
        assert!(!p.email_verified);
        assert!(missing(&[Field::Phone, Field::Email], &p).is_empty());
    }

    #[test]
    fn missing_parts_and_nulls_count_as_absent() {
        let p = profile_from_graphql(&json!({}), today());
        assert_eq!(p, ClaimedProfile::default());
        let p = profile_from_graphql(&Value::Null, today());
        assert_eq!(p, ClaimedProfile::default());

        let p = profile_from_graphql(
            &json!({
                "name": { "lastName": "  ", "firstName": "Лариса", "middleName": null },
                "birthday": null,
                "phones": null,
                "emails": [null, { "confirmed": true }, { "email": 42, "confirmed": true }],
                "addresses": [
                    { "type": "REGISTRATION", "settlementName": null, "street": " " },
                    { "type": "FACTUAL", "settlementName": "Київ", "street": null, "house": null },
                    { "type": "TEMPORARY", "settlementName": "Львів" }
                ]
            }),
            today(),
        );
        assert_eq!(p.last_name, None);
        assert_eq!(p.first_name.as_deref(), Some("Лариса"));
        assert_eq!(p.patronymic, None);
        assert_eq!(p.birth_date, None);
        assert_eq!((p.phone.as_deref(), p.phone_verified), (None, false));
        assert_eq!((p.email.as_deref(), p.email_verified), (None, false));
        // An empty REGISTRATION address does not count: the FACTUAL one fills both fields.
        assert_eq!(p.registration_address.as_deref(), Some("Київ"));
        assert_eq!(p.residence_address.as_deref(), Some("Київ"));
        assert_eq!(
            missing(&DEFAULT_REQUIRED_FOR_TESTS, &p),
            vec![
                Field::LastName,
                Field::Patronymic,
                Field::BirthDate,
                Field::Phone,
                Field::Email
            ]
        );
    }

    #[test]
    fn graphql_birth_dates_are_checked() {
        for (date, expected) in [
            (
                json!("1971-02-25T00:00:00Z"),
                NaiveDate::from_ymd_opt(1971, 2, 25),
            ),
            (json!("25.02.1971"), None),
            (json!("2099-01-01"), None),
            (json!("1971-02-25 junk"), None),
            (json!(19710225), None),
        ] {
            let p = profile_from_graphql(&json!({ "birthday": { "date": date } }), today());
            assert_eq!(p.birth_date, expected, "{date}");
        }
    }

    #[test]
    fn only_a_registration_or_only_a_factual_address_fills_both_fields() {
        let only = |kind: &str| {
            profile_from_graphql(
                &json!({ "addresses": [{ "type": kind, "settlementName": "Київ",
                    "street": "просп. Перемоги", "house": "5" }] }),
                today(),
            )
        };
        for kind in ["REGISTRATION", "FACTUAL"] {
            let p = only(kind);
            assert_eq!(
                p.registration_address.as_deref(),
                Some("Київ, просп. Перемоги, 5")
            );
            assert_eq!(p.residence_address, p.registration_address, "{kind}");
        }
    }

    #[test]
    fn the_settlement_and_the_taxpayer_flag_come_from_the_configured_claims() {
        let map = ClaimMap::default();
        let mut claims = complete();
        assert_eq!(
            facts_from_claims(&claims, &map),
            VerifiedFacts {
                registration_settlement: Some("Київ".into()),
                taxpayer: None,
            },
            "absent: unknown"
        );
        for (value, expected) in [
            (json!(true), Some(true)),
            (json!(false), Some(false)),
            (json!("TRUE"), Some(true)),
            (json!(" false "), Some(false)),
            (json!("yes"), None),
            (json!(1), None),
            (json!(null), None),
            (json!({ "value": true }), None),
        ] {
            claims["taxpayer"] = value.clone();
            assert_eq!(
                facts_from_claims(&claims, &map).taxpayer,
                expected,
                "{value}"
            );
        }
        for (locality, expected) in [
            (json!("  м. Бровари "), Some("м. Бровари")),
            (json!(""), None),
            (json!("   "), None),
            (json!(42), None),
            (json!(null), None),
        ] {
            claims["address"]["locality"] = locality.clone();
            assert_eq!(
                facts_from_claims(&claims, &map)
                    .registration_settlement
                    .as_deref(),
                expected,
                "{locality}"
            );
        }

        // Other paths, and empty paths that read nothing.
        let claims = json!({
            "address": { "locality": "Київ" },
            "kyiv": { "registration": { "city": "Львів" }, "is_taxpayer": true },
            "taxpayer": false
        });
        let map = ClaimMap {
            registration_settlement: "kyiv.registration.city".into(),
            taxpayer: "kyiv.is_taxpayer".into(),
            ..ClaimMap::default()
        };
        assert_eq!(
            facts_from_claims(&claims, &map),
            VerifiedFacts {
                registration_settlement: Some("Львів".into()),
                taxpayer: Some(true),
            }
        );
        let off = ClaimMap {
            registration_settlement: String::new(),
            taxpayer: " ".into(),
            ..ClaimMap::default()
        };
        assert_eq!(facts_from_claims(&claims, &off), VerifiedFacts::default());
    }

    #[test]
    fn graphql_facts_take_the_registration_address_only() {
        let map = ClaimMap::default();
        let none = json!({});
        let facts = facts_from_graphql(&graphql_profile(), &none, &map);
        assert_eq!(facts.registration_settlement.as_deref(), Some("Київ"));
        assert_eq!(facts.taxpayer, None);

        // A factual address alone says nothing of the registration.
        let factual_only = json!({ "addresses": [
            { "type": "FACTUAL", "settlementName": "Київ" },
            { "type": "REGISTRATION", "settlementName": "  " }
        ] });
        assert_eq!(
            facts_from_graphql(&factual_only, &none, &map),
            VerifiedFacts::default()
        );
        let elsewhere = json!({ "addresses": [
            { "type": "FACTUAL", "settlementName": "Київ" },
            { "type": "REGISTRATION", "settlementName": null },
            { "type": "REGISTRATION", "settlementName": "Ірпінь" }
        ] });
        let facts = facts_from_graphql(&elsewhere, &json!({ "taxpayer": true }), &map);
        assert_eq!(facts.registration_settlement.as_deref(), Some("Ірпінь"));
        assert_eq!(facts.taxpayer, Some(true), "from the ID token's claims");
        assert_eq!(
            facts_from_graphql(&Value::Null, &Value::Null, &map),
            VerifiedFacts::default()
        );
    }

    #[test]
    fn the_claims_phone_is_verified_only_when_the_provider_says_so() {
        let p = profile_from_claims(&complete(), &ClaimMap::default(), today());
        assert!(!p.phone_verified, "no phone_number_verified claim");
        let mut claims = complete();
        claims["phone_number_verified"] = json!(true);
        assert!(profile_from_claims(&claims, &ClaimMap::default(), today()).phone_verified);
        claims["phone_number"] = json!(null);
        assert!(!profile_from_claims(&claims, &ClaimMap::default(), today()).phone_verified);
    }
}

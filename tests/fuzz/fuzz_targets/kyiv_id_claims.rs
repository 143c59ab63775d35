//! `profile_from_claims`: the claims Kyiv ID (the OpenID Connect provider) sends about a
//! resident, as JSON, read into a profile with the default claim map.
//!
//! Properties: every text field is trimmed, not empty, within its length limit and free of
//! control characters (line breaks aside); a birth date is from 1900 up to today; a phone is a
//! normalized Ukrainian phone (`Login::parse` gives it back as itself); an e-mail has an `@`
//! and no whitespace, and only a present e-mail can be verified; `gaps` for an account that
//! lacks everything is the claimed profile without the e-mail, for a complete account nothing.
#![no_main]

use chrono::{Datelike, NaiveDate};
use hromada::domain::kyiv_id::{ClaimMap, ClaimedProfile, gaps, profile_from_claims};
use hromada::domain::login::Login;
use hromada::domain::profile::Filled;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check_text(field: &str, value: &Option<String>, max: usize) {
    let Some(value) = value else { return };
    assert!(!value.is_empty(), "{field} is empty");
    assert_eq!(value.trim(), value, "{field} is not trimmed: {value:?}");
    assert!(
        value.chars().count() <= max,
        "{field} is over {max} characters"
    );
    assert!(
        !value.chars().any(|c| c.is_control() && c != '\n'),
        "{field} has control characters: {value:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(claims) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let p = profile_from_claims(&claims, &ClaimMap::default(), today);

    check_text("last_name", &p.last_name, 100);
    check_text("first_name", &p.first_name, 100);
    check_text("patronymic", &p.patronymic, 100);
    check_text("registration_address", &p.registration_address, 500);
    check_text("residence_address", &p.residence_address, 500);
    check_text("email", &p.email, 254);
    if let Some(date) = p.birth_date {
        assert!(date.year() >= 1900 && date <= today, "birth date {date}");
    }
    if let Some(phone) = &p.phone {
        assert_eq!(
            Login::parse(phone),
            Ok(Login::Phone(phone.clone())),
            "phone {phone:?}"
        );
    }
    if let Some(email) = &p.email {
        assert!(
            email.contains('@') && !email.contains(char::is_whitespace),
            "{email:?}"
        );
    }
    assert!(!p.email_verified || p.email.is_some());

    let expected = ClaimedProfile {
        email: None,
        email_verified: false,
        ..p.clone()
    };
    assert_eq!(gaps(&p, &Filled::default()), expected);
    let complete = Filled {
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
    assert_eq!(gaps(&p, &complete), ClaimedProfile::default());
});

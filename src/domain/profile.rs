//! A resident's profile: which fields are required to take part, and checks on free text.

use chrono::{Datelike, NaiveDate};

/// Profile fields a budget session can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    LastName,
    FirstName,
    Patronymic,
    BirthDate,
    Phone,
    Email,
    RegistrationAddress,
    ResidenceAddress,
    Photo,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::LastName,
        Field::FirstName,
        Field::Patronymic,
        Field::BirthDate,
        Field::Phone,
        Field::Email,
        Field::RegistrationAddress,
        Field::ResidenceAddress,
        Field::Photo,
    ];

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Field::LastName => "last_name",
            Field::FirstName => "first_name",
            Field::Patronymic => "patronymic",
            Field::BirthDate => "birth_date",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::RegistrationAddress => "registration_address",
            Field::ResidenceAddress => "residence_address",
            Field::Photo => "photo",
        }
    }
}

/// Required until a budget session says otherwise: name, birth date, phone.
pub const DEFAULT_REQUIRED: [Field; 4] = [
    Field::LastName,
    Field::FirstName,
    Field::BirthDate,
    Field::Phone,
];

/// What a profile has filled in.
#[derive(Debug, Clone, Default)]
pub struct Filled {
    pub last_name: bool,
    pub first_name: bool,
    pub patronymic: bool,
    pub birth_date: bool,
    pub phone: bool,
    pub email: bool,
    pub registration_address: bool,
    pub residence_address: bool,
    pub photo: bool,
}

/// The required fields that are still empty, in the order given.
pub fn missing(required: &[Field], filled: &Filled) -> Vec<Field> {
    required
        .iter()
        .copied()
        .filter(|field| !match field {
            Field::LastName => filled.last_name,
            Field::FirstName => filled.first_name,
            Field::Patronymic => filled.patronymic,
            Field::BirthDate => filled.birth_date,
            Field::Phone => filled.phone,
            Field::Email => filled.email,
            Field::RegistrationAddress => filled.registration_address,
            Field::ResidenceAddress => filled.residence_address,
            Field::Photo => filled.photo,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("required")]
    Required,
    #[error("too long (at most {max} characters)")]
    TooLong { max: usize },
    #[error("birth date out of range")]
    BirthDate,
    #[error("not a Facebook profile address")]
    Facebook,
}

/// A person's name part: trimmed, not empty, at most 100 characters, no control characters.
pub fn name(value: &str) -> Result<String, ProfileError> {
    text(value, 100)?.ok_or(ProfileError::Required)
}

/// Optional free text: trimmed; empty becomes `None`.
pub fn text(value: &str, max: usize) -> Result<Option<String>, ProfileError> {
    let value: String = value
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let value = value.trim();
    if value.chars().count() > max {
        return Err(ProfileError::TooLong { max });
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// Birth dates from 1900 up to `today`.
pub fn birth_date(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, ProfileError> {
    if date.year() < 1900 || date > today {
        return Err(ProfileError::BirthDate);
    }
    Ok(date)
}

/// Full years of age on `today`.
pub fn age(birth: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(birth).unwrap_or(0)
}

/// Whether someone born on `birth` is at least `min_age` on `today` (unknown: no).
pub fn old_enough(birth: Option<NaiveDate>, today: NaiveDate, min_age: i32) -> bool {
    birth.is_some_and(|born| i64::from(age(born, today)) >= i64::from(min_age))
}

/// `https://facebook.com/…`, `https://www.facebook.com/…` or `https://m.facebook.com/…`.
pub fn facebook_url(value: &str) -> Result<Option<String>, ProfileError> {
    let Some(value) = text(value, 200)? else {
        return Ok(None);
    };
    let rest = value
        .strip_prefix("https://")
        .ok_or(ProfileError::Facebook)?;
    let (host, path) = rest.split_once('/').ok_or(ProfileError::Facebook)?;
    let host_ok = matches!(
        host.to_ascii_lowercase().as_str(),
        "facebook.com" | "www.facebook.com" | "m.facebook.com"
    );
    let path_ok = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '<' && c != '>');
    if host_ok && path_ok {
        Ok(Some(value))
    } else {
        Err(ProfileError::Facebook)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn authors_must_be_old_enough_on_the_day() {
        let born = NaiveDate::from_ymd_opt(2008, 2, 29).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(!old_enough(Some(born), day(2, 28), 18));
        assert!(old_enough(Some(born), day(3, 1), 18));
        assert!(!old_enough(None, day(3, 1), 18));
        assert!(old_enough(Some(born), day(3, 1), 14));
    }

    #[test]
    fn missing_fields_follow_the_required_list() {
        let empty = Filled::default();
        assert_eq!(
            missing(&DEFAULT_REQUIRED, &empty),
            DEFAULT_REQUIRED.to_vec()
        );
        let full = Filled {
            last_name: true,
            first_name: true,
            birth_date: true,
            phone: true,
            ..Default::default()
        };
        assert!(missing(&DEFAULT_REQUIRED, &full).is_empty());
        assert_eq!(
            missing(&[Field::Photo, Field::Phone], &full),
            vec![Field::Photo]
        );
        assert_eq!(Field::RegistrationAddress.code(), "registration_address");
        for field in Field::ALL {
            assert_eq!(Field::from_code(field.code()), Some(field));
        }
        assert_eq!(Field::from_code("shoe_size"), None);
    }

    #[test]
    fn names_and_texts_are_trimmed_and_bounded() {
        assert_eq!(name("  Олена "), Ok("Олена".into()));
        assert_eq!(name("   "), Err(ProfileError::Required));
        assert_eq!(
            name(&"я".repeat(101)),
            Err(ProfileError::TooLong { max: 100 })
        );
        assert_eq!(name("Ол\u{0}ена"), Ok("Олена".into()));
        assert_eq!(text("", 10), Ok(None));
        assert_eq!(
            text("вул. Хрещатик, 1\nкв. 2", 100),
            Ok(Some("вул. Хрещатик, 1\nкв. 2".into()))
        );
        // Found by tests/fuzz (kyiv_id_claims): a control character between the text and the
        // spaces around it left the spaces in.
        assert_eq!(text("' \u{7} ", 100), Ok(Some("'".into())));
        assert_eq!(name("\u{1b} Тарас\t\u{0}\n"), Ok("Тарас".into()));
    }

    #[test]
    fn birth_dates_and_ages() {
        let today = d(2027, 3, 1);
        assert_eq!(birth_date(d(2000, 2, 29), today), Ok(d(2000, 2, 29)));
        assert_eq!(
            birth_date(d(1899, 12, 31), today),
            Err(ProfileError::BirthDate)
        );
        assert_eq!(
            birth_date(d(2027, 3, 2), today),
            Err(ProfileError::BirthDate)
        );
        assert_eq!(age(d(2009, 3, 1), today), 18);
        assert_eq!(age(d(2009, 3, 2), today), 17);
        assert_eq!(age(d(2030, 1, 1), today), 0);
    }

    #[test]
    fn facebook_profiles_only() {
        assert_eq!(facebook_url(""), Ok(None));
        assert!(
            facebook_url("https://www.facebook.com/olena.k")
                .unwrap()
                .is_some()
        );
        assert!(
            facebook_url("https://m.facebook.com/profile.php?id=1")
                .unwrap()
                .is_some()
        );
        for bad in [
            "http://facebook.com/x",
            "https://evil.com/facebook.com/x",
            "https://facebook.com/",
            "javascript:alert(1)",
            "https://facebook.com.evil.com/x",
            "https://facebook.com/<script>",
        ] {
            assert_eq!(facebook_url(bad), Err(ProfileError::Facebook), "{bad}");
        }
    }
}

//! A resident's login: a Ukrainian phone number or passport number, as the Kyiv public budget
//! specification allows, parsed from the many ways people type them into one normalized form.
//!
//! Recognized forms and their normalized spelling:
//! - phone: `+380` and nine digits (`+380501234567`), from `+380 50 123 45 67`, `0501234567`,
//!   `(050) 123-45-67`, `+38 (050) 123-45-67`, `8 050 123 45 67` (old trunk prefix) and the like;
//! - ID-card passport (паспорт у формі ID-картки): nine digits (`001234567`);
//! - passport booklet (паспорт-книжечка): two uppercase Ukrainian letters and six digits
//!   (`МЕ123456`), from `ме 123456`, `МЕ-123456`, `МЕ№123456`, or with Latin look-alike letters.
//!
//! Nine bare digits are always an ID card, never a phone: a phone needs its `0`, `80`, `380` or
//! `+380` prefix.

use std::fmt;
use std::str::FromStr;

/// Longest input, in characters after trimming, that is looked at; anything longer is refused.
const MAX_INPUT_CHARS: usize = 64;

/// The Ukrainian alphabet, uppercase and lowercase, letter for letter.
const UKRAINIAN_UPPER: &str = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ";
const UKRAINIAN_LOWER: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";

/// A resident's login, holding its normalized form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Login {
    /// Ukrainian phone number: `+380` followed by nine digits, e.g. `+380501234567`.
    Phone(String),
    /// Passport booklet: two uppercase Ukrainian letters and six digits, e.g. `МЕ123456`.
    PassportBooklet(String),
    /// ID-card passport: nine digits, e.g. `001234567`.
    IdCard(String),
}

/// Which kind of identifier a [`Login`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoginKind {
    /// Ukrainian phone number.
    Phone,
    /// Passport booklet (паспорт-книжечка).
    PassportBooklet,
    /// ID-card passport (паспорт у формі ID-картки).
    IdCard,
}

/// Why an input is not a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// Nothing but whitespace.
    #[error("empty")]
    Empty,
    /// Neither a phone number nor a passport number.
    #[error("not a phone or passport number")]
    Unrecognized,
    /// A phone number, but not a valid Ukrainian one (foreign country code, wrong length, or
    /// an operator or area code starting with 0).
    #[error("not a Ukrainian mobile or landline number")]
    NotUkrainianPhone,
}

impl LoginKind {
    /// Stable machine code: `"phone"`, `"passport_booklet"` or `"id_card"`.
    pub fn code(self) -> &'static str {
        match self {
            LoginKind::Phone => "phone",
            LoginKind::PassportBooklet => "passport_booklet",
            LoginKind::IdCard => "id_card",
        }
    }

    /// The kind with this [`code`](Self::code), if any.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "phone" => Some(LoginKind::Phone),
            "passport_booklet" => Some(LoginKind::PassportBooklet),
            "id_card" => Some(LoginKind::IdCard),
            _ => None,
        }
    }
}

impl Login {
    /// Parses a phone or passport number typed in any common spelling; see the module docs.
    ///
    /// Surrounding whitespace is ignored; an input longer than 64 characters is refused.
    /// Parsing a normalized form ([`as_str`](Self::as_str)) gives back the same login.
    pub fn parse(input: &str) -> Result<Login, LoginError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(LoginError::Empty);
        }
        if input.chars().nth(MAX_INPUT_CHARS).is_some() {
            return Err(LoginError::Unrecognized);
        }
        let numeric = input.starts_with('+')
            || input
                .chars()
                .all(|c| c.is_ascii_digit() || is_phone_separator(c));
        if numeric {
            parse_number(input)
        } else {
            parse_passport_booklet(input)
        }
    }

    /// The normalized form.
    pub fn as_str(&self) -> &str {
        match self {
            Login::Phone(s) | Login::PassportBooklet(s) | Login::IdCard(s) => s,
        }
    }

    /// Which kind of identifier this is.
    pub fn kind(&self) -> LoginKind {
        match self {
            Login::Phone(_) => LoginKind::Phone,
            Login::PassportBooklet(_) => LoginKind::PassportBooklet,
            Login::IdCard(_) => LoginKind::IdCard,
        }
    }
}

impl FromStr for Login {
    type Err = LoginError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Login::parse(s)
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whitespace (any Unicode, NBSP included) and the hyphen, en dash and em dash.
fn is_space_or_dash(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—')
}

/// What people put between the digits of a phone number.
fn is_phone_separator(c: char) -> bool {
    is_space_or_dash(c) || matches!(c, '(' | ')' | '.')
}

/// A phone number or an ID card: digits and separators, optionally after a leading `+`.
fn parse_number(input: &str) -> Result<Login, LoginError> {
    let (plus, rest) = match input.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let mut digits = String::with_capacity(rest.len());
    let mut only_spaces_and_dashes = true;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if is_space_or_dash(c) {
        } else if is_phone_separator(c) {
            only_spaces_and_dashes = false;
        } else {
            return Err(LoginError::Unrecognized);
        }
    }
    if digits.is_empty() {
        return Err(LoginError::Unrecognized);
    }
    if !plus && only_spaces_and_dashes && digits.len() == 9 {
        return Ok(Login::IdCard(digits));
    }

    // The nine digits after the country code 380.
    let national = if plus {
        digits
            .strip_prefix("380")
            .filter(|n| n.len() == 9)
            .ok_or(LoginError::NotUkrainianPhone)?
    } else {
        match digits.len() {
            12 => digits.strip_prefix("380"),
            11 => digits.strip_prefix("80"),
            10 => digits.strip_prefix('0'),
            _ => None,
        }
        .ok_or(LoginError::Unrecognized)?
    };
    // Operator and area codes never start with 0 (0 is the trunk prefix itself).
    if national.starts_with('0') {
        return Err(LoginError::NotUkrainianPhone);
    }
    Ok(Login::Phone(format!("+380{national}")))
}

/// A passport booklet: two letters, an optional `№`, six digits; spaces and dashes anywhere.
fn parse_passport_booklet(input: &str) -> Result<Login, LoginError> {
    let mut letters = String::with_capacity(4);
    let mut letter_count = 0;
    let mut numero = false;
    let mut digits = String::with_capacity(6);
    for c in input.chars() {
        if is_space_or_dash(c) {
            continue;
        }
        if let Some(letter) = ukrainian_uppercase(c) {
            if numero || !digits.is_empty() {
                return Err(LoginError::Unrecognized);
            }
            letters.push(letter);
            letter_count += 1;
        } else if c == '№' {
            if numero || letter_count == 0 || !digits.is_empty() {
                return Err(LoginError::Unrecognized);
            }
            numero = true;
        } else if c.is_ascii_digit() {
            if letter_count == 0 {
                return Err(LoginError::Unrecognized);
            }
            digits.push(c);
        } else {
            return Err(LoginError::Unrecognized);
        }
    }
    if letter_count != 2 || digits.len() != 6 {
        return Err(LoginError::Unrecognized);
    }
    letters.push_str(&digits);
    Ok(Login::PassportBooklet(letters))
}

/// The uppercase Ukrainian letter for `c`: a Ukrainian letter in either case, or a Latin letter
/// that looks the same. Russian-only letters (Ё Ъ Ы Э) and other characters give `None`.
fn ukrainian_uppercase(c: char) -> Option<char> {
    latin_lookalike(c).or_else(|| {
        UKRAINIAN_UPPER
            .chars()
            .zip(UKRAINIAN_LOWER.chars())
            .find(|&(upper, lower)| c == upper || c == lower)
            .map(|(upper, _)| upper)
    })
}

/// The uppercase Cyrillic letter that a Latin letter is typed in place of, judged by glyph.
///
/// Uppercase: A B C E H I K M O P T X. Lowercase: a c e i k m o p x y (`y` looks like `у`).
/// Not mapped: lowercase `b`, `h` and `t` (they do not look like `в`, `н`, `т`) and uppercase
/// `Y` (no stem-less look-alike of `У`).
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' | 'a' => 'А',
        'B' => 'В',
        'C' | 'c' => 'С',
        'E' | 'e' => 'Е',
        'H' => 'Н',
        'I' | 'i' => 'І',
        'K' | 'k' => 'К',
        'M' | 'm' => 'М',
        'O' | 'o' => 'О',
        'P' | 'p' => 'Р',
        'T' => 'Т',
        'X' | 'x' => 'Х',
        'y' => 'У',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use LoginError::{Empty, NotUkrainianPhone, Unrecognized};
    use LoginKind::{IdCard, PassportBooklet, Phone};

    /// Accepted inputs: (input, kind, normalized form).
    const VALID: &[(&str, LoginKind, &str)] = &[
        // Phones: international form, with and without the plus and separators.
        ("+380501234567", Phone, "+380501234567"),
        ("+380 50 123 45 67", Phone, "+380501234567"),
        ("+380-50-123-45-67", Phone, "+380501234567"),
        ("+ 380 50 123 45 67", Phone, "+380501234567"),
        ("+38 (050) 123-45-67", Phone, "+380501234567"),
        ("+38(050)1234567", Phone, "+380501234567"),
        ("+38 050 123 45 67", Phone, "+380501234567"),
        ("+380 (50) 123.45.67", Phone, "+380501234567"),
        (
            "+380\u{a0}50\u{a0}123\u{a0}45\u{a0}67",
            Phone,
            "+380501234567",
        ),
        ("380501234567", Phone, "+380501234567"),
        ("380 50 123 45 67", Phone, "+380501234567"),
        ("38 (050) 123-45-67", Phone, "+380501234567"),
        // Phones: national form.
        ("0501234567", Phone, "+380501234567"),
        ("050 123 45 67", Phone, "+380501234567"),
        ("050-123-45-67", Phone, "+380501234567"),
        ("050 123-45-67", Phone, "+380501234567"),
        ("(050) 123 45 67", Phone, "+380501234567"),
        ("(050)1234567", Phone, "+380501234567"),
        ("(050) 123-45-67", Phone, "+380501234567"),
        ("050.123.45.67", Phone, "+380501234567"),
        ("050–123–45–67", Phone, "+380501234567"),
        ("050—123—45—67", Phone, "+380501234567"),
        ("050\u{a0}123\u{a0}45\u{a0}67", Phone, "+380501234567"),
        ("050\u{202f}123\u{2009}45\u{3000}67", Phone, "+380501234567"),
        ("050\t123\t45\t67", Phone, "+380501234567"),
        ("  0501234567  ", Phone, "+380501234567"),
        ("\u{a0}0501234567\u{a0}", Phone, "+380501234567"),
        ("0 501234567", Phone, "+380501234567"),
        // Phones: old trunk prefix 8.
        ("8 050 123 45 67", Phone, "+380501234567"),
        ("80501234567", Phone, "+380501234567"),
        ("8 (050) 123-45-67", Phone, "+380501234567"),
        ("8-050-123-45-67", Phone, "+380501234567"),
        // Phones: other operators and a Kyiv landline.
        ("067 765 43 21", Phone, "+380677654321"),
        ("093 000 00 00", Phone, "+380930000000"),
        ("+380 99 999 99 99", Phone, "+380999999999"),
        ("(044) 279-12-34", Phone, "+380442791234"),
        ("+38 044 279 12 34", Phone, "+380442791234"),
        // ID cards: nine digits, spaces and dashes allowed; never a phone.
        ("123456789", IdCard, "123456789"),
        ("001234567", IdCard, "001234567"),
        ("000000001", IdCard, "000000001"),
        ("050123456", IdCard, "050123456"),
        ("501234567", IdCard, "501234567"),
        ("123 456 789", IdCard, "123456789"),
        ("123-456-789", IdCard, "123456789"),
        ("123–456—789", IdCard, "123456789"),
        ("123\u{a0}456\u{a0}789", IdCard, "123456789"),
        (" 987654321 ", IdCard, "987654321"),
        // Passport booklets: Cyrillic.
        ("МЕ123456", PassportBooklet, "МЕ123456"),
        ("МЕ 123456", PassportBooklet, "МЕ123456"),
        ("ме123456", PassportBooklet, "МЕ123456"),
        ("Ме 123456", PassportBooklet, "МЕ123456"),
        ("мЕ123456", PassportBooklet, "МЕ123456"),
        ("МЕ-123456", PassportBooklet, "МЕ123456"),
        ("МЕ – 123456", PassportBooklet, "МЕ123456"),
        ("МЕ—123456", PassportBooklet, "МЕ123456"),
        ("МЕ№123456", PassportBooklet, "МЕ123456"),
        ("МЕ №123456", PassportBooklet, "МЕ123456"),
        ("МЕ № 123456", PassportBooklet, "МЕ123456"),
        ("ме№ 123456", PassportBooklet, "МЕ123456"),
        ("МЕ\u{a0}123456", PassportBooklet, "МЕ123456"),
        ("М Е 123 456", PassportBooklet, "МЕ123456"),
        ("МЕ 12-34-56", PassportBooklet, "МЕ123456"),
        ("  МЕ123456\t", PassportBooklet, "МЕ123456"),
        ("ЕК000001", PassportBooklet, "ЕК000001"),
        ("СН987654", PassportBooklet, "СН987654"),
        ("КА 555555", PassportBooklet, "КА555555"),
        // Passport booklets: letters specific to Ukrainian, and the soft sign.
        ("ґє123456", PassportBooklet, "ҐЄ123456"),
        ("ҐЄ123456", PassportBooklet, "ҐЄ123456"),
        ("її123456", PassportBooklet, "ЇЇ123456"),
        ("ій123456", PassportBooklet, "ІЙ123456"),
        ("щю 123456", PassportBooklet, "ЩЮ123456"),
        ("ья123456", PassportBooklet, "ЬЯ123456"),
        // Passport booklets: Latin look-alikes, alone and mixed with Cyrillic.
        ("ME123456", PassportBooklet, "МЕ123456"),
        ("me123456", PassportBooklet, "МЕ123456"),
        ("Me 123456", PassportBooklet, "МЕ123456"),
        ("MЕ123456", PassportBooklet, "МЕ123456"),
        ("Мe123456", PassportBooklet, "МЕ123456"),
        ("mЕ-123456", PassportBooklet, "МЕ123456"),
        ("ME№123456", PassportBooklet, "МЕ123456"),
        ("AB123456", PassportBooklet, "АВ123456"),
        ("CH123456", PassportBooklet, "СН123456"),
        ("HK123456", PassportBooklet, "НК123456"),
        ("TT123456", PassportBooklet, "ТТ123456"),
        ("IX 123456", PassportBooklet, "ІХ123456"),
        ("OP123456", PassportBooklet, "ОР123456"),
        ("ok123456", PassportBooklet, "ОК123456"),
        ("ca123456", PassportBooklet, "СА123456"),
        ("px123456", PassportBooklet, "РХ123456"),
        ("iy123456", PassportBooklet, "ІУ123456"),
        ("yк123456", PassportBooklet, "УК123456"),
        ("eК 123456", PassportBooklet, "ЕК123456"),
    ];

    /// Refused inputs: (input, error).
    const INVALID: &[(&str, LoginError)] = &[
        // Empty or whitespace only.
        ("", Empty),
        (" ", Empty),
        ("   \t\n ", Empty),
        ("\u{a0}\u{3000}", Empty),
        // Digit counts that are neither a phone nor an ID card.
        ("1234567", Unrecognized),
        ("12345678", Unrecognized),
        ("1234567890", Unrecognized),
        ("12345678901", Unrecognized),
        ("123456789012", Unrecognized),
        ("050123456789", Unrecognized),
        ("05012345678", Unrecognized),
        ("38050123456", Unrecognized),
        ("0501234567890", Unrecognized),
        ("3805012345678", Unrecognized),
        // Nine digits with brackets or dots: not an ID card, too short for a phone.
        ("(050) 123 456", Unrecognized),
        ("123.456.789", Unrecognized),
        // Phone-looking inputs with characters that are not separators.
        ("050 123 45 67 ext 12", Unrecognized),
        ("050-123-45-6x", Unrecognized),
        ("050*1234567", Unrecognized),
        ("#0501234567", Unrecognized),
        ("050 123 45 67#", Unrecognized),
        ("+380 50 123 45 67 доб. 5", Unrecognized),
        ("+380501234567x", Unrecognized),
        ("tel:+380501234567", Unrecognized),
        ("0501234567,", Unrecognized),
        ("050/123/45/67", Unrecognized),
        ("050_1234567", Unrecognized),
        ("O50 123 45 67", Unrecognized),
        ("٠٥٠١٢٣٤٥٦٧", Unrecognized),
        ("０５０１２３４５６７", Unrecognized),
        // A plus anywhere but at the start.
        ("+38+0501234567", Unrecognized),
        ("0501234567+", Unrecognized),
        ("++380501234567", Unrecognized),
        ("(+38) 050 123 45 67", Unrecognized),
        // Separators alone.
        ("+", Unrecognized),
        ("+ ", Unrecognized),
        ("()", Unrecognized),
        ("-", Unrecognized),
        ("—", Unrecognized),
        ("...", Unrecognized),
        // Foreign numbers, malformed +380 numbers, codes starting with 0.
        ("+1 202 555 0143", NotUkrainianPhone),
        ("+12025550143", NotUkrainianPhone),
        ("+48 601 234 567", NotUkrainianPhone),
        ("+7 495 123 45 67", NotUkrainianPhone),
        ("+373 22 123 456", NotUkrainianPhone),
        ("+123456789", NotUkrainianPhone),
        ("+38 050 123 45 6", NotUkrainianPhone),
        ("+3805012345678", NotUkrainianPhone),
        ("+380 050 123 45 67", NotUkrainianPhone),
        ("+380 00 123 45 67", NotUkrainianPhone),
        ("380001234567", NotUkrainianPhone),
        ("0001234567", NotUkrainianPhone),
        ("80001234567", NotUkrainianPhone),
        // Passport booklets with wrong letter or digit counts.
        ("М123456", Unrecognized),
        ("МЕК123456", Unrecognized),
        ("МЕ12345", Unrecognized),
        ("МЕ1234567", Unrecognized),
        ("МЕ", Unrecognized),
        ("М", Unrecognized),
        ("ME 12345", Unrecognized),
        ("MEK123456", Unrecognized),
        // Passport booklets in the wrong order or with extra characters.
        ("123456МЕ", Unrecognized),
        ("МЕ123456А", Unrecognized),
        ("М1Е23456", Unrecognized),
        ("МЕ№№123456", Unrecognized),
        ("№МЕ123456", Unrecognized),
        ("М№Е123456", Unrecognized),
        ("МЕ123№456", Unrecognized),
        ("МЕ123456№", Unrecognized),
        ("МЕ_123456", Unrecognized),
        ("МЕ/123456", Unrecognized),
        ("МЕ.123456", Unrecognized),
        ("(МЕ) 123456", Unrecognized),
        ("МЕ:123456", Unrecognized),
        ("МЕ １２３４５６", Unrecognized),
        // Russian-only and other non-Ukrainian Cyrillic letters.
        ("ЁЖ123456", Unrecognized),
        ("ЪЕ123456", Unrecognized),
        ("ЫЕ123456", Unrecognized),
        ("ЭЕ123456", Unrecognized),
        ("ёж123456", Unrecognized),
        ("ъе123456", Unrecognized),
        ("ые123456", Unrecognized),
        ("эе123456", Unrecognized),
        ("МЫ123456", Unrecognized),
        ("ЎЕ123456", Unrecognized),
        // Latin letters that are not look-alikes.
        ("bb123456", Unrecognized),
        ("hk123456", Unrecognized),
        ("tt123456", Unrecognized),
        ("YK123456", Unrecognized),
        ("DE123456", Unrecognized),
        ("ZZ123456", Unrecognized),
        ("nn123456", Unrecognized),
        ("ÏÏ123456", Unrecognized),
        // Other text.
        ("hello", Unrecognized),
        ("ivan@example.com", Unrecognized),
        ("Іван Петренко", Unrecognized),
        ("№", Unrecognized),
    ];

    fn login(kind: LoginKind, normalized: &str) -> Login {
        let normalized = normalized.to_owned();
        match kind {
            Phone => Login::Phone(normalized),
            PassportBooklet => Login::PassportBooklet(normalized),
            IdCard => Login::IdCard(normalized),
        }
    }

    #[test]
    fn valid_inputs_are_normalized() {
        for &(input, kind, normalized) in VALID {
            let expected = login(kind, normalized);
            assert_eq!(Login::parse(input), Ok(expected.clone()), "input {input:?}");
            assert_eq!(
                input.parse::<Login>(),
                Ok(expected.clone()),
                "input {input:?}"
            );
            assert_eq!(expected.kind(), kind);
            assert_eq!(expected.as_str(), normalized);
            assert_eq!(expected.to_string(), normalized);
        }
    }

    #[test]
    fn normalization_is_idempotent() {
        for &(input, _, _) in VALID {
            let Ok(login) = Login::parse(input) else {
                panic!("input {input:?} should parse");
            };
            assert_eq!(
                Login::parse(login.as_str()),
                Ok(login.clone()),
                "input {input:?}"
            );
            assert_eq!(
                Login::parse(&login.to_string()),
                Ok(login),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn invalid_inputs_are_refused() {
        for &(input, error) in INVALID {
            assert_eq!(Login::parse(input), Err(error), "input {input:?}");
            assert_eq!(input.parse::<Login>(), Err(error), "input {input:?}");
        }
    }

    #[test]
    fn normalized_forms_have_the_documented_shape() {
        for &(input, kind, _) in VALID {
            let Ok(login) = Login::parse(input) else {
                panic!("input {input:?} should parse");
            };
            let s = login.as_str();
            match kind {
                Phone => {
                    let digits = s.strip_prefix("+380").unwrap_or_default();
                    assert_eq!(digits.len(), 9, "{s}");
                    assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{s}");
                    assert!(!digits.starts_with('0'), "{s}");
                }
                IdCard => {
                    assert_eq!(s.len(), 9, "{s}");
                    assert!(s.bytes().all(|b| b.is_ascii_digit()), "{s}");
                }
                PassportBooklet => {
                    let chars: Vec<char> = s.chars().collect();
                    assert_eq!(chars.len(), 8, "{s}");
                    assert!(
                        chars[..2].iter().all(|&c| UKRAINIAN_UPPER.contains(c)),
                        "{s}"
                    );
                    assert!(chars[2..].iter().all(char::is_ascii_digit), "{s}");
                }
            }
        }
    }

    #[test]
    fn input_length_is_limited_to_64_characters_after_trimming() {
        let phone_64 = format!("050{}1234567", " ".repeat(54));
        assert_eq!(phone_64.chars().count(), 64);
        assert_eq!(Login::parse(&phone_64), Ok(login(Phone, "+380501234567")));
        let phone_65 = format!("050{}1234567", " ".repeat(55));
        assert_eq!(Login::parse(&phone_65), Err(Unrecognized));

        let passport_64 = format!("МЕ{}123456", "-".repeat(56));
        assert_eq!(passport_64.chars().count(), 64);
        assert_eq!(
            Login::parse(&passport_64),
            Ok(login(PassportBooklet, "МЕ123456"))
        );
        let passport_65 = format!("МЕ{}123456", "-".repeat(57));
        assert_eq!(Login::parse(&passport_65), Err(Unrecognized));

        let padded = format!("{0}0501234567{0}", " ".repeat(100));
        assert_eq!(Login::parse(&padded), Ok(login(Phone, "+380501234567")));
        assert_eq!(Login::parse(&"1".repeat(10_000)), Err(Unrecognized));
    }

    #[test]
    fn every_ukrainian_letter_is_accepted_in_either_case() {
        for (upper, lower) in UKRAINIAN_UPPER.chars().zip(UKRAINIAN_LOWER.chars()) {
            let expected = login(PassportBooklet, &format!("{upper}{upper}123456"));
            for input in [
                format!("{lower}{lower}123456"),
                format!("{upper}{lower} 123456"),
                format!("{lower}{upper}№123456"),
            ] {
                assert_eq!(
                    Login::parse(&input),
                    Ok(expected.clone()),
                    "input {input:?}"
                );
            }
        }
    }

    #[test]
    fn ukrainian_alphabet_tables_match_unicode_case_mapping() {
        assert_eq!(UKRAINIAN_UPPER.chars().count(), 33);
        assert_eq!(UKRAINIAN_LOWER.chars().count(), 33);
        for (upper, lower) in UKRAINIAN_UPPER.chars().zip(UKRAINIAN_LOWER.chars()) {
            assert_eq!(lower.to_uppercase().collect::<String>(), upper.to_string());
            assert_eq!(upper.to_lowercase().collect::<String>(), lower.to_string());
        }
        for russian_only in ['Ё', 'Ъ', 'Ы', 'Э', 'ё', 'ъ', 'ы', 'э'] {
            assert_eq!(ukrainian_uppercase(russian_only), None, "{russian_only}");
        }
    }

    #[test]
    fn latin_lookalikes_map_to_cyrillic_and_other_latin_letters_do_not() {
        const LOOKALIKES: &[(char, char)] = &[
            ('A', 'А'),
            ('B', 'В'),
            ('C', 'С'),
            ('E', 'Е'),
            ('H', 'Н'),
            ('I', 'І'),
            ('K', 'К'),
            ('M', 'М'),
            ('O', 'О'),
            ('P', 'Р'),
            ('T', 'Т'),
            ('X', 'Х'),
            ('a', 'А'),
            ('c', 'С'),
            ('e', 'Е'),
            ('i', 'І'),
            ('k', 'К'),
            ('m', 'М'),
            ('o', 'О'),
            ('p', 'Р'),
            ('x', 'Х'),
            ('y', 'У'),
        ];
        for &(latin, cyrillic) in LOOKALIKES {
            let input = format!("{latin}{latin}123456");
            let expected = login(PassportBooklet, &format!("{cyrillic}{cyrillic}123456"));
            assert_eq!(Login::parse(&input), Ok(expected), "input {input:?}");
        }
        for latin in ('A'..='Z').chain('a'..='z') {
            if LOOKALIKES.iter().any(|&(l, _)| l == latin) {
                continue;
            }
            let input = format!("{latin}{latin}123456");
            assert_eq!(Login::parse(&input), Err(Unrecognized), "input {input:?}");
        }
    }

    #[test]
    fn kinds_have_stable_codes() {
        for (kind, code) in [
            (Phone, "phone"),
            (PassportBooklet, "passport_booklet"),
            (IdCard, "id_card"),
        ] {
            assert_eq!(kind.code(), code);
            assert_eq!(LoginKind::from_code(code), Some(kind));
        }
        assert_eq!(LoginKind::from_code("email"), None);
        assert_eq!(LoginKind::from_code("Phone"), None);
    }

    #[test]
    fn errors_have_messages() {
        assert_eq!(Empty.to_string(), "empty");
        assert_eq!(Unrecognized.to_string(), "not a phone or passport number");
        assert_eq!(
            NotUkrainianPhone.to_string(),
            "not a Ukrainian mobile or landline number"
        );
    }
}

//! `Login::parse`: a resident's phone or passport number in any spelling (registration,
//! sign-in, paper ballots, Kyiv ID's phone claim).
//!
//! Properties: a normalized login parses to itself (a fixed point); surrounding whitespace
//! changes nothing, refusals included; the normalized form has its kind's documented shape;
//! its digits are the input's (a phone's nine national digits end the input's digits); inputs
//! over 64 characters after trimming are refused.
#![no_main]

use hromada::domain::login::{Login, LoginKind};
use libfuzzer_sys::fuzz_target;

const UKRAINIAN_UPPER: &str = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ";

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = Login::parse(&input);
    assert_eq!(
        Login::parse(&format!(" \t{input}\u{a0}\n")),
        parsed,
        "surrounding whitespace changed the outcome for {input:?}"
    );
    let Ok(login) = parsed else { return };

    assert!(
        input.trim().chars().count() <= 64,
        "over-long input accepted: {input:?}"
    );
    let normalized = login.as_str();
    assert_eq!(
        Login::parse(normalized).as_ref(),
        Ok(&login),
        "{input:?} normalized to {normalized:?}, which does not parse back to itself"
    );
    assert_eq!(login.to_string(), normalized);
    assert_eq!(
        LoginKind::from_code(login.kind().code()),
        Some(login.kind())
    );

    let input_digits: String = input.chars().filter(char::is_ascii_digit).collect();
    match &login {
        Login::Phone(p) => {
            let national = p.strip_prefix("+380").expect("a phone starts with +380");
            assert_eq!(national.len(), 9, "{p:?}");
            assert!(national.bytes().all(|b| b.is_ascii_digit()), "{p:?}");
            assert!(!national.starts_with('0'), "{p:?}");
            assert!(input_digits.ends_with(national), "{input:?} -> {p:?}");
        }
        Login::IdCard(d) => {
            assert_eq!(d.len(), 9, "{d:?}");
            assert!(d.bytes().all(|b| b.is_ascii_digit()), "{d:?}");
            assert_eq!(&input_digits, d, "{input:?} -> {d:?}");
        }
        Login::PassportBooklet(b) => {
            let chars: Vec<char> = b.chars().collect();
            assert_eq!(chars.len(), 8, "{b:?}");
            assert!(
                chars[..2].iter().all(|c| UKRAINIAN_UPPER.contains(*c)),
                "{b:?}"
            );
            assert!(chars[2..].iter().all(char::is_ascii_digit), "{b:?}");
            assert_eq!(
                input_digits,
                chars[2..].iter().collect::<String>(),
                "{input:?} -> {b:?}"
            );
        }
    }
});

//! `render_markdown`: static pages and project descriptions (Markdown with raw HTML) rendered
//! to sanitized HTML.
//!
//! The output is html5ever's serialization, so it can be read exactly: `<` in text is always
//! escaped, attribute values are always in double quotes. Properties, checked tag by tag:
//! no `<script` (nor any tag outside the allowed list), no comments, no `on*` attribute, only
//! the allowed attributes per tag; every `href`/`src` is an absolute URL with an allowed scheme
//! (`http`, `https`, `mailto`; images `https` only), never `javascript:`, `data:` or
//! `vbscript:`; every link has `rel="noopener noreferrer nofollow"`; tags are balanced.
#![no_main]

use hromada::domain::content::render_markdown;
use libfuzzer_sys::fuzz_target;

const TAGS: &[&str] = hromada::domain::content::ALLOWED_TAGS;
const VOID: &[&str] = &["br", "hr", "img"];
const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title"];

fn allowed_attribute(tag: &str, name: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&name)
        || match tag {
            "a" => ["href", "rel"].contains(&name),
            "img" => ["src", "alt", "width", "height"].contains(&name),
            "ol" => name == "start",
            "th" => ["colspan", "rowspan", "scope"].contains(&name),
            "td" => ["colspan", "rowspan"].contains(&name),
            _ => false,
        }
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The URL's scheme as a browser reads it: leading whitespace and control characters skipped,
/// tabs and newlines inside ignored, lowercased.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = url.find(|c: char| matches!(c, ':' | '/' | '?' | '#'))?;
    url[end..]
        .starts_with(':')
        .then(|| url[..end].to_ascii_lowercase())
}

fn check(html: &str, source: &str) {
    let lower = html.to_ascii_lowercase();
    for needle in [
        "<script", "<!--", "<style", "<iframe", "<svg", "<object", "<embed", "<form",
    ] {
        assert!(
            !lower.contains(needle),
            "{needle} in {html:?} from {source:?}"
        );
    }
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let end = after.find('>').expect("unterminated end tag");
            let name = &after[..end];
            assert_eq!(
                open.pop().as_deref(),
                Some(name),
                "unbalanced </{name}> in {html:?}"
            );
            rest = &after[end + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c == ' ' || c == '>')
            .expect("unterminated start tag");
        let tag = &rest[..name_end];
        assert!(
            TAGS.contains(&tag),
            "tag <{tag}> in {html:?} from {source:?}"
        );
        rest = &rest[name_end..];
        let mut rel = None;
        let mut url_attributes = 0;
        loop {
            rest = rest.trim_start_matches(' ');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let name_end = rest
                .find(|c: char| c == '=' || c == ' ' || c == '>')
                .expect("unterminated attribute");
            let name = &rest[..name_end];
            rest = &rest[name_end..];
            let value = match rest.strip_prefix("=\"") {
                Some(after) => {
                    let end = after.find('"').expect("unterminated attribute value");
                    rest = &after[end + 1..];
                    unescape(&after[..end])
                }
                None => String::new(),
            };
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "event handler {name} on <{tag}> in {html:?} from {source:?}"
            );
            assert!(
                allowed_attribute(tag, name),
                "attribute {name} on <{tag}> in {html:?} from {source:?}"
            );
            // The scheme a browser would run (`mailto:a@b?data:` is harmless text after one).
            if matches!(name, "href" | "src") {
                let s = scheme(&value);
                assert!(
                    !matches!(s.as_deref(), Some("javascript" | "vbscript" | "data")),
                    "{s:?} URL in {name} of <{tag}> in {html:?} from {source:?}"
                );
            }
            match name {
                "href" => {
                    url_attributes += 1;
                    let s = scheme(&value);
                    assert!(
                        matches!(s.as_deref(), Some("http" | "https" | "mailto")),
                        "href {value:?} in {html:?} from {source:?}"
                    );
                }
                "src" => {
                    url_attributes += 1;
                    assert_eq!(
                        scheme(&value).as_deref(),
                        Some("https"),
                        "img src {value:?} in {html:?} from {source:?}"
                    );
                }
                "rel" => rel = Some(value),
                _ => {}
            }
        }
        assert!(url_attributes <= 1, "two URLs on one <{tag}> in {html:?}");
        if tag == "a" {
            assert_eq!(
                rel.as_deref(),
                Some("noopener noreferrer nofollow"),
                "a link without rel in {html:?} from {source:?}"
            );
        }
        if !VOID.contains(&tag) {
            open.push(tag.to_owned());
        }
    }
    assert!(open.is_empty(), "unclosed {open:?} in {html:?}");
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let html = render_markdown(&source);
    check(&html, &source);
});

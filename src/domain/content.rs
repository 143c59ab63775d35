//! Validation and rendering of user-editable content: Markdown pages, district
//! boundaries (GeoJSON), map settings, page slugs and Fluent message keys.
//!
//! Every function here is total: malformed input yields an error (or `false`),
//! never a panic.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use geojson::{GeoJson, Geometry, PolygonType, Value};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Largest Markdown source accepted by [`check_markdown`], in bytes.
pub const MAX_MARKDOWN_BYTES: usize = 200_000;

/// Largest boundary GeoJSON text accepted by [`validate_boundary`], in bytes (2 MiB).
pub const MAX_BOUNDARY_BYTES: usize = 2 * 1024 * 1024;

/// Most positions (over all rings) accepted by [`validate_boundary`].
pub const MAX_BOUNDARY_POSITIONS: usize = 100_000;

/// Longest tile URL template accepted by [`validate_tile_url`], in characters.
pub const MAX_TILE_URL_CHARS: usize = 500;

/// Default Leaflet raster tile URL template (OpenStreetMap).
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// Default map centre, `(latitude, longitude)` of Kyiv.
pub const KYIV_CENTER: (f64, f64) = (50.4501, 30.5234);

/// Default map zoom level.
pub const DEFAULT_ZOOM: i32 = 11;

/// Highest zoom level accepted by [`validate_map_view`].
pub const MAX_ZOOM: i32 = 19;

/// Longest Fluent message key accepted by [`validate_message_key`].
pub const MAX_MESSAGE_KEY_CHARS: usize = 128;

/// Why a piece of content was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ContentError {
    /// The text exceeds `max` bytes.
    #[error("text is too long (at most {max} bytes)")]
    TooLong { max: usize },
    /// The boundary is not an acceptable GeoJSON polygon.
    #[error("invalid boundary GeoJSON: {reason}")]
    GeoJson { reason: String },
    /// The tile URL template is not acceptable.
    #[error(
        "invalid tile URL template: expected an https:// URL with {{z}}, {{x}} and {{y}} placeholders"
    )]
    TileUrl,
    /// The map centre or zoom is out of range.
    #[error(
        "invalid map view: latitude must be in [-90, 90], longitude in [-180, 180], zoom in 0..=19"
    )]
    MapView,
    /// The page slug is not acceptable.
    #[error(
        "invalid slug: use 2-64 lowercase letters, digits and single dashes, not starting or ending with a dash"
    )]
    Slug,
}

fn geo_err(reason: impl Into<String>) -> ContentError {
    ContentError::GeoJson {
        reason: reason.into(),
    }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

/// The elements sanitized HTML may keep (everything else is dropped, its text kept).
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "del",
    "s",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "kbd",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
];

/// Sanitizer policy shared by all [`render_markdown`] calls.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&'static str> = ALLOWED_TAGS.iter().copied().collect();
    // Elements whose content is dropped together with the element.
    let clean_content_tags: HashSet<&'static str> = [
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "applet",
        "noscript",
        "template",
        "svg",
        "math",
        "form",
        "textarea",
        "select",
        "button",
        "title",
        "frameset",
        "frame",
        "noembed",
        "xmp",
        "plaintext",
    ]
    .into_iter()
    .collect();
    let tag_attributes: HashMap<&'static str, HashSet<&'static str>> = [
        ("a", ["href", "title"].as_slice()),
        ("img", ["src", "alt", "title", "width", "height"].as_slice()),
        ("ol", ["start"].as_slice()),
        ("abbr", ["title"].as_slice()),
        ("th", ["colspan", "rowspan", "scope"].as_slice()),
        ("td", ["colspan", "rowspan"].as_slice()),
    ]
    .into_iter()
    .map(|(tag, attrs)| (tag, attrs.iter().copied().collect()))
    .collect();

    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .clean_content_tags(clean_content_tags)
        .tag_attributes(tag_attributes)
        .generic_attributes(["lang", "title"].into_iter().collect())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| {
            // Images may only be loaded over https.
            if element == "img" && attribute == "src" && !is_https_url(value) {
                None
            } else {
                Some(value.into())
            }
        });
    builder
});

fn is_https_url(value: &str) -> bool {
    value
        .trim_start()
        .get(..8)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("https://"))
}

/// Checks that Markdown source is within [`MAX_MARKDOWN_BYTES`].
pub fn check_markdown(source: &str) -> Result<(), ContentError> {
    if source.len() > MAX_MARKDOWN_BYTES {
        return Err(ContentError::TooLong {
            max: MAX_MARKDOWN_BYTES,
        });
    }
    Ok(())
}

/// Renders CommonMark (with tables and strikethrough) to sanitized HTML.
///
/// Policy:
/// - Markdown `#` headings are demoted to `<h2>` (the page title owns `<h1>`);
///   a raw `<h1>` tag is removed by the sanitizer, keeping its text.
/// - Links keep only `http`, `https` and `mailto` URLs (relative and fragment
///   URLs are dropped) and always get `rel="noopener noreferrer nofollow"`.
/// - Images keep only `https` sources.
/// - Raw HTML is allowed but sanitized: no scripts, styles, frames, forms,
///   event handlers, inline `style` or comments. Table column alignment is
///   dropped because it would need inline styles.
/// - Elements nested deeper than 32 levels are flattened to their content,
///   and raw HTML after the first 500 start tags is shown as text; both keep
///   the sanitizer's work roughly linear.
///
/// Does not enforce [`MAX_MARKDOWN_BYTES`]; call [`check_markdown`] on save.
pub fn render_markdown(source: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut open: Vec<bool> = Vec::new();
    let mut raw_tags = 0usize;
    let events = Parser::new_ext(source, options).filter_map(|event| match event {
        Event::Start(tag) => {
            let keep = open.len() < MAX_MARKDOWN_NESTING;
            open.push(keep);
            keep.then(|| Event::Start(adjust_tag(tag)))
        }
        Event::End(tag) => {
            let tag = match tag {
                TagEnd::Heading(HeadingLevel::H1) => TagEnd::Heading(HeadingLevel::H2),
                other => other,
            };
            open.pop().unwrap_or(false).then_some(Event::End(tag))
        }
        Event::Html(html) | Event::InlineHtml(html) => {
            raw_tags = raw_tags.saturating_add(count_start_tags(&html));
            Some(if raw_tags <= MAX_RAW_HTML_TAGS {
                Event::Html(html)
            } else {
                Event::Text(html)
            })
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len().saturating_mul(3) / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITIZER.clean(&html).to_string()
}

/// Deepest Markdown element nesting rendered; deeper elements are flattened to
/// their content. Keeps the HTML tree shallow, since html5ever (used by the
/// sanitizer) is quadratic in nesting depth.
const MAX_MARKDOWN_NESTING: usize = 32;

/// Most raw HTML start tags honoured per document; later raw HTML is shown as
/// text. Bounds the depth an author can build with raw tags like `<div>`.
const MAX_RAW_HTML_TAGS: usize = 500;

/// Demotes `#` headings to `<h2>` and drops table alignment (inline styles).
fn adjust_tag(tag: Tag<'_>) -> Tag<'_> {
    match tag {
        Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        } => Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        },
        Tag::Table(alignments) => Tag::Table(vec![Alignment::None; alignments.len()]),
        other => other,
    }
}

/// Counts `<` followed by a letter, i.e. (an upper bound of) HTML start tags.
fn count_start_tags(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|pair| matches!(pair, [b'<', next] if next.is_ascii_alphabetic()))
        .count()
}

// ---------------------------------------------------------------------------
// District boundaries (GeoJSON)
// ---------------------------------------------------------------------------

/// Validates a district boundary and returns it as compact GeoJSON text.
///
/// Accepts a `Polygon` or `MultiPolygon` geometry, a `Feature` with such a
/// geometry, or a `FeatureCollection` holding exactly one such feature. Every
/// ring must have at least 4 positions and be closed; every position must have
/// 2 or 3 finite numbers with longitude in [-180, 180] and latitude in
/// [-90, 90]. At most [`MAX_BOUNDARY_POSITIONS`] positions and
/// [`MAX_BOUNDARY_BYTES`] bytes of text (else [`ContentError::TooLong`]).
///
/// The result is just the geometry object (no feature wrapper, properties,
/// `bbox` or foreign members); positions are kept as given.
pub fn validate_boundary(geojson_text: &str) -> Result<String, ContentError> {
    let value = parse_boundary(geojson_text)?;
    serde_json::to_string(&Geometry::new(value))
        .map_err(|e| geo_err(format!("could not serialize geometry: {e}")))
}

/// Parses and validates boundary text, returning the Polygon/MultiPolygon value.
fn parse_boundary(text: &str) -> Result<Value, ContentError> {
    if text.len() > MAX_BOUNDARY_BYTES {
        return Err(ContentError::TooLong {
            max: MAX_BOUNDARY_BYTES,
        });
    }
    let parsed: GeoJson = text
        .parse()
        .map_err(|e| geo_err(format!("not valid GeoJSON: {e}")))?;
    let geometry = match parsed {
        GeoJson::Geometry(geometry) => geometry,
        GeoJson::Feature(feature) => feature
            .geometry
            .ok_or_else(|| geo_err("the feature has no geometry"))?,
        GeoJson::FeatureCollection(collection) => {
            let count = collection.features.len();
            let mut features = collection.features.into_iter();
            match (features.next(), count) {
                (Some(feature), 1) => feature
                    .geometry
                    .ok_or_else(|| geo_err("the feature has no geometry"))?,
                _ => {
                    return Err(geo_err(format!(
                        "a feature collection must hold exactly one feature, found {count}"
                    )));
                }
            }
        }
    };
    let polygons: Vec<&PolygonType> = match &geometry.value {
        Value::Polygon(polygon) => vec![polygon],
        Value::MultiPolygon(polygons) => {
            if polygons.is_empty() {
                return Err(geo_err("the multipolygon has no polygons"));
            }
            polygons.iter().collect()
        }
        other => {
            return Err(geo_err(format!(
                "the geometry must be a Polygon or MultiPolygon, not {}",
                other.type_name()
            )));
        }
    };
    let mut positions = 0usize;
    for (p, polygon) in polygons.iter().enumerate() {
        let p = p + 1;
        if polygon.is_empty() {
            return Err(geo_err(format!("polygon {p} has no rings")));
        }
        for (r, ring) in polygon.iter().enumerate() {
            let r = r + 1;
            positions = positions.saturating_add(ring.len());
            if positions > MAX_BOUNDARY_POSITIONS {
                return Err(geo_err(format!(
                    "too many positions (at most {MAX_BOUNDARY_POSITIONS})"
                )));
            }
            if ring.len() < 4 {
                return Err(geo_err(format!(
                    "ring {r} of polygon {p} has {} positions, at least 4 are required",
                    ring.len()
                )));
            }
            for (i, position) in ring.iter().enumerate() {
                check_position(position).map_err(|why| {
                    geo_err(format!(
                        "position {} of ring {r} of polygon {p} {why}",
                        i + 1
                    ))
                })?;
            }
            if ring.first() != ring.last() {
                return Err(geo_err(format!("ring {r} of polygon {p} is not closed")));
            }
        }
    }
    Ok(geometry.value)
}

/// Checks one position; the error completes the sentence "position N ...".
fn check_position(position: &[f64]) -> Result<(), String> {
    let (lon, lat) = match position {
        [lon, lat] | [lon, lat, _] => (*lon, *lat),
        _ => return Err(format!("has {} numbers, expected 2 or 3", position.len())),
    };
    if !position.iter().all(|n| n.is_finite()) {
        return Err("has a non-finite number".to_owned());
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("has longitude {lon} outside [-180, 180]"));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("has latitude {lat} outside [-90, 90]"));
    }
    Ok(())
}

/// Tells whether the point (`lon`, `lat`) lies inside the boundary: inside the outer ring and
/// outside every hole of some polygon (the `geo` crate decides). Points exactly on an edge are
/// outside. Returns `false` for text that [`validate_boundary`] would reject and for non-finite
/// coordinates.
pub fn point_in_boundary(geometry_text: &str, lon: f64, lat: f64) -> bool {
    use geo::Contains;
    if !lon.is_finite() || !lat.is_finite() {
        return false;
    }
    let Ok(value) = parse_boundary(geometry_text) else {
        return false;
    };
    geo::Geometry::<f64>::try_from(value)
        .is_ok_and(|shape| shape.contains(&geo::Point::new(lon, lat)))
}

// ---------------------------------------------------------------------------
// Map settings
// ---------------------------------------------------------------------------

/// Validates a Leaflet raster tile URL template and returns it trimmed.
///
/// Requires `https://` (`http://` only for `localhost` / `127.0.0.1`), the
/// `{z}`, `{x}` and `{y}` placeholders, optionally `{s}` and `{r}` and no
/// others (so not `{-y}`), no whitespace, quotes, `<`, `>`, backslashes or
/// control characters, no credentials, and at most [`MAX_TILE_URL_CHARS`]
/// characters.
pub fn validate_tile_url(template: &str) -> Result<String, ContentError> {
    let url = template.trim();
    if url.chars().count() > MAX_TILE_URL_CHARS {
        return Err(ContentError::TileUrl);
    }
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '`' | '<' | '>' | '\\')
    }) {
        return Err(ContentError::TileUrl);
    }
    let (rest, secure) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        (rest, true)
    } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
        (rest, false)
    } else {
        return Err(ContentError::TileUrl);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(ContentError::TileUrl);
    }
    if !secure {
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
                host
            }
            Some(_) => return Err(ContentError::TileUrl),
            None => authority,
        };
        if !host.eq_ignore_ascii_case("localhost") && host != "127.0.0.1" {
            return Err(ContentError::TileUrl);
        }
    }
    let (mut z, mut x, mut y) = (false, false, false);
    let mut remaining = url;
    while let Some(open) = remaining.find(['{', '}']) {
        let after = &remaining[open..];
        if after.starts_with('}') {
            return Err(ContentError::TileUrl);
        }
        let Some(close) = after.find('}') else {
            return Err(ContentError::TileUrl);
        };
        match &after[1..close] {
            "z" => z = true,
            "x" => x = true,
            "y" => y = true,
            "s" | "r" => {}
            _ => return Err(ContentError::TileUrl),
        }
        remaining = &after[close + 1..];
    }
    if !(z && x && y) {
        return Err(ContentError::TileUrl);
    }
    Ok(url.to_owned())
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Validates a default map view: finite latitude in [-90, 90], longitude in
/// [-180, 180] and zoom in `0..=19`.
pub fn validate_map_view(lat: f64, lon: f64, zoom: i32) -> Result<(), ContentError> {
    let ok = lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && (0..=MAX_ZOOM).contains(&zoom);
    if ok {
        Ok(())
    } else {
        Err(ContentError::MapView)
    }
}

// ---------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------

/// Validates a page slug and returns it with surrounding whitespace trimmed.
///
/// A slug is 2–64 characters of lowercase ASCII letters, digits and single
/// dashes, neither starting nor ending with a dash.
pub fn validate_slug(s: &str) -> Result<String, ContentError> {
    let slug = s.trim();
    let ok = (2..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(slug.to_owned())
    } else {
        Err(ContentError::Slug)
    }
}

/// Tells whether `key` is a Fluent message id, optionally with an attribute
/// (`id` or `id.attribute`), each matching `[a-zA-Z][a-zA-Z0-9_-]*`, at most
/// [`MAX_MESSAGE_KEY_CHARS`] characters in total.
pub fn validate_message_key(key: &str) -> bool {
    fn is_identifier(s: &str) -> bool {
        let mut bytes = s.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
            && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }
    if key.len() > MAX_MESSAGE_KEY_CHARS {
        return false;
    }
    match key.split_once('.') {
        Some((id, attribute)) => is_identifier(id) && is_identifier(attribute),
        None => is_identifier(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ----- Markdown -------------------------------------------------------

    /// Asserts that rendered HTML carries no active content.
    fn assert_inert(html: &str) {
        let lower = html.to_ascii_lowercase();
        for needle in [
            "<script",
            "</script",
            "javascript:",
            "data:",
            "vbscript:",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "<iframe",
            "<svg",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<style",
            "style=",
            "<!--",
        ] {
            assert!(!lower.contains(needle), "{needle:?} found in {html:?}");
        }
    }

    #[test]
    fn markdown_strips_raw_script() {
        let html = render_markdown("<script>alert(1)</script>");
        assert_inert(&html);
        assert!(!html.contains("alert(1)"), "{html}");
    }

    #[test]
    fn markdown_strips_script_inside_markdown() {
        let html = render_markdown(
            "# Title\n\nSome *text* <script>alert(1)</script> more.\n\n- item <script>alert(2)</script>\n",
        );
        assert_inert(&html);
        assert!(html.contains("<em>text</em>"));
    }

    #[test]
    fn markdown_strips_script_block() {
        let html = render_markdown("para\n\n<script>\nalert(1)\n</script>\n\nafter");
        assert_inert(&html);
        assert!(!html.contains("alert(1)"));
        assert!(html.contains("after"));
    }

    #[test]
    fn markdown_script_inside_link_text_and_title() {
        let html = render_markdown(
            "[<script>alert(1)</script>](https://example.org \"<script>alert(2)</script>\")",
        );
        assert_inert(&html);
        assert!(html.contains("href=\"https://example.org\""));
    }

    #[test]
    fn markdown_javascript_link_is_dropped() {
        for src in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](<javascript:alert(1)>)",
            "[x](java\tscript:alert(1))",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
        ] {
            let html = render_markdown(src);
            assert_inert(&html);
            assert!(!html.contains("href"), "{src:?} -> {html:?}");
        }
        // An autolink keeps its text but loses the href.
        let html = render_markdown("<javascript:alert(1)>");
        assert_eq!(
            html,
            "<p><a rel=\"noopener noreferrer nofollow\">javascript:alert(1)</a></p>\n"
        );
    }

    #[test]
    fn markdown_data_and_other_schemes_are_dropped() {
        for src in [
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "[x](data:text/html,hi)",
            "[x](vbscript:msgbox)",
            "[x](ftp://example.org/file)",
            "![x](data:image/png;base64,AAAA)",
        ] {
            let html = render_markdown(src);
            assert_inert(&html);
            assert!(!html.contains("href"), "{src:?} -> {html:?}");
            assert!(!html.contains("src="), "{src:?} -> {html:?}");
        }
    }

    #[test]
    fn markdown_img_onerror_is_removed() {
        let html = render_markdown("<img src=x onerror=alert(1)>");
        assert_inert(&html);
        let html = render_markdown("<img src=\"https://example.org/a.png\" onerror=\"alert(1)\">");
        assert_inert(&html);
        assert!(html.contains("src=\"https://example.org/a.png\""), "{html}");
    }

    #[test]
    fn markdown_comments_are_removed() {
        let html = render_markdown("before <!-- <script>alert(1)</script> --> after");
        assert_inert(&html);
        let html = render_markdown("<!-- hidden -->\n\ntext");
        assert!(!html.contains("hidden"), "{html}");
        assert!(html.contains("text"));
    }

    #[test]
    fn markdown_iframe_svg_object_form_are_removed() {
        for src in [
            "<iframe src=\"https://evil.example\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<object data=\"https://evil.example/x.swf\"></object>",
            "<embed src=\"https://evil.example/x.swf\">",
            "<form action=\"https://evil.example\"><input name=a><button>go</button></form>",
            "<style>body{display:none}</style>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<details open ontoggle=alert(1)>",
            "<body onload=alert(1)>",
            "<p style=\"color:red\" onclick=\"alert(1)\">x</p>",
        ] {
            let html = render_markdown(src);
            assert_inert(&html);
        }
    }

    #[test]
    fn markdown_inline_style_and_class_are_removed() {
        let html = render_markdown("<p style=\"position:fixed\" class=\"x\" id=\"y\">hi</p>");
        assert_eq!(html, "<p>hi</p>");
    }

    #[test]
    fn markdown_escaped_script_stays_text() {
        let html = render_markdown("`<script>alert(1)</script>`");
        assert_eq!(
            html,
            "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>\n"
        );
        let html = render_markdown("```\n<script>alert(1)</script>\n```\n");
        assert!(html.contains("<pre><code>&lt;script&gt;"), "{html}");
    }

    #[test]
    fn markdown_headings() {
        let html = render_markdown("# One\n\n## Two\n\n### Three\n\n###### Six\n");
        assert_eq!(
            html,
            "<h2>One</h2>\n<h2>Two</h2>\n<h3>Three</h3>\n<h6>Six</h6>\n"
        );
        let html = render_markdown("Setext\n======\n");
        assert_eq!(html, "<h2>Setext</h2>\n");
    }

    #[test]
    fn markdown_raw_h1_is_stripped_but_text_kept() {
        let html = render_markdown("<h1>Big</h1>");
        assert!(!html.contains("<h1"), "{html}");
        assert!(html.contains("Big"));
    }

    #[test]
    fn markdown_lists_and_emphasis() {
        let html = render_markdown("- a\n- **b**\n\n3. c\n4. _d_ ~~e~~\n");
        assert_eq!(
            html,
            "<ul>\n<li>a</li>\n<li><strong>b</strong></li>\n</ul>\n\
             <ol start=\"3\">\n<li>c</li>\n<li><em>d</em> <del>e</del></li>\n</ol>\n"
        );
    }

    #[test]
    fn markdown_links_get_rel() {
        let html = render_markdown("[site](https://example.org/a?b=1&c=2 \"Title\")");
        assert_eq!(
            html,
            "<p><a href=\"https://example.org/a?b=1&amp;c=2\" title=\"Title\" \
             rel=\"noopener noreferrer nofollow\">site</a></p>\n"
        );
        let html = render_markdown("[mail](mailto:rada@example.org) [plain](http://example.org)");
        assert!(html.contains("href=\"mailto:rada@example.org\""));
        assert!(html.contains("href=\"http://example.org\""));
        assert_eq!(
            html.matches("rel=\"noopener noreferrer nofollow\"").count(),
            2
        );
    }

    #[test]
    fn markdown_raw_link_rel_is_overridden() {
        let html = render_markdown(
            "<a href=\"https://example.org\" rel=\"opener\" target=\"_blank\">x</a>",
        );
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
        assert!(!html.contains("opener\""), "{html}");
        assert!(!html.contains("target"), "{html}");
    }

    #[test]
    fn markdown_relative_links_are_dropped() {
        let html = render_markdown("[rel](/pages/about) [frag](#top)");
        assert!(!html.contains("href"), "{html}");
        assert!(html.contains("rel"));
        assert!(html.contains("frag"));
    }

    #[test]
    fn markdown_images_https_only() {
        let html = render_markdown("![alt text](https://example.org/a.png)");
        assert_eq!(
            html,
            "<p><img src=\"https://example.org/a.png\" alt=\"alt text\"></p>\n"
        );
        let html = render_markdown("![alt](HTTPS://example.org/a.png)");
        assert!(html.contains("src=\"HTTPS://example.org/a.png\""), "{html}");
        for src in [
            "![alt](http://example.org/a.png)",
            "![alt](/a.png)",
            "![alt](mailto:a@example.org)",
        ] {
            let html = render_markdown(src);
            assert!(!html.contains("src="), "{src:?} -> {html:?}");
        }
    }

    #[test]
    fn markdown_table() {
        let html = render_markdown("| Назва | Сума |\n|:---|---:|\n| Парк | 100 |\n");
        assert_eq!(
            html,
            "<table><thead><tr><th>Назва</th><th>Сума</th></tr></thead><tbody>\n\
             <tr><td>Парк</td><td>100</td></tr>\n</tbody></table>\n"
        );
    }

    #[test]
    fn markdown_blockquote_code_hr_br() {
        let html =
            render_markdown("> quote\n\n```rust\nfn main() {}\n```\n\n---\n\nline  \nbreak\n");
        assert_eq!(
            html,
            "<blockquote>\n<p>quote</p>\n</blockquote>\n\
             <pre><code>fn main() {}\n</code></pre>\n<hr>\n<p>line<br>\nbreak</p>\n"
        );
    }

    #[test]
    fn markdown_ukrainian_text_untouched() {
        let text = "Громадський бюджет Києва: «Зелений двір» — ґанок, їжак, є, ї, ʼ.";
        assert_eq!(render_markdown(text), format!("<p>{text}</p>\n"));
        let html = render_markdown("## Заголовок\n\n*Курсив* і **жирний**");
        assert_eq!(
            html,
            "<h2>Заголовок</h2>\n<p><em>Курсив</em> і <strong>жирний</strong></p>\n"
        );
    }

    #[test]
    fn markdown_handles_odd_input() {
        assert_eq!(render_markdown(""), "");
        for src in [
            "<",
            "<<<<>>>>",
            "[",
            "](",
            "<a href=",
            "\0\u{1}\u{7f}",
            "| a |\n|---|\n| b | c | d |",
            "<table><tr><td>x",
            "&#0; &#xD800; &bogus;",
        ] {
            assert_inert(&render_markdown(src));
        }
        let nested = "> ".repeat(500) + "deep" + &"[".repeat(500);
        assert_inert(&render_markdown(&nested));
    }

    #[test]
    fn markdown_deep_nesting_is_flattened() {
        let html = render_markdown(&"> ".repeat(100_000));
        assert_eq!(html.matches("<blockquote>").count(), MAX_MARKDOWN_NESTING);
        assert_eq!(html.matches("</blockquote>").count(), MAX_MARKDOWN_NESTING);
        let html = render_markdown(&format!("{}deep", "- ".repeat(10_000)));
        assert!(html.matches("<li>").count() <= MAX_MARKDOWN_NESTING);
        assert!(html.contains("deep"));
        // Shallow nesting is untouched.
        assert_eq!(
            render_markdown("> > - *a*"),
            "<blockquote>\n<blockquote>\n<ul>\n<li><em>a</em></li>\n</ul>\n</blockquote>\n</blockquote>\n"
        );
    }

    #[test]
    fn markdown_raw_html_budget() {
        let html = render_markdown(&"<b>x</b>".repeat(MAX_RAW_HTML_TAGS));
        assert_eq!(html.matches("<b>").count(), MAX_RAW_HTML_TAGS);
        let html = render_markdown(&"<div>".repeat(40_000));
        assert!(!html.contains("<div"), "div is not an allowed tag");
        assert!(html.contains("&lt;div&gt;"));
        let html = render_markdown(&format!(
            "{}\n\n<script>alert(1)</script> <b>late</b>",
            "<i>i</i>".repeat(MAX_RAW_HTML_TAGS)
        ));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;late&lt;/b&gt;"));
        assert!(!html.contains("<script"));
        assert_eq!(count_start_tags("<a><B>< c<1<"), 2);
    }

    #[test]
    fn check_markdown_limits_bytes() {
        assert_eq!(check_markdown(""), Ok(()));
        assert_eq!(check_markdown(&"a".repeat(MAX_MARKDOWN_BYTES)), Ok(()));
        assert_eq!(
            check_markdown(&"a".repeat(MAX_MARKDOWN_BYTES + 1)),
            Err(ContentError::TooLong {
                max: MAX_MARKDOWN_BYTES
            })
        );
        // Bytes, not characters: Cyrillic letters take two bytes each.
        assert!(check_markdown(&"ї".repeat(MAX_MARKDOWN_BYTES / 2 + 1)).is_err());
    }

    // ----- Boundaries -----------------------------------------------------

    const SQUARE: &str =
        r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}"#;
    const SQUARE_WITH_HOLE: &str = r#"{"type":"Polygon","coordinates":[
        [[30,50],[31,50],[31,51],[30,51],[30,50]],
        [[30.25,50.25],[30.75,50.25],[30.75,50.75],[30.25,50.75],[30.25,50.25]]]}"#;
    const TWO_SQUARES: &str = r#"{"type":"MultiPolygon","coordinates":[
        [[[30,50],[31,50],[31,51],[30,51],[30,50]]],
        [[[32,50],[33,50],[33,51],[32,51],[32,50]]]]}"#;

    fn reason(result: Result<String, ContentError>) -> String {
        match result {
            Err(ContentError::GeoJson { reason }) => reason,
            other => panic!("expected a GeoJson error, got {other:?}"),
        }
    }

    #[test]
    fn boundary_accepts_polygon_and_normalizes() {
        let out = validate_boundary(SQUARE).unwrap();
        assert_eq!(
            out,
            r#"{"type":"Polygon","coordinates":[[[30.0,50.0],[31.0,50.0],[31.0,51.0],[30.0,51.0],[30.0,50.0]]]}"#
        );
        // Output is itself valid input and stable.
        assert_eq!(validate_boundary(&out).unwrap(), out);
    }

    #[test]
    fn boundary_accepts_multipolygon_with_holes_and_altitude() {
        let out = validate_boundary(TWO_SQUARES).unwrap();
        assert!(out.starts_with(r#"{"type":"MultiPolygon","coordinates":[[[[30.0,50.0]"#));
        assert!(validate_boundary(SQUARE_WITH_HOLE).is_ok());
        let with_alt = r#"{"type":"Polygon","coordinates":[[[30,50,100],[31,50,100],[31,51,100],[30,50,100]]]}"#;
        let out = validate_boundary(with_alt).unwrap();
        assert!(out.contains("[30.0,50.0,100.0]"), "{out}");
    }

    #[test]
    fn boundary_unwraps_feature_and_collection() {
        let feature = format!(
            r#"{{"type":"Feature","properties":{{"name":"Поділ"}},"bbox":[30,50,31,51],"geometry":{SQUARE}}}"#
        );
        let expected = validate_boundary(SQUARE).unwrap();
        assert_eq!(validate_boundary(&feature).unwrap(), expected);
        let collection = format!(r#"{{"type":"FeatureCollection","features":[{feature}]}}"#);
        assert_eq!(validate_boundary(&collection).unwrap(), expected);
        // Foreign members and bbox on the geometry are dropped.
        let extra = r#"{"type":"Polygon","bbox":[30,50,31,51],"foo":1,"coordinates":[[[30,50],[31,50],[31,51],[30,51],[30,50]]]}"#;
        assert_eq!(validate_boundary(extra).unwrap(), expected);
    }

    #[test]
    fn boundary_rejects_bad_collections_and_types() {
        let feature = format!(r#"{{"type":"Feature","properties":null,"geometry":{SQUARE}}}"#);
        let two = format!(r#"{{"type":"FeatureCollection","features":[{feature},{feature}]}}"#);
        assert!(reason(validate_boundary(&two)).contains("exactly one feature, found 2"));
        let none = r#"{"type":"FeatureCollection","features":[]}"#;
        assert!(reason(validate_boundary(none)).contains("found 0"));
        let null_geom = r#"{"type":"Feature","properties":null,"geometry":null}"#;
        assert!(reason(validate_boundary(null_geom)).contains("no geometry"));
        let point = r#"{"type":"Point","coordinates":[30,50]}"#;
        assert!(reason(validate_boundary(point)).contains("not Point"));
        let line = r#"{"type":"LineString","coordinates":[[30,50],[31,51]]}"#;
        assert!(reason(validate_boundary(line)).contains("not LineString"));
        let gc = format!(r#"{{"type":"GeometryCollection","geometries":[{SQUARE}]}}"#);
        assert!(reason(validate_boundary(&gc)).contains("not GeometryCollection"));
        let empty_multi = r#"{"type":"MultiPolygon","coordinates":[]}"#;
        assert!(reason(validate_boundary(empty_multi)).contains("no polygons"));
        let empty_poly = r#"{"type":"Polygon","coordinates":[]}"#;
        assert_eq!(
            reason(validate_boundary(empty_poly)),
            "polygon 1 has no rings"
        );
    }

    #[test]
    fn boundary_rejects_malformed_text() {
        for text in [
            "",
            "null",
            "[]",
            "{",
            "not json",
            r#"{"type":"Polygon"}"#,
            r#"{"type":"Polygon","coordinates":"x"}"#,
            r#"{"type":"Polygon","coordinates":[[["a","b"],[1,2],[3,4],[1,2]]]}"#,
            r#"{"type":"Polygon","coordinates":[[[30,1e999],[31,50],[31,51],[30,1e999]]]}"#,
            r#"{"type":"Nope","coordinates":[]}"#,
        ] {
            assert!(
                reason(validate_boundary(text)).len() > 3,
                "{text:?} should be rejected"
            );
        }
        let deep = "[".repeat(100_000);
        assert!(validate_boundary(&deep).is_err());
    }

    #[test]
    fn boundary_ring_errors_are_readable() {
        let open = r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51]]]}"#;
        assert_eq!(
            reason(validate_boundary(open)),
            "ring 1 of polygon 1 is not closed"
        );
        let short = r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[30,50]]]}"#;
        assert_eq!(
            reason(validate_boundary(short)),
            "ring 1 of polygon 1 has 3 positions, at least 4 are required"
        );
        let open_hole = r#"{"type":"Polygon","coordinates":[
            [[30,50],[31,50],[31,51],[30,51],[30,50]],
            [[30.2,50.2],[30.8,50.2],[30.8,50.8],[30.2,50.8]]]}"#;
        assert_eq!(
            reason(validate_boundary(open_hole)),
            "ring 2 of polygon 1 is not closed"
        );
        let open_second = r#"{"type":"MultiPolygon","coordinates":[
            [[[30,50],[31,50],[31,51],[30,51],[30,50]]],
            [[[32,50],[33,50],[33,51],[32,51],[32,50.5]]]]}"#;
        assert_eq!(
            reason(validate_boundary(open_second)),
            "ring 1 of polygon 2 is not closed"
        );
        // Closing must match the altitude too.
        let alt = r#"{"type":"Polygon","coordinates":[[[30,50,1],[31,50,1],[31,51,1],[30,50,2]]]}"#;
        assert!(reason(validate_boundary(alt)).contains("not closed"));
    }

    #[test]
    fn boundary_position_errors() {
        let lon = r#"{"type":"Polygon","coordinates":[[[30,50],[181,50],[31,51],[30,50]]]}"#;
        assert_eq!(
            reason(validate_boundary(lon)),
            "position 2 of ring 1 of polygon 1 has longitude 181 outside [-180, 180]"
        );
        let lat = r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,-91],[30,50]]]}"#;
        assert!(reason(validate_boundary(lat)).contains("latitude -91 outside"));
        let four =
            r#"{"type":"Polygon","coordinates":[[[30,50,0,0],[31,50],[31,51],[30,50,0,0]]]}"#;
        assert!(reason(validate_boundary(four)).contains("has 4 numbers, expected 2 or 3"));
        let one = r#"{"type":"Polygon","coordinates":[[[30],[31,50],[31,51],[30]]]}"#;
        assert!(validate_boundary(one).is_err());
        let edges =
            r#"{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,-90]]]}"#;
        assert!(validate_boundary(edges).is_ok());
    }

    #[test]
    fn boundary_size_limits() {
        let big = " ".repeat(MAX_BOUNDARY_BYTES + 1);
        assert_eq!(
            validate_boundary(&big),
            Err(ContentError::TooLong {
                max: MAX_BOUNDARY_BYTES
            })
        );
        let ring_len = MAX_BOUNDARY_POSITIONS + 1;
        let mut coords: Vec<String> = (0..ring_len - 1)
            .map(|i| format!("[{},0]", (i % 100) as f64 / 1000.0))
            .collect();
        coords.push("[0,0]".to_owned());
        let text = format!(
            r#"{{"type":"Polygon","coordinates":[[{}]]}}"#,
            coords.join(",")
        );
        assert!(text.len() <= MAX_BOUNDARY_BYTES);
        assert!(reason(validate_boundary(&text)).contains("too many positions"));
        coords.truncate(MAX_BOUNDARY_POSITIONS - 1);
        coords.push("[0,0]".to_owned());
        let text = format!(
            r#"{{"type":"Polygon","coordinates":[[{}]]}}"#,
            coords.join(",")
        );
        assert!(validate_boundary(&text).is_ok());
    }

    #[test]
    fn point_in_square() {
        assert!(point_in_boundary(SQUARE, 30.5, 50.5));
        assert!(point_in_boundary(SQUARE, 30.01, 50.99));
        assert!(!point_in_boundary(SQUARE, 29.9, 50.5));
        assert!(!point_in_boundary(SQUARE, 31.1, 50.5));
        assert!(!point_in_boundary(SQUARE, 30.5, 49.9));
        assert!(!point_in_boundary(SQUARE, 30.5, 51.1));
        assert!(!point_in_boundary(SQUARE, 0.0, 0.0));
    }

    #[test]
    fn point_in_square_with_hole() {
        assert!(point_in_boundary(SQUARE_WITH_HOLE, 30.1, 50.1));
        assert!(point_in_boundary(SQUARE_WITH_HOLE, 30.9, 50.5));
        assert!(!point_in_boundary(SQUARE_WITH_HOLE, 30.5, 50.5));
        assert!(!point_in_boundary(SQUARE_WITH_HOLE, 30.3, 50.7));
        assert!(!point_in_boundary(SQUARE_WITH_HOLE, 31.5, 50.5));
    }

    #[test]
    fn point_in_multipolygon() {
        assert!(point_in_boundary(TWO_SQUARES, 30.5, 50.5));
        assert!(point_in_boundary(TWO_SQUARES, 32.5, 50.5));
        assert!(!point_in_boundary(TWO_SQUARES, 31.5, 50.5));
        assert!(!point_in_boundary(TWO_SQUARES, 33.5, 50.5));
    }

    #[test]
    fn point_in_concave_polygon() {
        // A "U" shape: the notch between the arms is outside.
        let u = r#"{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[2,3],[2,1],[1,1],[1,3],[0,3],[0,0]]]}"#;
        assert!(point_in_boundary(u, 0.5, 2.5));
        assert!(point_in_boundary(u, 2.5, 2.5));
        assert!(point_in_boundary(u, 1.5, 0.5));
        assert!(!point_in_boundary(u, 1.5, 2.0));
        // Clockwise winding behaves the same.
        let cw = r#"{"type":"Polygon","coordinates":[[[30,50],[30,51],[31,51],[31,50],[30,50]]]}"#;
        assert!(point_in_boundary(cw, 30.5, 50.5));
        assert!(!point_in_boundary(cw, 31.5, 50.5));
    }

    #[test]
    fn point_in_boundary_accepts_feature_and_rejects_garbage() {
        let feature = format!(r#"{{"type":"Feature","properties":null,"geometry":{SQUARE}}}"#);
        assert!(point_in_boundary(&feature, 30.5, 50.5));
        let normalized = validate_boundary(SQUARE_WITH_HOLE).unwrap();
        assert!(point_in_boundary(&normalized, 30.1, 50.1));
        assert!(!point_in_boundary("", 30.5, 50.5));
        assert!(!point_in_boundary("{}", 30.5, 50.5));
        let open = r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[31,51],[30,51]]]}"#;
        assert!(!point_in_boundary(open, 30.5, 50.5));
        assert!(!point_in_boundary(SQUARE, f64::NAN, 50.5));
        assert!(!point_in_boundary(SQUARE, 30.5, f64::INFINITY));
    }

    #[test]
    fn degenerate_ring_contains_nothing() {
        let flat = r#"{"type":"Polygon","coordinates":[[[30,50],[31,50],[32,50],[30,50]]]}"#;
        assert!(validate_boundary(flat).is_ok());
        assert!(!point_in_boundary(flat, 30.5, 50.0));
    }

    // ----- Tile URL -------------------------------------------------------

    #[test]
    fn tile_url_accepts_common_templates() {
        assert_eq!(
            validate_tile_url(DEFAULT_TILE_URL).unwrap(),
            DEFAULT_TILE_URL
        );
        for url in [
            "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
            "https://tiles.example.org/{z}/{y}/{x}?key=abc&lang=uk",
            "HTTPS://tile.example.org/{z}/{x}/{y}.png",
            "http://localhost:8080/{z}/{x}/{y}.png",
            "http://127.0.0.1/tiles/{z}/{x}/{y}.png",
            "http://LOCALHOST/{z}/{x}/{y}.png",
        ] {
            assert_eq!(validate_tile_url(url).as_deref(), Ok(url), "{url}");
        }
    }

    #[test]
    fn tile_url_is_trimmed() {
        assert_eq!(
            validate_tile_url(&format!("  {DEFAULT_TILE_URL}\n")).unwrap(),
            DEFAULT_TILE_URL
        );
    }

    #[test]
    fn tile_url_rejects_bad_templates() {
        let long = format!(
            "https://example.org/{}/{{z}}/{{x}}/{{y}}.png",
            "a".repeat(500)
        );
        for url in [
            "",
            "   ",
            "tile.openstreetmap.org/{z}/{x}/{y}.png",
            "//tile.openstreetmap.org/{z}/{x}/{y}.png",
            "ftp://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "javascript:alert(1)//{z}/{x}/{y}",
            "http://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "http://localhost.evil.example/{z}/{x}/{y}.png",
            "http://localhost@evil.example/{z}/{x}/{y}.png",
            "http://127.0.0.1.evil.example/{z}/{x}/{y}.png",
            "http://localhost:abc/{z}/{x}/{y}.png",
            "https://user:pw@tile.example.org/{z}/{x}/{y}.png",
            "https:///{z}/{x}/{y}.png",
            "https://tile.example.org/{z}/{x}.png",
            "https://tile.example.org/{x}/{y}.png",
            "https://tile.example.org/{z}/{y}.png",
            "https://tile.example.org/{z}/{x}/{-y}.png",
            "https://tile.example.org/{z}/{x}/{y}.png?k={apikey}",
            "https://tile.example.org/{z}/{x}/{y}{}.png",
            "https://tile.example.org/{z}/{x}/{y.png",
            "https://tile.example.org/{z}/{x}/y}.png",
            "https://tile.example.org/{z}/{x}/{{y}}.png",
            "https://tile.example.org/{z} /{x}/{y}.png",
            "https://tile.example.org/{z}/{x}/{y}.png\"onerror=\"x",
            "https://tile.example.org/{z}/{x}/{y}.png'",
            "https://tile.example.org/<{z}>/{x}/{y}.png",
            "https://tile.example.org/{z}/{x}/{y}\\.png",
            "https://tile.example.org/{z}/{x}/{y}\u{0}.png",
            "https://tile.example.org/{z}/{x}/{y}\u{a0}.png",
            "https://тайли.укр/{z}/{x}/{y}.png{",
            long.as_str(),
        ] {
            assert_eq!(
                validate_tile_url(url),
                Err(ContentError::TileUrl),
                "{url:?}"
            );
        }
    }

    #[test]
    fn tile_url_length_boundary() {
        let prefix = "https://t.example.org/";
        let suffix = "{z}/{x}/{y}";
        let pad = MAX_TILE_URL_CHARS - prefix.len() - suffix.len();
        let exact = format!("{prefix}{}{suffix}", "a".repeat(pad));
        assert_eq!(exact.chars().count(), MAX_TILE_URL_CHARS);
        assert!(validate_tile_url(&exact).is_ok());
        let over = format!("{prefix}{}{suffix}", "a".repeat(pad + 1));
        assert!(validate_tile_url(&over).is_err());
    }

    // ----- Map view -------------------------------------------------------

    #[test]
    fn map_view_ranges() {
        assert_eq!(
            validate_map_view(KYIV_CENTER.0, KYIV_CENTER.1, DEFAULT_ZOOM),
            Ok(())
        );
        assert!(validate_map_view(90.0, 180.0, 0).is_ok());
        assert!(validate_map_view(-90.0, -180.0, 19).is_ok());
        for (lat, lon, zoom) in [
            (90.1, 0.0, 5),
            (-90.1, 0.0, 5),
            (0.0, 180.1, 5),
            (0.0, -180.1, 5),
            (0.0, 0.0, -1),
            (0.0, 0.0, 20),
            (0.0, 0.0, i32::MAX),
            (0.0, 0.0, i32::MIN),
            (f64::NAN, 0.0, 5),
            (0.0, f64::NAN, 5),
            (f64::INFINITY, 0.0, 5),
            (0.0, f64::NEG_INFINITY, 5),
        ] {
            assert_eq!(
                validate_map_view(lat, lon, zoom),
                Err(ContentError::MapView),
                "{lat} {lon} {zoom}"
            );
        }
    }

    // ----- Slugs and message keys -----------------------------------------

    #[test]
    fn slug_accepts_valid() {
        for slug in [
            "ab",
            "about",
            "rules-2025",
            "a-b-c",
            "2025",
            &"a".repeat(64),
        ] {
            assert_eq!(validate_slug(slug).as_deref(), Ok(slug));
        }
        assert_eq!(validate_slug("  faq \n").as_deref(), Ok("faq"));
    }

    #[test]
    fn slug_rejects_invalid() {
        for slug in [
            "",
            "a",
            "-ab",
            "ab-",
            "a--b",
            "About",
            "a_b",
            "a b",
            "a.b",
            "a/b",
            "правила",
            "ab\u{0}",
            "-",
            "--",
            &"a".repeat(65),
        ] {
            assert_eq!(validate_slug(slug), Err(ContentError::Slug), "{slug:?}");
        }
    }

    #[test]
    fn message_keys() {
        for key in [
            "a",
            "home-title",
            "nav_about",
            "Button2",
            "login-form.placeholder",
            "x.y",
            "a-.b_",
        ] {
            assert!(validate_message_key(key), "{key:?}");
        }
        assert!(validate_message_key(&"a".repeat(128)));
        assert!(!validate_message_key(&"a".repeat(129)));
        for key in [
            "", ".", "a.", ".a", "a.b.c", "1abc", "-abc", "_abc", "a b", "a..b", "a.1b", "ключ",
            "a/b", "a\n", "-term",
        ] {
            assert!(!validate_message_key(key), "{key:?}");
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ContentError::TooLong { max: 10 }.to_string(),
            "text is too long (at most 10 bytes)"
        );
        assert_eq!(
            ContentError::GeoJson {
                reason: "ring 1 of polygon 1 is not closed".into()
            }
            .to_string(),
            "invalid boundary GeoJSON: ring 1 of polygon 1 is not closed"
        );
        assert!(
            ContentError::TileUrl
                .to_string()
                .contains("{z}, {x} and {y}")
        );
        assert!(ContentError::MapView.to_string().contains("zoom"));
        assert!(ContentError::Slug.to_string().contains("2-64"));
    }
}

//! The fonts compiled into the binary (DejaVu Sans, see `static/fonts/LICENSE-DejaVu.txt`),
//! so the share image renders the same on a server with no fonts installed.

use std::sync::OnceLock;

use ab_glyph::FontRef;

static REGULAR: &[u8] = include_bytes!("../../static/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../static/fonts/DejaVuSans-Bold.ttf");

/// The two embedded faces, parsed.
#[derive(Debug)]
pub struct Faces {
    /// DejaVu Sans.
    pub regular: FontRef<'static>,
    /// DejaVu Sans Bold.
    pub bold: FontRef<'static>,
}

/// The embedded faces, parsed once per process; `None` only if the files in the binary are
/// not fonts, which the tests rule out.
pub fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let faces = FontRef::try_from_slice(REGULAR)
                .and_then(|regular| FontRef::try_from_slice(BOLD).map(|bold| Faces { regular, bold }));
            faces.inspect_err(|e| tracing::error!(error = %e, "embedded fonts unreadable")).ok()
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use ab_glyph::Font;

    use super::*;

    #[test]
    fn embedded_fonts_parse_and_cover_the_text_we_draw() {
        let faces = faces().expect("embedded fonts parse");
        for face in [&faces.regular, &faces.bold] {
            for c in "$0.00135 · … GPT-4o mini Claude Sonnet 4.5 (via Bedrock)".chars() {
                assert_ne!(face.glyph_id(c).0, 0, "{c:?} has a glyph");
            }
        }
    }
}

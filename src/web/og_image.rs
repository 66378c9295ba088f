//! The comparison's share image (OpenGraph / Twitter card): 1200x630 PNG drawn with plotters'
//! bitmap backend, its text rasterized from the fonts compiled into the binary, so it
//! renders the same on a server with no fonts installed.
//!
//! Built for small previews: the two names and their request costs are the largest text,
//! and every figure comes from the same `Comparison` as the page.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
// `BackendStyle` stays unimported: its `stroke_width` would shadow `Color::stroke_width`.
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind};

use crate::domain::Comparison;
use crate::domain::compare::Side;
use crate::domain::format;
use crate::domain::model::Scale;
use crate::domain::money::format_usd_pair;
use crate::web::chart::{COLOR_A, COLOR_B, ChartLook, draw_scatter};
use crate::web::fonts::{self, Faces};

/// Image width in pixels (the OpenGraph recommendation).
pub const WIDTH: u32 = 1200;
/// Image height in pixels.
pub const HEIGHT: u32 = 630;

/// The site's name as the image shows it.
const SITE_NAME: &str = "LLM Compare";

const INK: RGBColor = RGBColor(17, 24, 39);
const MUTED: RGBColor = RGBColor(75, 85, 99);
const FAINT: RGBColor = RGBColor(107, 114, 128);
const RULE: RGBColor = RGBColor(229, 231, 235);

/// Left edge of the text column and its width; the chart takes the right side.
const TEXT_X: i32 = 64;
const TEXT_WIDTH: i32 = 540;
/// The chart's box: top-left corner and size.
const CHART_AT: (u32, u32) = (636, 92);
const CHART_SIZE: (u32, u32) = (528, 458);

/// The small chart: larger text than the page's relative to its size, fewer ticks.
const SMALL_CHART: ChartLook = ChartLook {
    width: CHART_SIZE.0,
    height: CHART_SIZE.1,
    font: "DejaVu Sans",
    axis_desc: 16,
    ticks: 15,
    names: 18,
    frontier_names: 0,
    point: 5,
    highlight: 9,
    x_label_area: 52,
    y_label_area: 50,
    rail: 40,
    margin: 12,
    tick_count: 5,
};

/// Draws the share image of `cmp` and encodes it as PNG. `index_name` names the headline
/// index the figures are on.
pub fn render_png(cmp: &Comparison, index_name: Option<&str>) -> Result<Vec<u8>, String> {
    let pixels = render_rgb(cmp, index_name)?;
    encode_png(&pixels, WIDTH, HEIGHT)
}

/// Draws the image into an RGB buffer, 3 bytes a pixel, row by row.
fn render_rgb(cmp: &Comparison, index_name: Option<&str>) -> Result<Vec<u8>, String> {
    let faces = fonts::faces().ok_or("embedded fonts unreadable")?;
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = ShareBackend::new(&mut pixels, faces).into_drawing_area();
        draw(&root, faces, cmp, index_name).map_err(|e| format!("share image: {e}"))?;
        root.present().map_err(|e| format!("share image: {e}"))?;
    }
    Ok(pixels)
}

type Area<'a> = DrawingArea<ShareBackend<'a>, Shift>;

fn draw(root: &Area, faces: &Faces, cmp: &Comparison, index_name: Option<&str>) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    // A band in the two models' colours along the top edge.
    let half = (WIDTH / 2) as i32;
    root.draw(&Rectangle::new([(0, 0), (half, 10)], COLOR_A.filled())).map_err(err)?;
    root.draw(&Rectangle::new([(half, 0), (WIDTH as i32, 10)], COLOR_B.filled())).map_err(err)?;

    // Header: site name left, data date right, on one baseline.
    let header_baseline = 64;
    text(root, SITE_NAME, (TEXT_X, header_baseline), bold(32).color(&INK))?;
    if let Some(date) = &cmp.last_updated {
        let style = regular(24).color(&FAINT).pos(Pos::new(HPos::Right, VPos::Top));
        let right = (CHART_AT.0 + CHART_SIZE.0) as i32;
        text(root, &format!("data as of {}", date.iso()), (right, header_baseline), style)?;
    }

    let (cost_a, cost_b) = match (cmp.a.cost, cmp.b.cost) {
        (Some(x), Some(y)) => format_usd_pair(x, y),
        (x, y) => (x.map(|c| c.to_string()).unwrap_or_default(), y.map(|c| c.to_string()).unwrap_or_default()),
    };
    model_block(root, faces, &cmp.a, &cost_a, COLOR_A, 100)?;
    model_block(root, faces, &cmp.b, &cost_b, COLOR_B, 330)?;

    // Footer: what "per request" and "index" mean.
    let request = format!(
        "Per request: {} input + {} output tokens, at list prices",
        format::tokens_short(cmp.workload.input_tokens),
        format::tokens_short(cmp.workload.output_tokens)
    );
    text(root, &request, (TEXT_X, 578), regular(19).color(&MUTED))?;
    if let Some(name) = index_name {
        let line = fit_line(&faces.regular, 19, &format!("Index: {name}"), TEXT_WIDTH as u32 + 40);
        text(root, &line, (TEXT_X, 606), regular(19).color(&MUTED))?;
    }

    // The small chart, framed.
    let (cx, cy) = (CHART_AT.0 as i32, CHART_AT.1 as i32);
    let (cw, ch) = (CHART_SIZE.0 as i32, CHART_SIZE.1 as i32);
    root.draw(&Rectangle::new([(cx - 1, cy - 1), (cx + cw, cy + ch)], RULE.stroke_width(2))).map_err(err)?;
    if cmp.chart.is_empty() {
        let style = regular(22).color(&FAINT).pos(Pos::new(HPos::Center, VPos::Center));
        text(root, "No model has both a price and an index score", (cx + cw / 2, cy + ch / 2), style)?;
    } else {
        draw_scatter(&root.clone().shrink(CHART_AT, CHART_SIZE), &cmp.chart, &SMALL_CHART)?;
    }
    Ok(())
}

/// One model: a colour bar, its name, its request cost large, then list prices and index.
/// `top` is the top of the block; text is placed by baseline.
fn model_block(root: &Area, faces: &Faces, side: &Side, cost: &str, color: RGBColor, top: i32) -> Result<(), String> {
    let x = TEXT_X + 26;
    root.draw(&Rectangle::new([(TEXT_X, top), (TEXT_X + 8, top + 206)], color.filled())).map_err(|e| e.to_string())?;

    // The name: as large as fits on one line, else two smaller lines.
    let lines = fit_name(&faces.bold, side.name(), (TEXT_WIDTH - 26) as u32);
    let mut baseline = top + 36;
    if let [(line, size)] = lines.as_slice() {
        text(root, line, (x, baseline + (46 - *size as i32) / 3), bold(*size).color(&color))?;
    } else {
        baseline -= 8;
        for (line, size) in &lines {
            text(root, line, (x, baseline), bold(*size).color(&color))?;
            baseline += 30;
        }
        baseline -= 30;
    }

    let cost_baseline = baseline.max(top + 36) + 70;
    if cost.is_empty() {
        text(root, "no price for this request", (x, cost_baseline), bold(30).color(&MUTED))?;
    } else {
        text(root, cost, (x, cost_baseline), bold(58).color(&INK))?;
        let after = x + advance(&faces.bold, 58, cost).ceil() as i32 + 14;
        text(root, "per request", (after, cost_baseline), regular(24).color(&MUTED))?;
    }
    let prices = match side.price.and_then(|p| p.rates.list_prices()) {
        Some((input, output)) => format!("{input} in · {output} out per 1M tokens"),
        None => "no list price".to_owned(),
    };
    text(root, &prices, (x, cost_baseline + 44), regular(25).color(&MUTED))?;
    let index = match side.index {
        Some(v) => format!("Index {}", format::score(v, Scale::Index)),
        None => "no index score".to_owned(),
    };
    text(root, &index, (x, cost_baseline + 80), bold(25).color(&MUTED))?;
    Ok(())
}

/// The name at the largest size from 46 down to 32 that fits `width` on one line; otherwise
/// two lines at 27, split at a space, each shortened with an ellipsis if still too wide.
fn fit_name(face: &FontRef, name: &str, width: u32) -> Vec<(String, u32)> {
    for size in (32..=46).rev().step_by(2) {
        if advance(face, size, name) <= width as f32 {
            return vec![(name.to_owned(), size)];
        }
    }
    const SMALL: u32 = 27;
    let words: Vec<&str> = name.split(' ').collect();
    let split = (1..words.len()).rev().find(|&n| advance(face, SMALL, &words[..n].join(" ")) <= width as f32);
    let split = split.unwrap_or(1);
    [words[..split].join(" "), words[split..].join(" ")]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| (fit_line(face, SMALL, &l, width), SMALL))
        .collect()
}

/// `line` if it fits `width`, else its longest prefix that fits with an ellipsis.
fn fit_line(face: &FontRef, size: u32, line: &str, width: u32) -> String {
    if advance(face, size, line) <= width as f32 {
        return line.to_owned();
    }
    let chars: Vec<char> = line.chars().collect();
    (1..chars.len())
        .rev()
        .map(|end| format!("{}…", chars[..end].iter().collect::<String>().trim_end()))
        .find(|candidate| advance(face, size, candidate) <= width as f32)
        .unwrap_or_default()
}

fn regular(size: u32) -> FontDesc<'static> {
    (SMALL_CHART.font, size).into_font()
}

fn bold(size: u32) -> FontDesc<'static> {
    (SMALL_CHART.font, size).into_font().style(FontStyle::Bold)
}

/// Draws `s` with its baseline at `at.1` (for the default `VPos::Top`; other anchors as
/// given) and its left end, or the style's horizontal anchor, at `at.0`. Placing lines by
/// baseline makes text of different sizes line up.
fn text(root: &Area, s: &str, (x, y): (i32, i32), style: TextStyle) -> Result<(), String> {
    let y = if matches!(style.pos.v_pos, VPos::Top) { y - ascent(&style) } else { y };
    root.draw_text(s, &style, (x, y)).map_err(|e| e.to_string())
}

/// The ascender height of a style's font, in whole pixels.
fn ascent(style: &TextStyle) -> i32 {
    let Some(faces) = fonts::faces() else { return 0 };
    let face = if matches!(style.font.get_style(), FontStyle::Bold) { &faces.bold } else { &faces.regular };
    face.as_scaled(PxScale::from(style.font.get_size() as f32)).ascent().round() as i32
}

/// How far the pen moves drawing `text` at `size`, kerning included.
fn advance(face: &FontRef, size: u32, text: &str) -> f32 {
    let font = face.as_scaled(PxScale::from(size as f32));
    let mut width = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            width += font.kern(p, id);
        }
        width += font.h_advance(id);
        prev = Some(id);
    }
    width
}

/// plotters' bitmap backend with text rasterized from the embedded fonts. `VPos::Top` puts
/// the font's ascender line at the anchor, `VPos::Bottom` its descender line, and
/// `VPos::Center` centres capitals on it.
///
/// plotters 0.3.7's own `ab_glyph` text drops each glyph's left side bearing, which spaces
/// letters unevenly ("GP T"); here every glyph sits at its exact pen position.
struct ShareBackend<'a> {
    inner: BitMapBackend<'a>,
    faces: &'static Faces,
}

impl<'a> ShareBackend<'a> {
    fn new(pixels: &'a mut [u8], faces: &'static Faces) -> Self {
        Self { inner: BitMapBackend::with_buffer(pixels, (WIDTH, HEIGHT)), faces }
    }

    fn face(&self, style: FontStyle) -> &'static FontRef<'static> {
        if matches!(style, FontStyle::Bold) { &self.faces.bold } else { &self.faces.regular }
    }
}

type Drawn<'a> = Result<(), DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>>;

impl<'a> DrawingBackend for ShareBackend<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn<'a> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn<'a> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn<'a> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: plotters_backend::BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn<'a> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn<'a> {
        self.inner.draw_rect(ul, br, style, fill)
    }

    fn draw_path<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn<'a> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: plotters_backend::BackendStyle>(
        &mut self,
        center: BackendCoord,
        r: u32,
        style: &S,
        fill: bool,
    ) -> Drawn<'a> {
        self.inner.draw_circle(center, r, style, fill)
    }

    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn<'a> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn<'a> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let face = self.face(style.style());
        let font = face.as_scaled(PxScale::from(style.size() as f32));
        let width = advance_scaled(&font, text);
        Ok((width.ceil() as u32, (font.ascent() - font.descent()).ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn<'a> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let face = self.face(style.style());
        let font = face.as_scaled(PxScale::from(style.size() as f32));
        let width = advance_scaled(&font, text);
        // Offsets from `pos` before rotation: where the pen starts and where the baseline is.
        let x0 = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let baseline = match style.anchor().v_pos {
            VPos::Top => font.ascent(),
            VPos::Center => cap_height(&font) / 2.0,
            VPos::Bottom => font.descent(),
        };
        let transform = style.transform();
        let mut pen = x0;
        let mut prev = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                pen += font.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(font.scale(), point(pen, baseline));
            pen += font.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let (dx, dy) = transform.transform(bounds.min.x as i32 + gx as i32, bounds.min.y as i32 + gy as i32);
                let ink = BackendColor { alpha: color.alpha * f64::from(coverage.min(1.0)), rgb: color.rgb };
                result = self.inner.draw_pixel((pos.0 + dx, pos.1 + dy), ink);
            });
            result?;
        }
        Ok(())
    }
}

fn advance_scaled<F: Font, SF: ScaleFont<F>>(font: &SF, text: &str) -> f32 {
    let mut width = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            width += font.kern(p, id);
        }
        width += font.h_advance(id);
        prev = Some(id);
    }
    width
}

/// The height of a capital letter above the baseline, to centre labels on.
fn cap_height<F: Font, SF: ScaleFont<F>>(font: &SF) -> f32 {
    font.outline_glyph(font.scaled_glyph('H')).map_or(font.ascent() * 0.75, |g| -g.px_bounds().min.y)
}

/// Encodes an RGB buffer as an 8-bit PNG.
fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::{ChartData, ChartPoint};

    /// Pixels in a rectangle that are not the white background.
    fn inked(pixels: &[u8], (x0, y0): (u32, u32), (x1, y1): (u32, u32)) -> usize {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * WIDTH + x) * 3) as usize;
                if pixels[i..i + 3] != [255, 255, 255] {
                    n += 1;
                }
            }
        }
        n
    }

    /// Runs `paint` on a white canvas of the image's size and returns the pixels.
    fn canvas(paint: impl FnOnce(&Area)) -> Vec<u8> {
        let faces = fonts::faces().expect("embedded fonts parse");
        let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let root = ShareBackend::new(&mut pixels, faces).into_drawing_area();
            root.fill(&WHITE).unwrap();
            paint(&root);
            root.present().unwrap();
        }
        pixels
    }

    #[test]
    fn title_text_renders_from_the_embedded_font() {
        // Nothing here asks the system for a font: plotters is built without its `ttf`
        // (fontconfig) and `ab_glyph` features, so any ink comes from the DejaVu Sans
        // compiled into the binary.
        let pixels = canvas(|root| {
            text(root, SITE_NAME, (TEXT_X, 64), bold(32).color(&INK)).unwrap();
            text(root, "GPT-4o mini", (TEXT_X, 150), bold(46).color(&COLOR_A)).unwrap();
        });
        // The title's box: from above its capitals to below its descenders.
        let title = inked(&pixels, (TEXT_X as u32, 30), (TEXT_X as u32 + 260, 74));
        let name = inked(&pixels, (TEXT_X as u32, 110), (TEXT_X as u32 + 320, 164));
        // Glyphs cover a fair share of their box, never all of it.
        assert!(title > 1_000 && title < 260 * 44 / 2, "title area has {title} inked pixels");
        assert!(name > 2_000 && name < 320 * 54 / 2, "name area has {name} inked pixels");
        assert_eq!(inked(&pixels, (0, 170), (WIDTH, HEIGHT)), 0, "nothing drawn below the text");
        // Anti-aliased: glyph edges blend into the background.
        let edge = pixels.chunks(3).any(|p| p != [255, 255, 255] && p != [17, 24, 39] && p != [37, 99, 235]);
        assert!(edge, "glyph edges are anti-aliased");
    }

    #[test]
    fn text_sits_on_its_baseline_and_its_anchor() {
        let baseline = 100;
        let pixels = canvas(|root| {
            text(root, "HHH", (200, baseline), regular(40).color(&INK)).unwrap();
            let right = regular(40).color(&INK).pos(Pos::new(HPos::Right, VPos::Top));
            text(root, "HHH", (800, baseline), right).unwrap();
        });
        // Capitals end on the baseline: ink right above it, none below.
        assert!(inked(&pixels, (200, baseline as u32 - 3), (400, baseline as u32)) > 0);
        assert_eq!(inked(&pixels, (0, baseline as u32 + 1), (WIDTH, HEIGHT)), 0, "nothing below the baseline");
        // Left-anchored text starts at x, right-anchored text ends at x.
        assert_eq!(inked(&pixels, (0, 0), (199, HEIGHT)), 0);
        assert!(inked(&pixels, (200, 0), (206, HEIGHT)) > 0);
        assert_eq!(inked(&pixels, (802, 0), (WIDTH, HEIGHT)), 0);
        assert!(inked(&pixels, (794, 0), (801, HEIGHT)) > 0);
    }

    #[test]
    fn glyphs_keep_their_side_bearings() {
        // Each glyph's ink starts one left side bearing after its pen position. plotters'
        // own ab_glyph text drops the bearing, which spaces letters unevenly ("GP T").
        let faces = fonts::faces().unwrap();
        let font = faces.regular.as_scaled(PxScale::from(60.0));
        for c in ['H', 'o', 'T', '1'] {
            let pixels = canvas(|root| text(root, &c.to_string(), (100, 200), regular(60).color(&INK)).unwrap());
            let first_ink = (0..WIDTH).find(|&x| inked(&pixels, (x, 0), (x + 1, HEIGHT)) > 0).expect("ink");
            let bearing = font.h_side_bearing(font.glyph_id(c));
            let expected = 100.0 + bearing;
            assert!(
                (first_ink as f32 - expected).abs() <= 1.0,
                "{c:?}: ink from x={first_ink}, bearing puts it at {expected}"
            );
        }
    }

    #[test]
    fn long_names_shrink_then_wrap_then_shorten() {
        let faces = fonts::faces().unwrap();
        let width = 500;
        assert_eq!(fit_name(&faces.bold, "GPT-4o mini", width), vec![("GPT-4o mini".to_owned(), 46)]);
        let wrapped = fit_name(&faces.bold, "Qwen3 235B A22B Instruct 2507 (via Bedrock)", width);
        assert_eq!(wrapped.len(), 2, "{wrapped:?}");
        for (line, size) in &wrapped {
            assert!(advance(&faces.bold, *size, line) <= width as f32, "{line} fits");
        }
        assert_eq!(
            wrapped.iter().map(|l| l.0.as_str()).collect::<Vec<_>>().join(" "),
            "Qwen3 235B A22B Instruct 2507 (via Bedrock)"
        );
        let short = fit_line(&faces.regular, 20, &"x".repeat(200), 300);
        assert!(short.ends_with('…') && advance(&faces.regular, 20, &short) <= 300.0, "{short}");
    }

    #[test]
    fn png_encoding_has_the_signature_and_size() {
        let pixels = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
        let png = encode_png(&pixels, WIDTH, HEIGHT).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), WIDTH);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), HEIGHT);
    }

    #[test]
    fn small_chart_draws_inside_its_box() {
        let point = |name: &str, cost, index, highlight| ChartPoint {
            name: name.into(),
            cost,
            cost_text: String::new(),
            index,
            index_text: String::new(),
            highlight,
            on_frontier: highlight > 0,
        };
        let data = ChartData {
            points: vec![point("A", 0.001, 120.0, 1), point("B", 0.01, 140.0, 2), point("C", 0.1, 130.0, 0)],
            unscored: Vec::new(),
            x_label: "Cost".into(),
            x_short: "Cost".into(),
            y_label: "Index".into(),
            title: String::new(),
            description: String::new(),
        };
        let pixels = canvas(|root| {
            draw_scatter(&root.clone().shrink(CHART_AT, CHART_SIZE), &data, &SMALL_CHART).unwrap();
        });
        let has = |c: RGBColor| pixels.chunks(3).any(|p| p == [c.0, c.1, c.2]);
        assert!(has(COLOR_A) && has(COLOR_B), "both highlighted points drawn in their colours");
        assert_eq!(inked(&pixels, (0, 0), (CHART_AT.0, HEIGHT)), 0, "nothing left of the chart's box");
        assert!(inked(&pixels, CHART_AT, (CHART_AT.0 + CHART_SIZE.0, CHART_AT.1 + CHART_SIZE.1)) > 1_000);
    }
}

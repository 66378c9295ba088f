//! The chart in SVG, for the page and as a standalone document. Plotters draws the frame;
//! the points are written by hand so each carries a `<title>`. A frame depends only on the
//! charted models and the look, not on which two are compared, so it is drawn once and
//! shared by every pair of the catalog.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::{
    COLOR_A, COLOR_B, ChartLook, FRONTIER, GREY, LABEL, Mark, NARROW, WIDE, axis_ranges, draw_frame, hex, label_place,
    pin, rail_chart, rail_mark, split_for_rail,
};
use crate::domain::compare::{ChartData, UnscoredPoint};

/// Draws the chart for the page, to inline in its HTML: the wide and the narrow drawing, each
/// an `<svg class="chart ...">`. Empty if there is nothing to plot.
pub fn scatter_svg(data: &ChartData) -> String {
    let wide = render_svg(data, &WIDE, "wide", false);
    if wide.is_empty() {
        return wide;
    }
    let narrow = render_svg(data, &NARROW, "narrow", false);
    format!("{wide}\n{narrow}")
}

/// The chart as a standalone SVG document (`/compare/{pair}/chart.svg`): the wide drawing with
/// an intrinsic width and height, so it has a size when embedded with `<img>` or opened on its
/// own. Empty if there is nothing to plot.
pub fn scatter_svg_document(data: &ChartData) -> String {
    render_svg(data, &WIDE, "wide", true)
}

fn render_svg(data: &ChartData, look: &ChartLook, variant: &str, sized: bool) -> String {
    if data.is_empty() {
        return String::new();
    }
    let Some(frame) = svg_frame(data, look) else { return String::new() };
    let rail = match svg_rail_marks(data, look) {
        Ok(rail) => rail,
        Err(e) => {
            tracing::error!(error = %e, "chart rail placement failed");
            return String::new();
        }
    };
    // The frame is shared; which points are the compared ones is this page's own.
    let highlights: Vec<u8> = data.points.iter().map(|p| p.highlight).collect();
    wrap(&frame.svg, data, look, variant, sized, &svg_marks(&frame, &highlights, &rail, look))
}

/// What plotters draws for a chart in SVG, where every point lands, and each point's circle
/// as an other model's: none of it depends on which two models are compared, only on the
/// charted models and the look, so the pages of one catalog share a handful of these.
struct SvgFrame {
    svg: String,
    /// The plotted points' marks, in the data's order (the rail's are the page's own).
    marks: Vec<Mark>,
    /// Each mark drawn as an other model's point (grey or frontier green), with its title.
    plain: Vec<String>,
}

/// Drawn frames by [`frame_key`]; a new catalog brings new keys, so the map is cleared when
/// it holds more than a few catalogs' worth.
static SVG_FRAMES: LazyLock<Mutex<HashMap<u128, Arc<SvgFrame>>>> = LazyLock::new(Mutex::default);
const SVG_FRAMES_MAX: usize = 256;

/// Every input of [`draw_frame`] and of the plotted points' text, as one 128-bit hash: the
/// whole look, the points' figures, names and order, the axis titles and ranges, and whether
/// there is a rail. Highlights and the rail's models are left out on purpose (they change no
/// pixel of the frame and are drawn per page). Adding a field to
/// `ChartLook` breaks the destructuring below, so it cannot be forgotten here.
fn frame_key(data: &ChartData, look: &ChartLook) -> u128 {
    let mut bytes: Vec<u8> = Vec::with_capacity(64 * (data.points.len() + 2));
    let text = |bytes: &mut Vec<u8>, s: &str| {
        bytes.extend_from_slice(&(s.len() as u64).to_le_bytes());
        bytes.extend_from_slice(s.as_bytes());
    };
    let ChartLook {
        width,
        height,
        font,
        axis_desc,
        ticks,
        names,
        frontier_names,
        point,
        highlight,
        x_label_area,
        y_label_area,
        rail,
        margin,
        tick_count,
    } = *look;
    for n in [
        width,
        height,
        axis_desc,
        ticks,
        names,
        frontier_names,
        point,
        highlight,
        x_label_area,
        y_label_area,
        rail,
        margin,
    ] {
        bytes.extend_from_slice(&n.to_le_bytes());
    }
    bytes.extend_from_slice(&(tick_count as u64).to_le_bytes());
    text(&mut bytes, font);
    text(&mut bytes, &data.x_label);
    text(&mut bytes, &data.y_label);
    bytes.extend_from_slice(&(data.points.len() as u64).to_le_bytes());
    for p in &data.points {
        text(&mut bytes, &p.name);
        text(&mut bytes, &p.cost_text);
        text(&mut bytes, &p.index_text);
        bytes.extend_from_slice(&p.cost.to_bits().to_le_bytes());
        bytes.extend_from_slice(&p.index.to_bits().to_le_bytes());
        bytes.push(u8::from(p.on_frontier));
    }
    // Who sits on the rail is drawn per page; the frame sees only that there is a rail and
    // how far the rail's costs stretch the axes.
    bytes.push(u8::from(!data.unscored.is_empty()));
    let ((x_lo, x_hi), (y_lo, y_hi)) = axis_ranges(data);
    for v in [x_lo, x_hi, y_lo, y_hi] {
        bytes.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

fn svg_frame(data: &ChartData, look: &ChartLook) -> Option<Arc<SvgFrame>> {
    let key = frame_key(data, look);
    let frames = || SVG_FRAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(frame) = frames().get(&key) {
        return Some(Arc::clone(frame));
    }
    let frame = Arc::new(draw_svg_frame(data, look)?);
    let mut map = frames();
    if map.len() >= SVG_FRAMES_MAX {
        map.clear();
    }
    map.insert(key, Arc::clone(&frame));
    Some(frame)
}

fn draw_svg_frame(data: &ChartData, look: &ChartLook) -> Option<SvgFrame> {
    let mut svg = String::new();
    let marks = {
        let root = SVGBackend::with_string(&mut svg, (look.width, look.height)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| draw_frame(&root, data, look))
            .and_then(|marks| root.present().map_err(|e| e.to_string()).map(|()| marks));
        match drawn {
            Ok(marks) => marks,
            Err(e) => {
                tracing::error!(error = %e, "chart drawing failed");
                return None;
            }
        }
    };
    let mut marks = marks;
    marks.truncate(data.points.len());
    let plain = marks.iter().map(|m| plain_circle(m, look)).collect();
    Some(SvgFrame { svg, marks, plain })
}

/// The rail's marks for an SVG drawing of `look`'s size, placed without drawing anything
/// (the frame is shared between pairs; who sits on the rail is the pair's own).
fn svg_rail_marks(data: &ChartData, look: &ChartLook) -> Result<Vec<Mark>, String> {
    if data.unscored.is_empty() {
        return Ok(Vec::new());
    }
    let (x_range, _) = axis_ranges(data);
    let mut scratch = String::new();
    let root = SVGBackend::with_string(&mut scratch, (look.width, look.height)).into_drawing_area();
    let (_, rail_area) = split_for_rail(&root, look, true);
    let Some(rail_area) = rail_area else { return Ok(Vec::new()) };
    let rail = rail_chart(&rail_area, look, x_range)?;
    // Pinned to the axes as `on_axes` pins them for drawing.
    let pinned = data.unscored.iter().map(|p| UnscoredPoint { cost: pin(p.cost, x_range.0, x_range.1), ..p.clone() });
    Ok(pinned.map(|p| rail_mark(&rail, &p)).collect())
}

/// A mark as an other model's point: grey, or green on the frontier, with its title.
fn plain_circle(m: &Mark, look: &ChartLook) -> String {
    let (fill, stroke) = if m.on_frontier { (hex(FRONTIER), hex(FRONTIER)) } else { (hex(GREY), hex(GREY)) };
    format!(
        r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{stroke}" role="img"><title>{}</title></circle>"#,
        m.x,
        m.y,
        look.point,
        xml_escape(&m.title)
    )
}

/// Writes the points as SVG elements with a `<title>` each: others first, then frontier
/// names, then the compared models on top. `highlights` says, mark by mark, which are the
/// compared ones (0 other, 1 first, 2 second); `rail` are the compared models on the rail.
fn svg_marks(frame: &SvgFrame, highlights: &[u8], rail: &[Mark], look: &ChartLook) -> String {
    let marks = &frame.marks;
    let highlight = |i: usize| highlights.get(i).copied().unwrap_or(0);
    let mut out = String::with_capacity(frame.plain.iter().map(String::len).sum::<usize>() + 2048);
    out.push_str(r#"<g class="points">"#);
    let text = |out: &mut String, m: &Mark, highlight: u8, size: u32, weight: &str, fill: &str, r: i32| {
        let (dx, dy, anchor) = label_place(m, highlight, look, r);
        let anchor = if matches!(anchor, HPos::Right) { "end" } else { "start" };
        out.push_str(&format!(
            r##"<text x="{}" y="{}" dy="0.35em" text-anchor="{anchor}" font-family="{}" font-size="{size}" font-weight="{weight}" fill="{fill}" stroke="#ffffff" stroke-width="3" paint-order="stroke" aria-hidden="true">{}</text>"##,
            m.x + dx,
            m.y + dy,
            look.font,
            xml_escape(&m.name)
        ));
    };
    for (i, circle) in frame.plain.iter().enumerate() {
        if highlight(i) == 0 {
            out.push_str(circle);
        }
    }
    if look.frontier_names > 0 {
        for (i, m) in marks.iter().enumerate().filter(|(i, m)| highlight(*i) == 0 && m.on_frontier) {
            text(&mut out, m, highlight(i), look.frontier_names, "400", &hex(LABEL), look.point as i32);
        }
    }
    let compared = marks
        .iter()
        .enumerate()
        .filter(|(i, _)| highlight(*i) > 0)
        .map(|(i, m)| (m, highlight(i)))
        .chain(rail.iter().map(|m| (m, m.highlight)));
    for (m, h) in compared {
        let color = hex(if h == 1 { COLOR_A } else { COLOR_B });
        out.push_str(&format!(
            r##"<circle cx="{}" cy="{}" r="{}" fill="{color}" stroke="#ffffff" stroke-width="2" role="img"><title>{}</title></circle>"##,
            m.x,
            m.y,
            look.highlight,
            xml_escape(&m.title)
        ));
        text(&mut out, m, h, look.names, "700", &color, look.highlight as i32);
    }
    out.push_str("</g>");
    out
}

/// Makes the SVG scale with its container (viewBox), names it for screen readers, hides the
/// plotters frame from them (tick text is noise) and adds the named points; `sized` also gives
/// it an intrinsic width and height (the standalone document).
fn wrap(svg: &str, data: &ChartData, look: &ChartLook, variant: &str, sized: bool, marks: &str) -> String {
    let Some(start) = svg.find("<svg") else { return svg.to_owned() };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else { return svg.to_owned() };
    let Some(close) = svg.rfind("</svg>") else { return svg.to_owned() };
    let (w, h) = (look.width, look.height);
    let size = if sized { format!(r#" width="{w}" height="{h}""#) } else { String::new() };
    let mut out = String::with_capacity(svg.len() + 4096);
    out.push_str(&format!(
        r#"<svg{size} viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="chart-title-{variant} chart-desc-{variant}" class="chart chart-{variant}"><title id="chart-title-{variant}">{}</title><desc id="chart-desc-{variant}">{}</desc><g aria-hidden="true">"#,
        xml_escape(&data.title),
        xml_escape(&data.description)
    ));
    out.push_str(&svg[end + 1..close]);
    out.push_str("</g>");
    out.push_str(marks);
    out.push_str("</svg>\n");
    out
}

/// `text` with the XML special characters written as entities.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn escape_writes_entities_for_xml_specials() {
        assert_eq!(xml_escape("https://x.example/a?b=1&c=<'\">"), "https://x.example/a?b=1&amp;c=&lt;&#39;&quot;&gt;");
        assert_eq!(xml_escape("/compare/a-vs-b"), "/compare/a-vs-b");
    }
}

//! The intelligence-vs-price scatter chart, drawn with plotters from the domain's chart data:
//! as inline SVG on the page (a wide and a narrow drawing, the stylesheet shows the one that
//! fits), as a standalone SVG document, and small inside the share image.
//!
//! In SVG the points are written by hand after plotters has drawn the frame, so each can carry
//! a `<title>` (hover text, and its name for screen readers). No `style` attribute or element
//! anywhere: only presentation attributes, so a strict Content-Security-Policy holds.

use plotters::coord::Shift;
use plotters::coord::combinators::LogCoord;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod svg;
pub use svg::{scatter_svg, scatter_svg_document};

use crate::domain::compare::{ChartData, ChartPoint, UnscoredPoint};

/// Colour of the first compared model; the stylesheet's `--a` is the same (a test checks).
pub const COLOR_A: RGBColor = RGBColor(37, 99, 235);
/// Colour of the second compared model (`--b`): 5.2:1 on white, so its name passes as text.
pub const COLOR_B: RGBColor = RGBColor(194, 65, 12);
/// Other models' points: 4.8:1 on white, above the 3:1 graphics need.
const GREY: RGBColor = RGBColor(107, 114, 128);
/// The frontier line and its points' ring: 5.0:1 on white.
const FRONTIER: RGBColor = RGBColor(21, 128, 61);
/// Names of frontier models.
const LABEL: RGBColor = RGBColor(55, 65, 81);
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
/// What the rail under the plot says.
pub const RAIL_LABEL: &str = "no independent index score yet";

/// Sizes of the chart's text, marks and margins in pixels: the page's two drawings and the
/// share image's small copy differ only in these.
#[derive(Debug, Clone, Copy)]
pub struct ChartLook {
    /// Drawing size (the SVG's viewBox).
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// The font family named in the SVG (a bitmap backend picks its own font).
    pub font: &'static str,
    /// Axis titles.
    pub axis_desc: u32,
    /// Tick labels.
    pub ticks: u32,
    /// The two compared models' names next to their points.
    pub names: u32,
    /// Names of the frontier models; 0 draws none.
    pub frontier_names: u32,
    /// Radius of an other model's point.
    pub point: u32,
    /// Radius of a compared model's point.
    pub highlight: u32,
    /// Space under the plot for x tick labels and title.
    pub x_label_area: u32,
    /// Space left of the plot for y tick labels and title.
    pub y_label_area: u32,
    /// Height of the rail for compared models without an index score.
    pub rail: u32,
    /// Outer margin.
    pub margin: u32,
    /// Ticks per axis, at most.
    pub tick_count: usize,
}

/// The page's wide chart (and the standalone document): shown at 600 px and up.
const WIDE: ChartLook = ChartLook {
    width: 760,
    height: 460,
    font: FONT,
    axis_desc: 18,
    ticks: 16,
    names: 18,
    frontier_names: 14,
    point: 5,
    highlight: 8,
    x_label_area: 62,
    y_label_area: 72,
    rail: 46,
    margin: 14,
    tick_count: 8,
};

/// The page's narrow chart for phones: drawn at 380 units and shown at about 360 px, so its
/// text keeps nearly its nominal size.
const NARROW: ChartLook = ChartLook {
    width: 380,
    height: 400,
    font: FONT,
    axis_desc: 15,
    ticks: 14,
    names: 15,
    frontier_names: 13,
    point: 4,
    highlight: 7,
    x_label_area: 50,
    y_label_area: 50,
    rail: 42,
    margin: 8,
    tick_count: 4,
};

/// Where one model landed, in drawing units, and how to name it.
#[derive(Debug, Clone)]
struct Mark {
    name: String,
    x: i32,
    y: i32,
    highlight: u8,
    on_frontier: bool,
    /// Hover text and accessible name: the model and its figures.
    title: String,
}

/// Cost axis bounds (dollars, log scale): no stored price makes a request cost leave this.
const COST_AXIS: (f64, f64) = (1e-9, 1e9);
/// Index axis bounds: far beyond any plausible index (imports allow 0 to 1,000).
const INDEX_AXIS: (f64, f64) = (-1e6, 1e6);

/// The x and y ranges of the plot: every point's cost (rail included) and index, padded so no
/// point sits on the frame; x pads by a factor (log axis). Computed from the finite values
/// clamped to [`COST_AXIS`] and [`INDEX_AXIS`]: whatever is stored (1.7e308, NaN, 0), the axes
/// stay finite and a few decades wide, so plotters' tick search always ends quickly.
pub fn axis_ranges(data: &ChartData) -> ((f64, f64), (f64, f64)) {
    fn span(values: impl Iterator<Item = f64>, (min, max): (f64, f64)) -> Option<(f64, f64)> {
        values
            .filter(|v| v.is_finite())
            .map(|v| v.clamp(min, max))
            .fold(None, |acc, v| Some(acc.map_or((v, v), |(lo, hi): (f64, f64)| (lo.min(v), hi.max(v)))))
    }
    let costs = data.points.iter().map(|p| p.cost).chain(data.unscored.iter().map(|p| p.cost));
    let (x_lo, x_hi) = span(costs, COST_AXIS).unwrap_or((0.001, 1.0));
    let (y_lo, y_hi) = span(data.points.iter().map(|p| p.index), INDEX_AXIS).unwrap_or((0.0, 1.0));
    let pad = ((y_hi - y_lo) * 0.08).max(1.0);
    ((x_lo / 1.6, x_hi * 1.6), (y_lo - pad, y_hi + pad))
}

/// The points pinned inside the axes: plotters maps a coordinate to pixels with integer
/// arithmetic that overflows for values like 1.7e308, so an outlier is drawn at the edge.
fn on_axes(data: &ChartData, (x_lo, x_hi): (f64, f64), (y_lo, y_hi): (f64, f64)) -> ChartData {
    let mut pinned = data.clone();
    for p in &mut pinned.points {
        p.cost = pin(p.cost, x_lo, x_hi);
        p.index = pin(p.index, y_lo, y_hi);
    }
    for p in &mut pinned.unscored {
        p.cost = pin(p.cost, x_lo, x_hi);
    }
    pinned
}

/// `v` inside `lo..=hi`; a value that is not finite goes to `lo`.
fn pin(v: f64, lo: f64, hi: f64) -> f64 {
    if v.is_finite() { v.clamp(lo, hi) } else { lo }
}

/// Draws the axes, grid, frontier line and rail on `root`, and returns where every point goes
/// (the caller draws the marks).
fn draw_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    look: &ChartLook,
) -> Result<Vec<Mark>, String> {
    let ((x_lo, x_hi), (y_lo, y_hi)) = axis_ranges(data);
    let pinned = on_axes(data, (x_lo, x_hi), (y_lo, y_hi));
    let data = &pinned;
    let font = look.font;
    let has_rail = !data.unscored.is_empty();
    let (plot_area, rail_area) = split_for_rail(root, look, has_rail);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin(look.margin)
        .margin_right(look.margin + 10)
        .margin_bottom(if has_rail { 0 } else { look.margin })
        .x_label_area_size(if has_rail { 0 } else { look.x_label_area })
        .y_label_area_size(look.y_label_area)
        .build_cartesian_2d((x_lo..x_hi).log_scale(), y_lo..y_hi)
        .map_err(|e| e.to_string())?;
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(229, 231, 235))
        .y_desc(data.y_label.as_str())
        .axis_desc_style((font, look.axis_desc).into_font().color(&RGBColor(55, 65, 81)))
        .label_style((font, look.ticks).into_font().color(&RGBColor(75, 85, 99)))
        .y_labels(look.tick_count)
        .y_label_formatter(&whole);
    if has_rail {
        mesh.x_labels(0);
    } else {
        mesh.x_desc(data.x_label.as_str()).x_labels(look.tick_count).x_label_formatter(&dollar_tick);
    }
    mesh.draw().map_err(|e| e.to_string())?;

    // The frontier as a line: models no other beats on both price and index.
    let mut frontier: Vec<(f64, f64)> =
        data.points.iter().filter(|p| p.on_frontier).map(|p| (p.cost, p.index)).collect();
    frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
    chart.draw_series(LineSeries::new(frontier, FRONTIER.stroke_width(2))).map_err(|e| e.to_string())?;

    let mut marks: Vec<Mark> = data
        .points
        .iter()
        .map(|p| {
            let (x, y) = chart.backend_coord(&(p.cost, p.index));
            Mark {
                name: p.name.clone(),
                x,
                y,
                highlight: p.highlight,
                on_frontier: p.on_frontier,
                title: title(p, data),
            }
        })
        .collect();

    if let Some(rail_area) = rail_area {
        let mut rail = rail_chart(&rail_area, look, (x_lo, x_hi))?;
        rail.configure_mesh()
            .disable_mesh()
            .disable_y_axis()
            .x_desc(data.x_label.as_str())
            .axis_desc_style((font, look.axis_desc).into_font().color(&RGBColor(55, 65, 81)))
            .label_style((font, look.ticks).into_font().color(&RGBColor(75, 85, 99)))
            .x_labels(look.tick_count)
            .x_label_formatter(&dollar_tick)
            .draw()
            .map_err(|e| e.to_string())?;
        // A dashed line across the strip, and the rail's name in its top-left corner.
        let dashes = DashedLineSeries::new([(x_lo, 0.45), (x_hi, 0.45)], 6, 4, GREY.stroke_width(1));
        rail.draw_series(dashes).map_err(|e| e.to_string())?;
        let name_style =
            (font, look.frontier_names.max(12)).into_font().color(&LABEL).pos(Pos::new(HPos::Left, VPos::Top));
        rail.draw_series(std::iter::once(Text::new(RAIL_LABEL.to_owned(), (x_lo, 1.0), name_style)))
            .map_err(|e| e.to_string())?;
        marks.extend(data.unscored.iter().map(|p| rail_mark(&rail, p)));
    }
    Ok(marks)
}

/// With a rail the plot ends above it, and the rail strip carries the x axis.
fn split_for_rail<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    look: &ChartLook,
    has_rail: bool,
) -> (DrawingArea<DB, Shift>, Option<DrawingArea<DB, Shift>>) {
    if has_rail {
        let h = root.dim_in_pixel().1;
        let split = h.saturating_sub(look.rail + look.x_label_area + look.margin);
        let (top, bottom) = root.split_vertically(split as i32);
        (top, Some(bottom))
    } else {
        (root.clone(), None)
    }
}

type RailChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, RangedCoordf64>>;

/// The rail strip's coordinates (cost across, 0 to 1 up): the same for drawing the strip and
/// for placing a model on it.
fn rail_chart<'a, DB: DrawingBackend>(
    rail_area: &'a DrawingArea<DB, Shift>,
    look: &ChartLook,
    (x_lo, x_hi): (f64, f64),
) -> Result<RailChart<'a, DB>, String> {
    ChartBuilder::on(rail_area)
        .margin(look.margin)
        .margin_right(look.margin + 10)
        .margin_top(0)
        .x_label_area_size(look.x_label_area)
        .y_label_area_size(look.y_label_area)
        .build_cartesian_2d((x_lo..x_hi).log_scale(), 0.0..1.0)
        .map_err(|e| e.to_string())
}

/// A compared model without a score, on the rail at its (pinned) cost.
fn rail_mark<DB: DrawingBackend>(rail: &RailChart<'_, DB>, p: &UnscoredPoint) -> Mark {
    let (x, y) = rail.backend_coord(&(p.cost, 0.45));
    let title = format!("{}: {} per request; {}", p.name, p.cost_text, RAIL_LABEL);
    Mark { name: p.name.clone(), x, y, highlight: p.highlight, on_frontier: false, title }
}

/// A plotted point's hover text: the model, its two figures, and the frontier.
fn title(p: &ChartPoint, data: &ChartData) -> String {
    let frontier = if p.on_frontier { "; on the price/index frontier" } else { "" };
    format!("{}: {} per request, {} {}{frontier}", p.name, p.cost_text, data.y_label, p.index_text)
}

/// Where a mark's name goes: beside the point, to the left in the plot's right third so it
/// stays inside, above for the first model and below for the second.
fn label_place(mark: &Mark, highlight: u8, look: &ChartLook, r: i32) -> (i32, i32, HPos) {
    let right_side = mark.x as f64 > look.width as f64 * 0.62;
    let (dx, anchor) = if right_side { (-(r + 4), HPos::Right) } else { (r + 4, HPos::Left) };
    let dy = if highlight == 2 { r + 6 } else { -(r + 6) };
    (dx, dy, anchor)
}

/// Draws the scatter with plotters on any backend (the share image): frame, points and the
/// compared models' names. The caller fills the background and presents the area.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    look: &ChartLook,
) -> Result<(), String> {
    // The frame's positions are the backend's; this area may be a part of it.
    let (ox, oy) = root.get_base_pixel();
    let marks: Vec<Mark> =
        draw_frame(root, data, look)?.into_iter().map(|m| Mark { x: m.x - ox, y: m.y - oy, ..m }).collect();
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    for m in marks.iter().filter(|m| m.highlight == 0) {
        root.draw(&Circle::new((m.x, m.y), look.point, GREY.filled())).map_err(err)?;
    }
    let r = look.highlight as i32;
    for m in marks.iter().filter(|m| m.highlight > 0) {
        let color = if m.highlight == 1 { COLOR_A } else { COLOR_B };
        root.draw(&Circle::new((m.x, m.y), look.highlight, color.filled())).map_err(err)?;
        root.draw(&Circle::new((m.x, m.y), look.highlight, WHITE.stroke_width(2))).map_err(err)?;
        let (dx, dy, anchor) = label_place(m, m.highlight, look, r);
        let style = (look.font, look.names)
            .into_font()
            .style(FontStyle::Bold)
            .color(&color)
            .pos(Pos::new(anchor, VPos::Center));
        root.draw(&Text::new(m.name.clone(), (m.x + dx, m.y + dy), style)).map_err(err)?;
    }
    Ok(())
}

fn dollar_tick(v: &f64) -> String {
    dollars(*v)
}

fn whole(v: &f64) -> String {
    format!("{v:.0}")
}

/// Axis tick text for a dollar amount: `$0.001`, `$0.05`, `$1`.
fn dollars(v: f64) -> String {
    if v <= 0.0 {
        return "$0".into();
    }
    let decimals = (-v.log10().floor()).max(0.0) as usize + 1;
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
    format!("${text}")
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::UnscoredPoint;

    fn point(name: &str, cost: f64, index: f64, highlight: u8) -> ChartPoint {
        ChartPoint {
            name: name.into(),
            cost,
            cost_text: format!("${cost}"),
            index,
            index_text: format!("{index}"),
            highlight,
            on_frontier: true,
        }
    }

    fn data() -> ChartData {
        ChartData {
            points: vec![point("A & <b>", 0.001, 120.0, 1), point("B", 0.01, 140.0, 2), point("C", 0.1, 130.0, 0)],
            unscored: Vec::new(),
            x_label: "Cost".into(),
            x_short: "Typical request".into(),
            y_label: "Index".into(),
            title: "Index <against> cost".into(),
            description: "Three models & more".into(),
        }
    }

    #[test]
    fn svg_has_accessible_title_and_escapes_names() {
        let svg = scatter_svg(&data());
        assert!(svg.starts_with("<svg viewBox=\"0 0 760 460\""), "{}", &svg[..80]);
        assert!(svg.contains("<title id=\"chart-title-wide\">Index &lt;against&gt; cost</title>"));
        assert!(svg.contains("<desc id=\"chart-desc-narrow\">Three models &amp; more</desc>"));
        assert!(!svg.contains("<b>"), "model names are escaped");
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 2, "a wide and a narrow drawing");
        assert!(svg.contains("viewBox=\"0 0 380 400\""));
    }

    #[test]
    fn every_point_is_named_by_a_title_and_no_style_is_inlined() {
        let svg = scatter_svg_document(&data());
        for title in [
            "<title>A &amp; &lt;b&gt;: $0.001 per request, Index 120; on the price/index frontier</title>",
            "<title>B: $0.01 per request, Index 140; on the price/index frontier</title>",
            "<title>C: $0.1 per request, Index 130; on the price/index frontier</title>",
        ] {
            assert!(svg.contains(title), "{title}");
        }
        assert_eq!(svg.matches("<circle").count(), 3);
        // Frontier models are named on the chart, not only in hover text.
        assert!(svg.contains(">C</text>"));
        assert!(!svg.contains("style="), "a strict CSP forbids inline styles");
        assert!(!svg.contains("<style"), "a strict CSP forbids style elements");
        assert!(!svg.contains("width=\"600\""));
    }

    #[test]
    fn a_compared_model_without_an_index_score_sits_on_the_rail() {
        let mut d = data();
        d.points.retain(|p| p.highlight != 2);
        d.unscored.push(UnscoredPoint { name: "B".into(), cost: 0.01, cost_text: "$0.01".into(), highlight: 2 });
        let svg = scatter_svg_document(&d);
        assert!(svg.contains(RAIL_LABEL), "the rail is labelled");
        assert!(svg.contains("<title>B: $0.01 per request; no independent index score yet</title>"));
        // On the rail: below every plotted point.
        let cy = |name: &str| {
            let at = svg.find(&format!("<title>{name}:")).unwrap();
            let open = svg[..at].rfind("<circle").unwrap();
            let attr = &svg[open..at];
            let v = attr.split("cy=\"").nth(1).unwrap().split('"').next().unwrap();
            v.parse::<i32>().unwrap()
        };
        assert!(cy("B") > cy("C") && cy("B") > cy("A &amp; &lt;b&gt;"));
        // Only unscored models: still a chart, with the rail alone.
        d.points.clear();
        assert!(scatter_svg(&d).contains(RAIL_LABEL));
    }

    #[test]
    fn standalone_document_has_a_size_and_the_same_drawing() {
        let inline = scatter_svg(&data());
        let document = scatter_svg_document(&data());
        assert!(
            document.starts_with("<svg width=\"760\" height=\"460\" viewBox=\"0 0 760 460\""),
            "{}",
            &document[..80]
        );
        assert!(inline.starts_with(&document.replacen(" width=\"760\" height=\"460\"", "", 1)));
    }

    #[test]
    fn empty_chart_draws_nothing() {
        let mut d = data();
        d.points.clear();
        assert_eq!(scatter_svg(&d), "");
        assert_eq!(scatter_svg_document(&d), "");
    }

    #[test]
    fn tick_labels_are_plain_dollars() {
        assert_eq!(dollars(0.001), "$0.001");
        assert_eq!(dollars(0.05), "$0.05");
        assert_eq!(dollars(0.002), "$0.002");
        assert_eq!(dollars(1.0), "$1");
        assert_eq!(dollars(20.0), "$20");
    }

    #[test]
    fn the_stylesheet_uses_the_charts_colours() {
        let css = include_str!("../../../static/site.css");
        for (var, color) in [("--a", COLOR_A), ("--b", COLOR_B)] {
            let declared = format!("{var}: {};", hex(color));
            assert!(css.contains(&declared), "site.css lacks {declared}");
        }
    }
}

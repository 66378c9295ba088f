//! A comparison's images: the 1200x630 share PNG and the standalone chart SVG, with the
//! page's address rules and cache validators.

use axum::http::{StatusCode, header};

use crate::support::{
    REFERENCE, check_xml, content_type, count, fetch, get, get_error_page, header, location, site, the_svg,
};

/// Width and height of a PNG, after decoding the whole image with the `png` crate (already the
/// encoder's dependency): checks the signature, every chunk's CRC and the pixel data, where a
/// hand-read IHDR checked only the header.
fn png_size(png: &[u8]) -> Result<(u32, u32), String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().map_err(|e| e.to_string())?;
    let mut pixels = vec![0; reader.output_buffer_size().ok_or("image too large")?];
    let frame = reader.next_frame(&mut pixels).map_err(|e| e.to_string())?;
    Ok((frame.width, frame.height))
}

#[tokio::test]
async fn og_png_is_a_1200x630_png_with_cache_headers() {
    let uri = format!("{REFERENCE}/og.png");
    let (status, headers, body) = fetch(&uri, &[]).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(content_type(&headers), "image/png");
    assert_eq!(png_size(&body), Ok((1200, 630)));
    assert_eq!(&body[body.len() - 8..body.len() - 4], b"IEND", "the PNG ends with its IEND chunk");
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600"
    );
    let etag = header(&headers, header::ETAG);
    assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2, "quoted ETag, got {etag:?}");
    // Served again (from the cache): the same bytes and the same tag.
    let (_, again, body_again) = fetch(&uri, &[]).await;
    assert_eq!(header(&again, header::ETAG), etag);
    assert!(body_again == body, "the cached image is the same image");
}

#[tokio::test]
async fn og_png_answers_304_to_a_matching_if_none_match() {
    let uri = format!("{REFERENCE}/og.png");
    let (_, headers, _) = fetch(&uri, &[]).await;
    let etag = header(&headers, header::ETAG).to_owned();
    let (status, headers, body) = fetch(&uri, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty(), "a 304 has no body");
    assert_eq!(header(&headers, header::ETAG), etag);
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600"
    );
    // A stale tag gets the image.
    let (status, _, body) = fetch(&uri, &[(header::IF_NONE_MATCH, "\"0000000000000000\"")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(png_size(&body), Ok((1200, 630)));
}

#[tokio::test]
async fn images_redirect_reversed_or_loose_pairs_to_the_canonical_image_in_one_hop() {
    for file in ["og.png", "chart.svg"] {
        for uri in [
            format!("/compare/gpt-4-1-mini-vs-gpt-4o-mini/{file}"),
            format!("/compare/GPT-4o-mini-vs-gpt-4.1-mini/{file}"),
            format!("/compare/gpt-4o-mini-vs-gpt%2D4-1-mini/{file}"),
            // Images take no parameters: the canonical image address has none.
            format!("/compare/gpt-4-1-mini-vs-gpt-4o-mini/{file}?utm_source=x"),
        ] {
            let (status, headers, body) = get(&uri).await;
            assert_eq!(status, StatusCode::MOVED_PERMANENTLY, "{uri}");
            assert_eq!(location(&headers), format!("{REFERENCE}/{file}"), "{uri}");
            assert!(body.is_empty(), "{uri}");
        }
    }
}

#[tokio::test]
async fn images_of_an_unknown_model_are_404_and_malformed_pairs_400() {
    for file in ["og.png", "chart.svg"] {
        for (uri, want) in [
            (format!("/compare/gpt-4o-mini-vs-gpt-9-ultra/{file}"), StatusCode::NOT_FOUND),
            (format!("/compare/nope-vs-nada/{file}"), StatusCode::NOT_FOUND),
            (format!("/compare/gpt-4o-mini/{file}"), StatusCode::BAD_REQUEST),
            (format!("/compare/gpt-4o-mini-vs-/{file}"), StatusCode::BAD_REQUEST),
            (format!("/compare/o3-vs-o3/{file}"), StatusCode::BAD_REQUEST),
            (format!("/compare/a-vs-b-vs-c/{file}"), StatusCode::BAD_REQUEST),
        ] {
            let (headers, _) = get_error_page(&uri, want).await;
            assert!(headers.get(header::ETAG).is_none(), "{uri}: an error carries no ETag");
        }
    }
}

#[tokio::test]
async fn chart_svg_is_a_standalone_well_formed_svg_document() {
    let uri = format!("{REFERENCE}/chart.svg");
    let (status, headers, body) = get(&uri).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(content_type(&headers), "image/svg+xml; charset=utf-8");
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600"
    );
    assert!(!header(&headers, header::ETAG).is_empty(), "has an ETag");
    assert_eq!(check_xml(&body), Ok(()));
    assert!(body.starts_with("<svg "), "the document is the svg element: {}", &body[..60.min(body.len())]);
    let svg = the_svg(&body).expect("exactly one <svg>");
    assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("width=\"760\" height=\"460\""), "an intrinsic size for <img> and direct viewing");
    assert_eq!(count(svg, "<title id="), 1, "one title for the chart");
    assert_eq!(count(svg, "<desc"), 1);
    // Every point is named for hover and screen readers.
    assert_eq!(count(svg, "<circle"), count(svg, "<title>"));
    assert!(svg.contains("<title>GPT-4o mini: $0.0013"), "the compared model's point has its figures");
    assert!(svg.contains("GPT-4o mini") && svg.contains("GPT-4.1 mini"), "both models are labelled");
}

#[tokio::test]
async fn chart_svg_is_the_pages_chart_with_a_size() {
    let (_, _, page) = get(REFERENCE).await;
    let drawings = crate::support::the_svgs(&page);
    assert_eq!(drawings.len(), 2, "a wide and a narrow drawing");
    let (_, _, document) = get(&format!("{REFERENCE}/chart.svg")).await;
    // The wide drawing; the document only adds the size (and keeps the final newline).
    assert_eq!(document.trim_end().replacen(" width=\"760\" height=\"460\"", "", 1), drawings[0]);
}

#[tokio::test]
async fn chart_svg_answers_304_to_a_matching_if_none_match() {
    let uri = format!("{REFERENCE}/chart.svg");
    let (_, headers, _) = fetch(&uri, &[]).await;
    let etag = header(&headers, header::ETAG).to_owned();
    let (status, _, body) = fetch(&uri, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
}

#[tokio::test]
async fn a_replaced_catalog_is_drawn_afresh() {
    // Its own state, so the shared site's cache is untouched.
    let mut catalog = site().await.catalog.clone();
    let state = llm_compare::AppState::new(catalog.clone());
    let router = llm_compare::app(state.clone());
    let uri = format!("{REFERENCE}/chart.svg");
    let (_, _, before) = crate::support::call(router.clone(), axum::http::Method::GET, &uri).await;
    // Rename a model: the reloaded dataset's chart must show the new name, not the cached one.
    let id = llm_compare::domain::ModelId::parse("gpt-4o-mini").unwrap();
    let model = catalog.dataset.models.iter_mut().find(|m| m.id == id).expect("seed model");
    model.name = "Renamed Mini".into();
    state.replace_catalog(llm_compare::domain::Catalog::new(catalog.dataset));
    let (status, _, after) = crate::support::call(router, axum::http::Method::GET, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains("GPT-4o mini") && !before.contains("Renamed Mini"));
    assert!(after.contains("Renamed Mini"), "the new catalog's image, not the cached one");
}

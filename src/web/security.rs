//! The security headers every response carries, errors included: a strict Content-Security-
//! Policy (the pages need no inline script or style: the only `<script>` is a JSON-LD data
//! block, which a CSP does not execute), no framing, no referrer leaks to other origins, and
//! HSTS when the site is served over https. `/api` is public data meant for programs, so any
//! origin may read it.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy: nothing by default; styles and images only from this origin; forms only to it.
/// `connect-src 'self'` lets in-page tools such as Lighthouse fetch `/robots.txt` from a page
/// (with `'none'` its SEO audit cannot read it); the site runs no script, so it grants nothing else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Powerful browser features the site never uses, switched off for it and anything it embeds.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     interest-cohort=()";

/// Two years, the HSTS preload list's minimum.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Whether the site is served over https (from `BASE_URL`): only then is HSTS sent, since on
/// plain http it would be ignored at best and lock a misconfigured host out at worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transport {
    /// `BASE_URL` starts with `https://`.
    pub https: bool,
}

/// Middleware: adds the headers to whatever the router answered.
pub async fn security_headers(State(transport): State<Transport>, request: Request, next: Next) -> Response {
    let api = request.uri().path() == "/api" || request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    apply(response.headers_mut(), transport, api);
    response
}

/// Sets the headers on `headers`; also used for the answers the server makes without the
/// router (414).
pub fn apply(headers: &mut HeaderMap, transport: Transport, api: bool) {
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(headers, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::HeaderName::from_static("permissions-policy"), PERMISSIONS_POLICY);
    set(headers, header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if transport.https {
        set(headers, header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
    }
    if api {
        set(headers, header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }
}

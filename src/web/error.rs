//! The one error type of the web layer. Every variant renders `templates/error.html` with its
//! status; nothing from the request is shown except through askama's escaping.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::seo::Meta;
use super::workload_query::{BadParameter, WorkloadForm, WorkloadQuery};

/// `Result` with [`AppError`] as the default error.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What went wrong, and so which status the reader gets.
#[derive(Debug)]
pub enum AppError {
    /// 404: no such model or page. Carries the closest models as suggestions.
    NotFound {
        /// What was looked for, in words ("model `gpt-5x`").
        what: String,
        /// Links to the closest matches.
        suggestions: Vec<Link>,
    },
    /// 400: the request cannot be understood as asked (a malformed pair, the same model
    /// twice, a picker with one side missing).
    BadRequest {
        /// Short title.
        title: String,
        /// What was wrong and how to fix it.
        detail: String,
        /// Links that help (e.g. the model's own page).
        suggestions: Vec<Link>,
    },
    /// 400: a workload parameter is unusable. Names it, says why and what is allowed; a page
    /// shows the form filled in as the reader sent it so they can fix it.
    BadParameter {
        /// The parameter and its problem.
        bad: Box<BadParameter>,
        /// What the page's form is refilled from; `None` where no form is shown (the API).
        refill: Option<Box<Refill>>,
    },
    /// 405: the route exists but not for this method.
    MethodNotAllowed,
    /// 500: a bug or a failed render. Logged in full; the reader sees a generic page.
    Internal(String),
}

/// The form a refused workload is shown again in: the page it submits to and the query as
/// the reader sent it.
#[derive(Debug)]
pub struct Refill {
    /// The pair's canonical path.
    pub action: String,
    /// The raw query (empty when it could not be read at all).
    pub query: WorkloadQuery,
}

/// A link with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Target path.
    pub href: String,
    /// Visible text.
    pub text: String,
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Head: the title and a description, never indexed.
    pub meta: Meta,
    /// HTTP status.
    pub status: u16,
    /// Title.
    pub title: String,
    /// Explanation.
    pub detail: String,
    /// Helpful links.
    pub suggestions: Vec<Link>,
    /// The workload form, for a bad parameter.
    pub form: Option<WorkloadForm>,
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut form = None;
        let (status, title, detail, suggestions) = match self {
            AppError::BadParameter { bad, refill } => {
                form = refill.map(|r| WorkloadForm::new(r.action, &r.query).with_error(&bad));
                (
                    StatusCode::BAD_REQUEST,
                    format!("The “{}” parameter {}", bad.param, bad.problem),
                    format!("“{}” must be {}. Fix it in the form below.", bad.param, bad.allowed),
                    Vec::new(),
                )
            }
            AppError::NotFound { what, suggestions } => {
                let hint = if suggestions.is_empty() { "" } else { " Did you mean one of these?" };
                (StatusCode::NOT_FOUND, "Not found".to_owned(), format!("We have no {what}.{hint}"), suggestions)
            }
            AppError::BadRequest { title, detail, suggestions } => {
                (StatusCode::BAD_REQUEST, title, detail, suggestions)
            }
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed".to_owned(),
                "This address only answers GET requests.".to_owned(),
                Vec::new(),
            ),
            AppError::Internal(message) => {
                tracing::error!(%message, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong".to_owned(),
                    "The page could not be built. The error has been logged.".to_owned(),
                    Vec::new(),
                )
            }
        };
        let meta = Meta::error(format!("{title} ({})", status.as_u16()), detail.clone());
        let page = ErrorPage { meta, status: status.as_u16(), title, detail, suggestions, form };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, "error").into_response()
            }
        }
    }
}

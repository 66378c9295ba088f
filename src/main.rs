//! Starts the site: reads the configuration, opens (and on first start seeds) the database,
//! loads the dataset into memory once, and serves until ctrl-c or SIGTERM.

use std::process::ExitCode;

use llm_compare::config::Config;
use llm_compare::domain::Catalog;
use llm_compare::{AppState, app, db};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let pool = db::open(&config.database_url).await.map_err(|e| e.to_string())?;
    let dataset = db::load_dataset(&pool).await.map_err(|e| e.to_string())?;
    tracing::info!(models = dataset.models.len(), database = %config.database_url, "dataset loaded");
    let state = AppState::new(Catalog::new(dataset)).with_base_url(&config.base_url);

    let address = std::net::SocketAddr::new(config.host, config.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address} (HOST/PORT): {e}"))?;
    tracing::info!("listening on http://{address}");
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown_signal()).await.map_err(|e| e.to_string())
}

/// Resolves on ctrl-c or SIGTERM, so containers stop cleanly.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

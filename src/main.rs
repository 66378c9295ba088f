//! With no arguments, starts the site: reads the configuration, opens (and on first start
//! seeds) the database, loads the dataset into memory, reloads it when an import changes it,
//! and serves until ctrl-c or SIGTERM. With a command (`import ...`, `export ...`, `--help`),
//! runs it against the same database and exits; see `llm_compare::cli`.

use std::io::IsTerminal;
use std::process::ExitCode;

use llm_compare::cli::{self, Command, Reloader};
use llm_compare::config::Config;
use llm_compare::domain::Catalog;
use llm_compare::web::{security, server};
use llm_compare::{AppState, app, db};
use tracing_subscriber::EnvFilter;

// jemalloc (tikv-jemallocator, the allocator rustc itself ships with) instead of glibc's
// malloc: a page render is thousands of small allocations, which it serves about a third
// faster, and it returns freed pages, so the resident size follows the page cache (glibc's
// per-thread arenas left RSS 50 MB past the cache; mimalloc was faster still but kept 35 MB
// more resident). Figures: scripts/bench-http.sh.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// jemalloc's options, read once before the first allocation (a C string; tikv-jemalloc-sys
// prefixes jemalloc's symbols with `_rjem_`). Freed pages go back to the system within a
// second, from jemalloc's own background thread, instead of after its 10 s default and only
// when a thread next allocates: after a pass over every page the resident size then follows
// the page cache (107.9 MB before, 81.6 MB after, PAGE_CACHE_MB=64; scripts/bench-http.sh).
#[used]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: &[u8; 60] = b"background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os().skip(1).map(|a| a.into_string()).collect();
    let command = match args {
        Ok(args) => cli::parse_args(args),
        Err(bad) => Err(cli::UsageError(format!("argument {bad:?} is not valid UTF-8"))),
    };
    let command = match command {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let result = match command {
        Command::Help => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        Command::Serve => {
            // Colours only on a terminal: escape codes in a log file are noise and cost time.
            tracing_subscriber::fmt().with_env_filter(filter()).with_ansi(std::io::stdout().is_terminal()).init();
            serve().await
        }
        command => {
            // The report goes to stdout; logs go to stderr so they never mix into it.
            tracing_subscriber::fmt()
                .with_env_filter(filter())
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal())
                .init();
            match Config::from_env() {
                Ok(config) => {
                    cli::run(command, &config.database_url).await.map(|report| print!("{}", cli::printable(&report)))
                }
                Err(e) => Err(e.to_string()),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {}", cli::printable(&message));
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let reload_every = cli::reload_interval(|k| std::env::var(k).ok()).map_err(|e| e.to_string())?;
    let pool = db::open(&config.database_url).await.map_err(|e| e.to_string())?;
    let (revision, dataset) = db::load_snapshot(&pool).await.map_err(|e| e.to_string())?;
    tracing::info!(models = dataset.models.len(), revision, database = %config.database_url, "dataset loaded");
    let state = AppState::configured(Catalog::new(dataset), &config);
    match reload_every {
        Some(every) => {
            tokio::spawn(Reloader::new(pool, state.clone(), revision).run(every));
            tracing::info!(every_secs = every.as_secs(), "checking for new data");
        }
        None => tracing::info!("live reload is off (RELOAD_INTERVAL_SECS=0)"),
    }

    let address = std::net::SocketAddr::new(config.host, config.port);
    let limits = connection_limits(&config);
    let listener =
        listen(address, limits.max_connections).map_err(|e| format!("cannot listen on {address} (HOST/PORT): {e}"))?;
    tracing::info!(
        "listening on http://{address} (header timeout {} s, idle timeout {} s, at most {} connections)",
        limits.header_timeout.as_secs(),
        limits.idle_timeout.as_secs(),
        limits.max_connections
    );
    server::serve(listener, app(state), limits, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// The listening socket, with a backlog as deep as the connection cap (the kernel caps it at
/// `net.core.somaxconn`). `TcpListener::bind` asks for 1,024: a burst of more new connections
/// than that overflowed the queue, the kernel dropped their handshakes' last packet and took
/// them in only on a retransmission seconds later, so an idle one was still open past the
/// header timeout (scripts/slow-clients.sh: 22-210 of 2,000 still open at 11 s).
fn listen(address: std::net::SocketAddr, max_connections: usize) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if address.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    // As `TcpListener::bind` does: a restart can listen again while old connections linger.
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(u32::try_from(max_connections).unwrap_or(u32::MAX))
}

/// The server's limits from the configuration, after raising the open-file limit: the cap on
/// connections is kept below it so `accept` never runs out of descriptors.
fn connection_limits(config: &Config) -> server::Limits {
    /// Descriptors kept for the database, the listener and logs.
    const RESERVE: u64 = 64;
    let mut max_connections = config.max_connections;
    match server::raise_open_file_limit() {
        Ok((soft, hard)) => {
            tracing::info!(soft_before = soft, soft_now = hard, hard, "open-file limit");
            let room = hard.saturating_sub(RESERVE).max(1);
            if (max_connections as u64) > room {
                tracing::warn!(max_connections, room, "MAX_CONNECTIONS lowered to fit the open-file limit");
                max_connections = room as usize;
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot raise the open-file limit"),
    }
    server::Limits {
        header_timeout: config.header_timeout,
        idle_timeout: config.idle_timeout,
        max_connections,
        shutdown_grace: config.shutdown_grace,
        transport: security::Transport { https: config.base_url.starts_with("https://") },
    }
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

//! The `hromada` command: serve the platform, migrate the database, manage admins.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use hromada::app::{accounts, demo};
use hromada::config::{Overrides, Settings};
use hromada::domain::SystemClock;
use hromada::{Server, build_state, startup, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "hromada",
    version,
    about = "Participatory budgeting and voting platform"
)]
struct Cli {
    /// Configuration file (default: ./hromada.toml when present).
    #[arg(long, global = true, env = "HROMADA_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://PATH?mode=rwc or postgres://USER:PASS@HOST/DB.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the platform (the default).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Work with the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Compute the winners of a pabulib (.pb) file of approval votes; needs no database.
    Tally(TallyArgs),
}

#[derive(Debug, Args)]
struct TallyArgs {
    /// The pabulib file.
    file: PathBuf,
    /// The rule; by default the file's own `rule` field.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(hromada::domain::tally::RULE_NAMES))]
    rule: Option<String>,
    /// Print `{"rule", "winners", "spent", "left", ...}` as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain of the audit log; fail and name the first broken row.
    Verify,
}

#[derive(Debug, Default, Args)]
struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port).
    #[arg(long)]
    bind: Option<SocketAddr>,
    /// Seed a demo city with users of every role when the database is empty.
    #[arg(long)]
    demo: bool,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an administrator: of the platform, or of one city with --city.
    Create {
        /// Login: a phone number or passport number.
        #[arg(long)]
        login: String,
        #[arg(long, default_value = "Адміністратор")]
        first_name: String,
        #[arg(long, default_value = "Платформи")]
        last_name: String,
        /// Make an admin of this city (by slug) instead of a platform admin.
        #[arg(long)]
        city: Option<String>,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Tally(args) => return tally(&args),
        command => command,
    };
    let overrides = match &command {
        Command::Serve(args) => Overrides {
            bind: args.bind,
            database_url: cli.database_url.clone(),
            demo: args.demo,
        },
        _ => Overrides {
            database_url: cli.database_url.clone(),
            ..Overrides::default()
        },
    };
    let settings = match Settings::load(cli.config.as_deref(), &overrides) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("hromada: configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init_tracing(&settings.log);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("hromada: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "hromada failed");
            eprintln!("hromada: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve(_) => serve(settings).await,
        Command::Tally(args) => {
            // Handled in main before configuration is loaded; kept here for completeness.
            match tally(&args) {
                ExitCode::SUCCESS => Ok(()),
                _ => anyhow::bail!("tally failed"),
            }
        }
        Command::Migrate => {
            let db = hromada::db::connect(&settings.database).await?;
            hromada::db::migrate(&db).await?;
            db.close().await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let state = build_state(settings, Arc::new(SystemClock)).await?;
            let result = hromada::app::staff::verify_audit_chain(&state)
                .await
                .map_err(|e| anyhow::anyhow!("reading the audit log failed: {}", e.code))?;
            state.db.close().await?;
            match result {
                Ok(rows) => {
                    println!("audit chain intact: {rows} rows");
                    Ok(())
                }
                Err(broken) => {
                    anyhow::bail!("audit chain broken at row {}: {broken}", broken.row_id())
                }
            }
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    login,
                    first_name,
                    last_name,
                    city,
                    password_stdin,
                },
        } => {
            let (password, generated) = if password_stdin {
                (read_password_line()?, false)
            } else {
                (hromada::auth::password::generate(20), true)
            };
            let state = build_state(settings, Arc::new(SystemClock)).await?;
            let id = accounts::create_admin(
                &state,
                accounts::NewAdmin {
                    login: login.clone(),
                    password: password.clone(),
                    first_name,
                    last_name,
                    city_slug: city.clone(),
                },
            )
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    e.code,
                    e.args
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let scope = city.map_or("platform".to_owned(), |c| format!("city {c}"));
            let login = hromada::domain::login::Login::parse(&login)
                .map(|l| l.to_string())
                .unwrap_or(login);
            println!("created {scope} admin #{id} with login {login}");
            if generated {
                println!("password (shown once): {password}");
            }
            state.db.close().await?;
            Ok(())
        }
    }
}

/// `hromada tally`: reads the file, prints the report; no configuration, no database.
fn tally(args: &TallyArgs) -> ExitCode {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("hromada: cannot read {}: {err}", args.file.display());
            return ExitCode::FAILURE;
        }
    };
    match hromada::app::tally::tally_pabulib(&bytes, args.rule.as_deref()) {
        Ok(report) if args.json => {
            println!("{}", report.json());
            ExitCode::SUCCESS
        }
        Ok(report) => {
            print!("{}", report.text());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("hromada: {}: {err}", args.file.display());
            ExitCode::FAILURE
        }
    }
}

fn read_password_line() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("password: ");
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(!password.is_empty(), "no password on standard input");
    Ok(password)
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let demo = settings.demo;
    let state = build_state(settings, Arc::new(SystemClock)).await?;
    if demo {
        match demo::seed_if_empty(&state)
            .await
            .map_err(|e| anyhow::anyhow!("demo seeding failed: {}", e.code))?
        {
            Some(accounts) => {
                println!("Demo city «Київ» seeded. Sign-ins (passwords are shown only now):");
                for account in accounts {
                    println!(
                        "  {:<15} {:<15} {}",
                        account.role, account.login, account.password
                    );
                }
            }
            None => println!("The database already has data; the demo was not seeded again."),
        }
    }
    let server = Server::bind(state, None).await?;
    println!("hromada listening on http://{}", server.local_addr());
    server.run_until(startup::shutdown_signal()).await?;
    Ok(())
}

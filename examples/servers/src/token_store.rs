//! Where the web example keeps tokens and v3 user ids: a real database, named by
//! `DATABASE_URL`, shared by every instance of the app.
//!
//! - `sqlite://PATH`: an embedded SQLite file, created and migrated at start (the
//!   default, a file beside the app). rusqlite, with SQLite compiled in (nothing to
//!   install); its calls run on tokio's blocking threads.
//! - `postgres://…` (or `postgresql://…`): PostgreSQL through tokio-postgres,
//!   connected on first use and again after the server went away, so the app
//!   starts and keeps answering (503) while the database is unreachable, and
//!   resumes when it is back.
//!
//! Chosen by measured build weight against sqlx with only its `sqlite`,
//! `postgres` and `runtime-tokio` features (`bash bench/database_weight.sh`,
//! BENCHMARKS.md "The web example's database").
//!
//! One table, `connect_owners`: an owner (the session cookie names it, never a
//! token), the app id the tokens were issued to, the v3 user id, the tokens and
//! their expiries (Unix seconds). A refresh stores its tokens with a
//! compare-and-swap on the refresh token it sent ([`TokenStore::replace_tokens`]),
//! one `UPDATE` that the database runs atomically.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use connect_core::token::{AccessToken, RefreshToken, Tokens};
use connect_core::{ClientId, UserId};

/// The environment variable naming the database.
pub const DATABASE_VARIABLE: &str = "DATABASE_URL";

/// The default SQLite file's name, beside the app's executable.
pub const DEFAULT_SQLITE_FILE: &str = "connect-web.sqlite3";

/// How long a PostgreSQL connection may take to open, and SQLite waits for a lock.
pub const DATABASE_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema, one migration a step; `connect_schema` records how many ran. Both
/// databases read the same SQL.
const MIGRATIONS: &[&str] = &["CREATE TABLE connect_owners (
        owner_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        user_id TEXT,
        access_token TEXT,
        refresh_token TEXT,
        expires_at BIGINT,
        refresh_expires_at BIGINT,
        created_at BIGINT NOT NULL
    )"];

/// An owner's connection, as stored.
#[derive(Debug, Clone)]
pub struct Owner {
    /// The owner's id: a random 128-bit value, the session cookie's content.
    pub id: String,
    /// The app id the tokens were issued to.
    pub client_id: ClientId,
    /// Smartcar's v3 user id, when the redirect back carried one.
    pub user_id: Option<UserId>,
    /// The tokens of the code exchange (none for a v3 connection without a code).
    pub tokens: Option<Tokens>,
}

/// Why the database did not answer, as a sentence (no secret in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

fn sqlite_error(e: &rusqlite::Error) -> StoreError {
    StoreError(format!("SQLite: {e}"))
}

fn postgres_error(e: &tokio_postgres::Error) -> StoreError {
    // tokio-postgres says what it was doing; its source says why (refused, timed out).
    match std::error::Error::source(e) {
        Some(why) => StoreError(format!("PostgreSQL: {e}: {why}")),
        None => StoreError(format!("PostgreSQL: {e}")),
    }
}

/// The tokens database of the instances.
#[derive(Clone)]
pub struct TokenStore(Backend);

#[derive(Clone)]
enum Backend {
    Sqlite(Arc<Mutex<rusqlite::Connection>>),
    Postgres(Arc<Postgres>),
}

/// What a `DATABASE_URL` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server (the URL as given).
    Postgres(String),
}

impl DatabaseUrl {
    /// `value` (the variable's content, if set) read; unset, the SQLite file
    /// [`DEFAULT_SQLITE_FILE`] beside the executable.
    ///
    /// # Errors
    ///
    /// A sentence naming the variable: another scheme, or an empty path.
    pub fn from_env_value(value: Option<&str>) -> Result<DatabaseUrl, String> {
        let Some(url) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            let beside = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(DEFAULT_SQLITE_FILE)))
                .unwrap_or_else(|| PathBuf::from(DEFAULT_SQLITE_FILE));
            return Ok(DatabaseUrl::Sqlite(beside));
        };
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(format!(
                    "{DATABASE_VARIABLE}={url} names no file: write sqlite://PATH, e.g. sqlite://connect-web.sqlite3"
                ));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_owned()));
        }
        // Only the scheme is quoted: the rest may hold a password.
        let scheme = url.split_once("://").map_or("(none)", |(scheme, _)| scheme);
        Err(format!(
            "{DATABASE_VARIABLE} must be sqlite://PATH or postgres://USER@HOST/DATABASE; its scheme is {scheme:?}"
        ))
    }
}

impl std::fmt::Display for DatabaseUrl {
    /// Where the tokens are, without a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "SQLite file {}", path.display()),
            DatabaseUrl::Postgres(url) => {
                let host = url.rsplit_once('@').map_or(url.as_str(), |(_, host)| host);
                let host = host
                    .trim_start_matches("postgres://")
                    .trim_start_matches("postgresql://");
                write!(f, "PostgreSQL at {host}")
            }
        }
    }
}

impl TokenStore {
    /// Opens the database `url` names: an SQLite file is created and migrated
    /// now; PostgreSQL is connected (and migrated) on first use.
    ///
    /// # Errors
    ///
    /// The SQLite file cannot be opened or migrated, or the PostgreSQL URL is
    /// malformed.
    pub async fn open(url: &DatabaseUrl) -> Result<TokenStore, StoreError> {
        match url {
            DatabaseUrl::Sqlite(path) => {
                let path = path.clone();
                let connection = tokio::task::spawn_blocking(move || {
                    let connection =
                        rusqlite::Connection::open(&path).map_err(|e| sqlite_error(&e))?;
                    prepare_sqlite(connection, true)
                })
                .await
                .map_err(|e| StoreError(format!("opening SQLite failed: {e}")))??;
                Ok(TokenStore(Backend::Sqlite(Arc::new(Mutex::new(
                    connection,
                )))))
            }
            DatabaseUrl::Postgres(url) => {
                let config: tokio_postgres::Config = url.parse().map_err(|e| {
                    StoreError(format!("{DATABASE_VARIABLE} is not a PostgreSQL URL: {e}"))
                })?;
                Ok(TokenStore(Backend::Postgres(Arc::new(Postgres {
                    config,
                    client: tokio::sync::Mutex::new(None),
                }))))
            }
        }
    }

    /// A private in-memory SQLite database: one instance, gone when it stops.
    ///
    /// # Errors
    ///
    /// SQLite cannot allocate it.
    pub fn in_memory() -> Result<TokenStore, StoreError> {
        let connection = rusqlite::Connection::open_in_memory().map_err(|e| sqlite_error(&e))?;
        let connection = prepare_sqlite(connection, false)?;
        Ok(TokenStore(Backend::Sqlite(Arc::new(Mutex::new(
            connection,
        )))))
    }

    /// Whether the database answers.
    ///
    /// # Errors
    ///
    /// Why it does not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match &self.0 {
            Backend::Sqlite(connection) => {
                sqlite(connection, |c| c.query_row("SELECT 1", [], |_| Ok(()))).await
            }
            Backend::Postgres(pg) => {
                let client = pg.client().await?;
                client
                    .simple_query("SELECT 1")
                    .await
                    .map_err(|e| postgres_error(&e))?;
                Ok(())
            }
        }
    }

    /// Stores a new owner.
    ///
    /// # Errors
    ///
    /// The database did not answer, or refused (an id already taken).
    pub async fn insert(&self, owner: &Owner) -> Result<(), StoreError> {
        let row = Row::of(owner);
        match &self.0 {
            Backend::Sqlite(connection) => {
                sqlite(connection, move |c| {
                    c.execute(
                        "INSERT INTO connect_owners (owner_id, client_id, user_id, access_token, \
                         refresh_token, expires_at, refresh_expires_at, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        rusqlite::params![
                            row.id,
                            row.client_id,
                            row.user_id,
                            row.access_token,
                            row.refresh_token,
                            row.expires_at,
                            row.refresh_expires_at,
                            row.created_at
                        ],
                    )
                    .map(drop)
                })
                .await
            }
            Backend::Postgres(pg) => {
                let client = pg.client().await?;
                client
                    .execute(
                        "INSERT INTO connect_owners (owner_id, client_id, user_id, access_token, \
                         refresh_token, expires_at, refresh_expires_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        &[
                            &row.id,
                            &row.client_id,
                            &row.user_id,
                            &row.access_token,
                            &row.refresh_token,
                            &row.expires_at,
                            &row.refresh_expires_at,
                            &row.created_at,
                        ],
                    )
                    .await
                    .map_err(|e| postgres_error(&e))?;
                Ok(())
            }
        }
    }

    /// The owner `id`, if stored. A row that does not read back (edited by hand)
    /// is an error, not a panic.
    ///
    /// # Errors
    ///
    /// The database did not answer, or holds a row this app did not write.
    pub async fn owner(&self, id: &str) -> Result<Option<Owner>, StoreError> {
        const SELECT: &str = "SELECT owner_id, client_id, user_id, access_token, refresh_token, \
             expires_at, refresh_expires_at, created_at FROM connect_owners WHERE owner_id = ";
        let row = match &self.0 {
            Backend::Sqlite(connection) => {
                let id = id.to_owned();
                sqlite(connection, move |c| {
                    use rusqlite::OptionalExtension as _;
                    c.query_row(&format!("{SELECT}?1"), [id], |r| {
                        Ok(Row {
                            id: r.get(0)?,
                            client_id: r.get(1)?,
                            user_id: r.get(2)?,
                            access_token: r.get(3)?,
                            refresh_token: r.get(4)?,
                            expires_at: r.get(5)?,
                            refresh_expires_at: r.get(6)?,
                            created_at: r.get(7)?,
                        })
                    })
                    .optional()
                })
                .await?
            }
            Backend::Postgres(pg) => {
                let client = pg.client().await?;
                let rows = client
                    .query(&format!("{SELECT}$1"), &[&id])
                    .await
                    .map_err(|e| postgres_error(&e))?;
                match rows.first() {
                    None => None,
                    Some(r) => Some(
                        (|| {
                            Ok::<_, tokio_postgres::Error>(Row {
                                id: r.try_get(0)?,
                                client_id: r.try_get(1)?,
                                user_id: r.try_get(2)?,
                                access_token: r.try_get(3)?,
                                refresh_token: r.try_get(4)?,
                                expires_at: r.try_get(5)?,
                                refresh_expires_at: r.try_get(6)?,
                                created_at: r.try_get(7)?,
                            })
                        })()
                        .map_err(|e| postgres_error(&e))?,
                    ),
                }
            }
        };
        row.map(Row::into_owner).transpose()
    }

    /// Stores `tokens` for owner `id` if its stored refresh token is still
    /// `sent` (the one the refresh sent): one `UPDATE … WHERE refresh_token = sent`,
    /// atomic in the database. `false` when another refresh stored its tokens
    /// first: the caller reads them.
    ///
    /// # Errors
    ///
    /// The database did not answer.
    pub async fn replace_tokens(
        &self,
        id: &str,
        sent: &RefreshToken,
        tokens: &Tokens,
    ) -> Result<bool, StoreError> {
        let (access, refresh) = (
            tokens.access_token().expose_secret().to_owned(),
            tokens.refresh_token().expose_secret().to_owned(),
        );
        let (expires_at, refresh_expires_at) = (
            unix_seconds(tokens.expires_at()),
            unix_seconds(tokens.refresh_expires_at()),
        );
        let (id, sent) = (id.to_owned(), sent.expose_secret().to_owned());
        let changed = match &self.0 {
            Backend::Sqlite(connection) => {
                sqlite(connection, move |c| {
                    c.execute(
                        "UPDATE connect_owners SET access_token = ?1, refresh_token = ?2, \
                         expires_at = ?3, refresh_expires_at = ?4 \
                         WHERE owner_id = ?5 AND refresh_token = ?6",
                        rusqlite::params![
                            access,
                            refresh,
                            expires_at,
                            refresh_expires_at,
                            id,
                            sent
                        ],
                    )
                })
                .await?
            }
            Backend::Postgres(pg) => {
                let client = pg.client().await?;
                let n = client
                    .execute(
                        "UPDATE connect_owners SET access_token = $1, refresh_token = $2, \
                         expires_at = $3, refresh_expires_at = $4 \
                         WHERE owner_id = $5 AND refresh_token = $6",
                        &[
                            &access,
                            &refresh,
                            &expires_at,
                            &refresh_expires_at,
                            &id,
                            &sent,
                        ],
                    )
                    .await
                    .map_err(|e| postgres_error(&e))?;
                usize::try_from(n).unwrap_or(usize::MAX)
            }
        };
        Ok(changed == 1)
    }
}

/// An owner as its columns.
struct Row {
    id: String,
    client_id: String,
    user_id: Option<String>,
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_at: Option<i64>,
    refresh_expires_at: Option<i64>,
    created_at: i64,
}

impl Row {
    fn of(owner: &Owner) -> Row {
        let tokens = owner.tokens.as_ref();
        Row {
            id: owner.id.clone(),
            client_id: owner.client_id.as_str().to_owned(),
            user_id: owner.user_id.as_ref().map(|u| u.as_str().to_owned()),
            access_token: tokens.map(|t| t.access_token().expose_secret().to_owned()),
            refresh_token: tokens.map(|t| t.refresh_token().expose_secret().to_owned()),
            expires_at: tokens.map(|t| unix_seconds(t.expires_at())),
            refresh_expires_at: tokens.map(|t| unix_seconds(t.refresh_expires_at())),
            created_at: unix_seconds(SystemTime::now()),
        }
    }

    fn into_owner(self) -> Result<Owner, StoreError> {
        let bad =
            |what: &str| StoreError(format!("the stored {what} of an owner does not read back"));
        let tokens = match (
            self.access_token,
            self.refresh_token,
            self.expires_at,
            self.refresh_expires_at,
        ) {
            (Some(access), Some(refresh), Some(expires), Some(refresh_expires)) => {
                Some(Tokens::new(
                    AccessToken::new(access).map_err(|_| bad("access token"))?,
                    RefreshToken::new(refresh).map_err(|_| bad("refresh token"))?,
                    from_unix_seconds(expires),
                    from_unix_seconds(refresh_expires),
                ))
            }
            (None, None, None, None) => None,
            _ => return Err(bad("tokens")),
        };
        let _ = self.created_at;
        Ok(Owner {
            id: self.id,
            client_id: self.client_id.parse().map_err(|_| bad("app id"))?,
            user_id: self
                .user_id
                .map(|u| u.parse().map_err(|_| bad("user id")))
                .transpose()?,
            tokens,
        })
    }
}

fn unix_seconds(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn from_unix_seconds(seconds: i64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}

/// Settings and migrations of a new SQLite connection; `file`: WAL and a busy
/// timeout, so that instances sharing the file wait for each other's writes.
fn prepare_sqlite(
    mut connection: rusqlite::Connection,
    file: bool,
) -> Result<rusqlite::Connection, StoreError> {
    if file {
        connection
            .busy_timeout(DATABASE_TIMEOUT)
            .and_then(|()| connection.pragma_update(None, "journal_mode", "WAL"))
            .map_err(|e| sqlite_error(&e))?;
    }
    // IMMEDIATE: the first instance to start migrates, the others wait and see it done.
    let tx = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| sqlite_error(&e))?;
    tx.execute(
        "CREATE TABLE IF NOT EXISTS connect_schema (version BIGINT NOT NULL)",
        [],
    )
    .map_err(|e| sqlite_error(&e))?;
    let done: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM connect_schema",
            [],
            |r| r.get(0),
        )
        .map_err(|e| sqlite_error(&e))?;
    for (version, sql) in (1..).zip(MIGRATIONS) {
        if version > done {
            tx.execute(sql, []).map_err(|e| sqlite_error(&e))?;
            tx.execute(
                "INSERT INTO connect_schema (version) VALUES (?1)",
                [version],
            )
            .map_err(|e| sqlite_error(&e))?;
        }
    }
    tx.commit().map_err(|e| sqlite_error(&e))?;
    Ok(connection)
}

/// Runs `work` on the connection, on a blocking thread.
async fn sqlite<T: Send + 'static>(
    connection: &Arc<Mutex<rusqlite::Connection>>,
    work: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, StoreError> {
    let connection = Arc::clone(connection);
    tokio::task::spawn_blocking(move || {
        // No code holding the lock panics; a poisoned lock still holds a usable connection.
        let connection = connection.lock().unwrap_or_else(PoisonError::into_inner);
        work(&connection).map_err(|e| sqlite_error(&e))
    })
    .await
    .map_err(|e| StoreError(format!("the SQLite call failed: {e}")))?
}

/// A PostgreSQL client, connected on first use and again once it is closed.
struct Postgres {
    config: tokio_postgres::Config,
    client: tokio::sync::Mutex<Option<Arc<tokio_postgres::Client>>>,
}

impl Postgres {
    /// The open client, or a new one (migrated), within [`DATABASE_TIMEOUT`].
    async fn client(&self) -> Result<Arc<tokio_postgres::Client>, StoreError> {
        let mut slot = self.client.lock().await;
        if let Some(client) = slot.as_ref().filter(|c| !c.is_closed()) {
            return Ok(Arc::clone(client));
        }
        *slot = None;
        let connect = self.config.connect(tokio_postgres::NoTls);
        let (mut client, connection) = tokio::time::timeout(DATABASE_TIMEOUT, connect)
            .await
            .map_err(|_| StoreError("PostgreSQL did not answer in time".to_owned()))?
            .map_err(|e| postgres_error(&e))?;
        // The connection task ends when the server goes away; the client is then closed.
        tokio::spawn(connection);
        migrate_postgres(&mut client).await?;
        let client = Arc::new(client);
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }
}

async fn migrate_postgres(client: &mut tokio_postgres::Client) -> Result<(), StoreError> {
    let tx = client.transaction().await.map_err(|e| postgres_error(&e))?;
    // One instance migrates at a time: a lock for the transaction (its number is
    // this app's, arbitrary).
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(7236071); \
         CREATE TABLE IF NOT EXISTS connect_schema (version BIGINT NOT NULL)",
    )
    .await
    .map_err(|e| postgres_error(&e))?;
    let done: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM connect_schema", &[])
        .await
        .and_then(|row| row.try_get(0))
        .map_err(|e| postgres_error(&e))?;
    for (version, sql) in (1_i64..).zip(MIGRATIONS) {
        if version > done {
            tx.batch_execute(sql)
                .await
                .map_err(|e| postgres_error(&e))?;
            tx.execute(
                "INSERT INTO connect_schema (version) VALUES ($1)",
                &[&version],
            )
            .await
            .map_err(|e| postgres_error(&e))?;
        }
    }
    tx.commit().await.map_err(|e| postgres_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(access: &str, refresh: &str) -> Tokens {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        Tokens::new(
            AccessToken::new(access).unwrap(),
            RefreshToken::new(refresh).unwrap(),
            now + Duration::from_secs(7200),
            now + connect_core::token::REFRESH_TOKEN_LIFETIME,
        )
    }

    #[tokio::test]
    async fn a_refresh_is_stored_only_over_the_token_it_sent() {
        let store = TokenStore::in_memory().unwrap();
        let owner = Owner {
            id: "o1".into(),
            client_id: "app-id".parse().unwrap(),
            user_id: Some("u-1".parse().unwrap()),
            tokens: Some(tokens("a0", "r0")),
        };
        store.insert(&owner).await.unwrap();
        let sent = RefreshToken::new("r0").unwrap();
        // The first refresh over r0 wins; a second over the same r0 loses.
        assert!(store
            .replace_tokens("o1", &sent, &tokens("a1", "r1"))
            .await
            .unwrap());
        assert!(!store
            .replace_tokens("o1", &sent, &tokens("a2", "r2"))
            .await
            .unwrap());
        let stored = store.owner("o1").await.unwrap().unwrap();
        let stored_tokens = stored.tokens.unwrap();
        assert_eq!(stored_tokens.refresh_token().expose_secret(), "r1");
        assert_eq!(stored_tokens.expires_at(), tokens("a1", "r1").expires_at());
        assert_eq!(stored.user_id.unwrap().as_str(), "u-1");
        assert!(store.owner("nobody").await.unwrap().is_none());
        // A v3 owner without tokens reads back as one.
        let v3 = Owner {
            id: "o2".into(),
            client_id: "app-id".parse().unwrap(),
            user_id: Some("u-2".parse().unwrap()),
            tokens: None,
        };
        store.insert(&v3).await.unwrap();
        assert!(store.owner("o2").await.unwrap().unwrap().tokens.is_none());
        // An id taken is an error, not a replacement.
        assert!(store.insert(&v3).await.is_err());
    }

    #[tokio::test]
    async fn a_file_is_created_and_migrated_once() {
        let dir = std::env::temp_dir().join(format!("connect-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = DatabaseUrl::Sqlite(dir.join("tokens.sqlite3"));
        let first = TokenStore::open(&url).await.unwrap();
        first
            .insert(&Owner {
                id: "o".into(),
                client_id: "app-id".parse().unwrap(),
                user_id: None,
                tokens: Some(tokens("a", "r")),
            })
            .await
            .unwrap();
        // A second instance (or a restart) opens the same file: migrated once, rows kept.
        let second = TokenStore::open(&url).await.unwrap();
        assert!(second.owner("o").await.unwrap().is_some());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn database_urls() {
        assert_eq!(
            DatabaseUrl::from_env_value(Some("sqlite://tokens.db")),
            Ok(DatabaseUrl::Sqlite("tokens.db".into()))
        );
        assert_eq!(
            DatabaseUrl::from_env_value(Some("sqlite:///var/lib/app/tokens.db")),
            Ok(DatabaseUrl::Sqlite("/var/lib/app/tokens.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::from_env_value(None),
            Ok(DatabaseUrl::Sqlite(path)) if path.ends_with(DEFAULT_SQLITE_FILE)
        ));
        let pg = DatabaseUrl::from_env_value(Some("postgres://app:pw@db:5432/connect")).unwrap();
        assert_eq!(pg.to_string(), "PostgreSQL at db:5432/connect");
        let error = DatabaseUrl::from_env_value(Some("mysql://root:pw@db/x")).unwrap_err();
        assert_eq!(
            error,
            "DATABASE_URL must be sqlite://PATH or postgres://USER@HOST/DATABASE; its scheme is \"mysql\""
        );
        assert!(DatabaseUrl::from_env_value(Some("sqlite://")).is_err());
    }
}

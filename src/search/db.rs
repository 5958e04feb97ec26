//! The full-text index and the lookups behind the search page.

use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

use crate::db::Backend;

/// Whose cases a search may return: a partner's, a team's, or every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    All,
    Team(i64),
    Partner(i64),
}

impl Within {
    /// The condition on `c` (cases) and its value, if any.
    fn condition(self) -> Option<(&'static str, i64)> {
        match self {
            Within::All => None,
            Within::Team(team) => Some(("c.team_id", team)),
            Within::Partner(partner) => Some(("c.partner_id", partner)),
        }
    }
}

/// Rewrites a case's search document from the case, its customer and its contacts. Called
/// in the transaction of every change to any of them: one statement, which makes the
/// document as it writes it ([`DOCUMENT`]).
pub async fn reindex(conn: &mut AnyConnection, case_id: i64) -> Result<(), sqlx::Error> {
    let sql = if Backend::of(conn) == Backend::Postgres {
        // The words alone are kept (migration 0043), made from the document as it is written.
        format!(
            "INSERT INTO case_search (case_id, doc) SELECT d.id, to_tsvector('simple', d.body) FROM ({DOCUMENT}) d \
             ON CONFLICT (case_id) DO UPDATE SET doc = excluded.doc"
        )
    } else {
        // FTS5 takes REPLACE on its rowid: the old document's words go with it.
        format!("INSERT OR REPLACE INTO case_search (rowid, body) {DOCUMENT}")
    };
    sqlx::query(AssertSqlSafe(sql)).bind(case_id).execute(&mut *conn).await?;
    Ok(())
}

/// PostgreSQL, for a bulk load of documents (`demo::history`): a temporary table of the
/// transaction for their text, its name, and the statement that moves them in as words,
/// made as [`reindex`] makes them (the 'simple' configuration: no stemming, as SQLite's).
pub const POSTGRES_TEXT_TABLE: &str =
    "CREATE TEMPORARY TABLE case_search_text (case_id BIGINT NOT NULL, body TEXT NOT NULL) ON COMMIT DROP";
pub const POSTGRES_TEXT_NAME: &str = "case_search_text";
pub const POSTGRES_WORDS_FROM_TEXT: &str =
    "INSERT INTO case_search (case_id, doc) SELECT case_id, to_tsvector('simple', body) FROM case_search_text";

/// Merges SQLite's full-text index into one segment, after history loaded in bulk. The
/// index keeps what each transaction adds as a segment of its own and merges segments a
/// little at a time as new ones come; a bulk load leaves a few very large ones, and the
/// first cases made after it would pay for merging them (at 20,000 cases, about a quarter
/// of the work of the first hundred: docs/benchmarks.md, 7 December). Merged now, the
/// live cases' segments merge among themselves. PostgreSQL's index needs nothing.
pub async fn merge_all(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    if Backend::of(conn) == Backend::Sqlite {
        sqlx::query("INSERT INTO case_search (case_search) VALUES ('optimize')").execute(&mut *conn).await?;
    }
    Ok(())
}

/// Drops the search documents of cases whose words are gone (anonymised): nothing in
/// them is left to find, and a case is still opened by its reference. One statement for
/// the lot.
pub async fn forget(conn: &mut AnyConnection, case_ids: &[i64]) -> Result<(), sqlx::Error> {
    if case_ids.is_empty() {
        return Ok(());
    }
    // Numbers only, never text: safe to write into the statement.
    let list = case_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let column = if Backend::of(conn) == Backend::Postgres { "case_id" } else { "rowid" };
    sqlx::query(AssertSqlSafe(format!("DELETE FROM case_search WHERE {column} IN ({list})")))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The words a case is found by: what it is about, where, who, and every contact's
/// subject, words and reason (the customer's reason in their own words, as an adviser
/// wrote it), oldest first, joined by spaces. Its id and its document, for case `$1`: no
/// row when there is no such case. `concat_ws` leaves out what is NULL; both databases
/// have it and `string_agg` with an order (SQLite since 3.44).
const DOCUMENT: &str = "SELECT c.id, concat_ws(' ', c.description, c.address, c.postcode, u.name, u.email, u.phone, \
     (SELECT string_agg(concat_ws(' ', k.subject, k.body, k.reason), ' ' ORDER BY k.id) FROM contacts k \
     WHERE k.case_id = c.id)) AS body FROM cases c LEFT JOIN customers u ON u.id = c.customer_id WHERE c.id = $1";

/// A case's search document as [`reindex`] writes it.
pub async fn document(conn: &mut AnyConnection, case_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(DOCUMENT).bind(case_id).fetch_optional(&mut *conn).await?;
    row.map(|r| r.try_get("body")).transpose()
}

/// Cases whose document has every word, best match first, at most `limit`.
pub async fn words(pool: &AnyPool, words: &[String], within: Within, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let postgres = Backend::of(&conn) == Backend::Postgres;
    let scope = within.condition().map(|(column, _)| format!(" AND {column} = $2")).unwrap_or_default();
    let (sql, text) = if postgres {
        (
            format!(
                "SELECT s.case_id AS id FROM case_search s JOIN cases c ON c.id = s.case_id \
                 WHERE s.doc @@ plainto_tsquery('simple', $1){scope} \
                 ORDER BY ts_rank(s.doc, plainto_tsquery('simple', $1)) DESC, s.case_id DESC LIMIT {limit}"
            ),
            words.join(" "),
        )
    } else {
        // Each word quoted, so nothing typed is read as FTS5 syntax.
        let query: Vec<String> = words.iter().map(|w| format!("\"{}\"", w.replace('"', ""))).collect();
        (
            format!(
                "SELECT case_search.rowid AS id FROM case_search JOIN cases c ON c.id = case_search.rowid \
                 WHERE case_search MATCH $1{scope} ORDER BY case_search.rank, case_search.rowid DESC LIMIT {limit}"
            ),
            query.join(" "),
        )
    };
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql)).bind(text);
    if let Some((_, value)) = within.condition() {
        query = query.bind(value);
    }
    query.fetch_all(&mut *conn).await
}

/// The cases at a postcode, newest first.
pub async fn at_postcode(pool: &AnyPool, postcode: &str, within: Within, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let scope = within.condition().map(|(column, _)| format!(" AND {column} = $2")).unwrap_or_default();
    let sql = format!("SELECT c.id FROM cases c WHERE c.postcode = $1{scope} ORDER BY c.id DESC LIMIT {limit}");
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql)).bind(postcode.to_owned());
    if let Some((_, value)) = within.condition() {
        query = query.bind(value);
    }
    query.fetch_all(pool).await
}

/// The cases of the live customers with this email address or phone number, newest first.
pub async fn of_customers(
    pool: &AnyPool,
    column: CustomerColumn,
    value: &str,
    within: Within,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let scope = within.condition().map(|(column, _)| format!(" AND {column} = $2")).unwrap_or_default();
    let column = match column {
        CustomerColumn::Email => "email",
        CustomerColumn::Phone => "phone",
    };
    let sql = format!(
        "SELECT c.id FROM cases c WHERE c.customer_id IN \
         (SELECT COALESCE(merged_into, id) FROM customers WHERE {column} = $1){scope} ORDER BY c.id DESC LIMIT {limit}"
    );
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql)).bind(value.to_owned());
    if let Some((_, value)) = within.condition() {
        query = query.bind(value);
    }
    query.fetch_all(pool).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerColumn {
    Email,
    Phone,
}

/// Live customer records with this email, phone or exact name: (id, name, email, phone).
pub async fn customers(
    pool: &AnyPool,
    condition: CustomerMatch<'_>,
    limit: i64,
) -> Result<Vec<(i64, String, Option<String>, Option<String>)>, sqlx::Error> {
    let (clause, value) = match condition {
        CustomerMatch::Email(email) => ("email = $1", email),
        CustomerMatch::Phone(phone) => ("phone = $1", phone),
        CustomerMatch::Name(name) => ("lower(name) = lower($1)", name),
    };
    let sql = format!(
        "SELECT id, name, email, phone FROM customers WHERE {clause} AND merged_into IS NULL ORDER BY id DESC LIMIT {limit}"
    );
    sqlx::query_as(AssertSqlSafe(sql)).bind(value.to_owned()).fetch_all(pool).await
}

#[derive(Debug, Clone, Copy)]
pub enum CustomerMatch<'a> {
    Email(&'a str),
    Phone(&'a str),
    Name(&'a str),
}

//! Open311's requests and updates as rows: one request, a page of them chosen by the
//! specification's filters, a token's case, and the public updates in a window.

use sqlx::AnyPool;

use crate::db::sql::{Bound, Sql};

crate::db::sql::row_struct! {
    /// A case as a request shows it.
    #[derive(Debug)]
    pub struct Request {
        pub id: i64,
        pub status: String,
        pub description: String,
        pub address: Option<String>,
        pub postcode: Option<String>,
        pub uprn: Option<i64>,
        /// The ward's code (ONS), from the postcode.
        pub ward: Option<String>,
        pub lat_e7: Option<i64>,
        pub lng_e7: Option<i64>,
        pub partner_id: Option<i64>,
        pub created_at: i64,
        pub updated_at: i64,
        pub service_code: String,
        pub service_name: String,
        pub agency: String,
        /// 1 when anyone may read it without a key (its service's `public_requests`).
        pub public: i64,
    }
}

const COLUMNS: &str = "SELECT c.id, c.status, c.description, c.address, c.postcode, c.uprn, c.ward, c.lat_e7, \
     c.lng_e7, c.partner_id, c.created_at, c.updated_at, s.code AS service_code, s.name AS service_name, \
     COALESCE(p.name, t.name) AS agency, s.public_requests AS public";

const JOINS: &str = "JOIN services s ON s.id = c.service_id \
     JOIN teams t ON t.id = c.team_id LEFT JOIN partners p ON p.id = c.partner_id";

/// One service request, by case id.
pub async fn one(pool: &AnyPool, case_id: i64) -> Result<Option<Request>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} FROM cases c {JOINS} WHERE c.case_type = 'service_request' AND c.id = $1"
    )))
    .bind(case_id)
    .fetch_optional(pool)
    .await
}

/// Which requests a list asks for.
#[derive(Debug, Default)]
pub struct Filter {
    /// Named requests: the specification says these override every other filter.
    pub ids: Option<Vec<i64>>,
    pub service_code: Option<String>,
    /// `Some(true)` open only, `Some(false)` closed only.
    pub open: Option<bool>,
    pub from: i64,
    pub until: i64,
    /// A partner's key sees only its cases.
    pub partner: Option<i64>,
    /// No key: only the requests of services whose requests anyone may read.
    pub public_only: bool,
    pub limit: i64,
    pub offset: i64,
}

/// A page of requests, newest first. The page's cases are chosen from the cases table
/// alone, by its created_at index, and only then joined to their names: with the joins in
/// one query the planner may start from the teams and sort every case (1.4 s at a million).
pub async fn page(pool: &AnyPool, filter: &Filter) -> Result<Vec<Request>, sqlx::Error> {
    let mut q = Sql::new("SELECT c.id FROM cases c WHERE c.case_type = 'service_request'");
    if let Some(ids) = &filter.ids {
        q.push(" AND c.id IN (");
        for (i, id) in ids.iter().enumerate() {
            q.push(if i == 0 { "" } else { ", " }).bind(Bound::Int(*id));
        }
        q.push(")");
    } else {
        if let Some(code) = &filter.service_code {
            q.push(" AND c.service_id = (SELECT id FROM services WHERE code = ").bind(Bound::Text(code.clone()));
            q.push(")");
        }
        match filter.open {
            Some(true) => {
                q.push(" AND c.status NOT IN ('resolved', 'closed')");
            }
            Some(false) => {
                q.push(" AND c.status IN ('resolved', 'closed')");
            }
            None => {}
        }
        q.push(" AND c.created_at >= ").bind(Bound::Int(filter.from));
        q.push(" AND c.created_at <= ").bind(Bound::Int(filter.until));
    }
    if let Some(partner) = filter.partner {
        q.push(" AND c.partner_id = ").bind(Bound::Int(partner));
    }
    if filter.public_only {
        q.push(" AND c.service_id IN (SELECT id FROM services WHERE public_requests = 1)");
    }
    q.push(" ORDER BY c.created_at DESC, c.id DESC LIMIT ").bind(Bound::Int(filter.limit));
    q.push(" OFFSET ").bind(Bound::Int(filter.offset));
    let chosen = std::mem::take(&mut q.text);
    q.text = format!(
        "{COLUMNS} FROM ({chosen}) k JOIN cases c ON c.id = k.id {JOINS} ORDER BY c.created_at DESC, c.id DESC"
    );
    q.fetch_all(pool).await
}

/// The case a token (given when a request was made) became, and its partner.
pub async fn token(pool: &AnyPool, token: &str) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.case_id, c.partner_id FROM api_requests r JOIN cases c ON c.id = r.case_id WHERE r.token = $1",
    )
    .bind(token)
    .fetch_optional(pool)
    .await
}

/// The clocks still counting on some cases, with their due times: (case id, standard id,
/// standard version, due). A missed clock still counts until the case is dealt with; a
/// paused one does not.
pub async fn running_due(pool: &AnyPool, case_ids: &[i64]) -> Result<Vec<(i64, String, i64, i64)>, sqlx::Error> {
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(
        "SELECT case_id, standard_id, standard_version, due_at FROM clocks WHERE stopped_at IS NULL AND state IN ('running', 'missed') \
         AND due_at IS NOT NULL AND case_id IN (",
    );
    for (i, id) in case_ids.iter().enumerate() {
        q.push(if i == 0 { "" } else { ", " }).bind(Bound::Int(*id));
    }
    q.push(")");
    q.fetch_all(pool).await
}

crate::db::sql::row_struct! {
    /// A public status change or message on a service request.
    #[derive(Debug)]
    pub struct Update {
        pub id: i64,
        pub case_id: i64,
        pub at: i64,
        pub body: Option<String>,
        pub to_status: Option<i64>,
        pub status: String,
        pub partner_id: Option<i64>,
    }
}

/// The public updates in a window, oldest first. The partial index on public status
/// changes (2) and messages (5), by time, answers this whatever the size of the history.
pub async fn updates(
    pool: &AnyPool,
    from: i64,
    until: i64,
    partner: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Update>, sqlx::Error> {
    let mut q = Sql::new(
        "SELECT e.id, e.case_id, e.at, e.body, e.to_status, c.status, c.partner_id FROM case_events e \
         JOIN cases c ON c.id = e.case_id WHERE e.public = 1 AND e.kind IN (2, 5) \
         AND c.case_type = 'service_request' AND e.at >= ",
    );
    q.bind(Bound::Int(from)).push(" AND e.at <= ").bind(Bound::Int(until));
    if let Some(partner) = partner {
        q.push(" AND c.partner_id = ").bind(Bound::Int(partner));
    }
    q.push(" ORDER BY e.at, e.id LIMIT ").bind(Bound::Int(limit));
    q.push(" OFFSET ").bind(Bound::Int(offset));
    q.fetch_all(pool).await
}

/// Records the token a request was given, for token lookups, in the transaction that
/// made its case.
pub async fn record_token(
    conn: &mut sqlx::AnyConnection,
    token: &str,
    case_id: i64,
    key_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO api_requests (token, case_id, api_key_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token)
        .bind(case_id)
        .bind(key_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

//! Cases, customers and services as the JSON API shows them, and the queries behind
//! them. Lists page by keyset (newest case first, `after` the last one seen), so a page
//! costs the same however long the history.

use serde::Serialize;
use sqlx::AnyPool;
use utoipa::ToSchema;

use super::feed::{Event, rfc3339};
use crate::cases::{CaseRef, CaseType, Location, Status};
use crate::db::sql::{Bound, Sql};
use crate::reference::Prefix;

/// A case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseOut {
    #[schema(example = "KMB-4K7-9QX")]
    pub reference: String,
    /// `service_request`, `enquiry`, `complaint`, `foi`, `eir` or `sar`.
    pub case_type: String,
    /// `received`, `acknowledged`, `in_progress`, `waiting_for_customer`, `resolved`,
    /// `closed` or `reopened`.
    pub status: String,
    pub open: bool,
    /// The service's code.
    pub service: String,
    pub service_name: String,
    pub channel: String,
    pub priority: String,
    pub description: String,
    /// The team that owns it.
    pub team: String,
    /// The partner (contractor) working on it, if any.
    pub partner: Option<String>,
    pub customer_id: Option<i64>,
    pub place: Location,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// The next deadline of its service standards' clocks, while it is open.
    #[schema(format = DateTime)]
    pub due_at: Option<String>,
    /// Everything that happened to it, oldest first: on a single case, not in lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Event>>,
}

crate::db::sql::row_struct! {
    #[derive(Debug)]
    struct Row {
        id: i64,
        case_type: String,
        status: String,
        channel: String,
        priority: String,
        description: String,
        address: Option<String>,
        postcode: Option<String>,
        uprn: Option<i64>,
        ward: Option<String>,
        lat_e7: Option<i64>,
        lng_e7: Option<i64>,
        customer_id: Option<i64>,
        partner_id: Option<i64>,
        created_at: i64,
        updated_at: i64,
        queue_due_at: Option<i64>,
        service_code: String,
        service_name: String,
        team: String,
        partner: Option<String>,
    }
}

const COLUMNS: &str = "SELECT c.id, c.case_type, c.status, c.channel, c.priority, c.description, c.address, \
     c.postcode, c.uprn, c.ward, c.lat_e7, c.lng_e7, c.customer_id, c.partner_id, c.created_at, c.updated_at, \
     c.queue_due_at, s.code AS service_code, s.name AS service_name, t.name AS team, p.name AS partner";

const JOINS: &str = "JOIN services s ON s.id = c.service_id JOIN teams t ON t.id = c.team_id \
     LEFT JOIN partners p ON p.id = c.partner_id";

fn out(prefix: &Prefix, row: Row) -> (CaseOut, Option<i64>) {
    let open = Status::parse(&row.status).is_some_and(Status::is_open);
    let e7 = |v: Option<i64>| v.map(crate::cases::db::from_e7);
    let case = CaseOut {
        reference: CaseRef::from_id(prefix, row.id).to_string(),
        case_type: row.case_type,
        status: row.status,
        open,
        service: row.service_code,
        service_name: row.service_name,
        channel: row.channel,
        priority: row.priority,
        description: row.description,
        team: row.team,
        partner: row.partner,
        customer_id: row.customer_id,
        place: Location {
            address: row.address,
            postcode: row.postcode,
            uprn: row.uprn,
            ward: row.ward,
            lat: e7(row.lat_e7),
            lng: e7(row.lng_e7),
        },
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        due_at: crate::cases::queue::deadline(row.queue_due_at).filter(|_| open).map(rfc3339),
        events: None,
    };
    (case, row.partner_id)
}

/// One case with its events, and its partner (to check a partner key against).
pub async fn one(pool: &AnyPool, prefix: &Prefix, id: i64) -> Result<Option<(CaseOut, Option<i64>)>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} FROM cases c {JOINS} WHERE c.id = $1")))
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let (mut case, partner) = out(prefix, row);
    case.events = Some(super::feed::of_case(pool, prefix, id).await?);
    Ok(Some((case, partner)))
}

/// What a list of cases is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub case_type: Option<CaseType>,
    pub service: Option<String>,
    pub open: Option<bool>,
    pub partner: Option<i64>,
    /// The id of the last case of the page before.
    pub after: Option<i64>,
}

/// A page of cases, newest first, and whether there are more.
pub async fn list(
    pool: &AnyPool,
    prefix: &Prefix,
    f: &Filter,
    limit: i64,
) -> Result<(Vec<CaseOut>, bool), sqlx::Error> {
    // The page's ids come from the cases table alone, by its primary key, and only then
    // are joined to their names (as Open311's list does).
    let mut q = Sql::new("SELECT c.id FROM cases c WHERE 1 = 1");
    if let Some(status) = f.status {
        q.push(" AND c.status = ").bind(Bound::Text(status.as_str().to_owned()));
    }
    if let Some(case_type) = f.case_type {
        // The code is the vocabulary's own, never the caller's text. Written out, so the
        // planner can see a rarer type is in the partial index cases_type_idx.
        q.push(&format!(" AND c.case_type = '{}'", case_type.as_str()));
        if case_type != CaseType::ServiceRequest {
            q.push(" AND c.case_type <> 'service_request'");
        }
    }
    if let Some(service) = &f.service {
        q.push(" AND c.service_id = (SELECT id FROM services WHERE code = ").bind(Bound::Text(service.clone()));
        q.push(")");
    }
    match f.open {
        Some(true) => q.push(" AND c.status NOT IN ('resolved', 'closed')"),
        Some(false) => q.push(" AND c.status IN ('resolved', 'closed')"),
        None => &mut q,
    };
    if let Some(partner) = f.partner {
        q.push(" AND c.partner_id = ").bind(Bound::Int(partner));
    }
    if let Some(after) = f.after {
        q.push(" AND c.id < ").bind(Bound::Int(after));
    }
    q.push(" ORDER BY c.id DESC LIMIT ").bind(Bound::Int(limit + 1));
    let chosen = std::mem::take(&mut q.text);
    q.text = format!("{COLUMNS} FROM ({chosen}) k JOIN cases c ON c.id = k.id {JOINS} ORDER BY c.id DESC");
    let mut rows: Vec<Row> = q.fetch_all(pool).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows.into_iter().map(|row| out(prefix, row).0).collect(), more))
}

/// A customer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerOut {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// Their cases' references, newest first (at most 100).
    pub cases: Vec<String>,
}

/// The customers with this email address or phone number (as intake stores them), at
/// most 20; a record merged into another is found as the one it was merged into.
pub async fn find_customers(
    pool: &AnyPool,
    prefix: &Prefix,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Vec<CustomerOut>, sqlx::Error> {
    let (column, value) = match (email, phone) {
        (Some(email), _) => ("email", email),
        (None, Some(phone)) => ("phone", phone),
        (None, None) => return Ok(Vec::new()),
    };
    let ids: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT COALESCE(merged_into, id) FROM customers WHERE {column} = $1 ORDER BY 1 LIMIT 20"
    )))
    .bind(value)
    .fetch_all(pool)
    .await?;
    let mut found = Vec::new();
    for id in ids {
        found.extend(customer(pool, prefix, id).await?);
    }
    Ok(found)
}

/// A customer and their latest cases. A record merged into another is not found: its
/// cases moved with it.
pub async fn customer(pool: &AnyPool, prefix: &Prefix, id: i64) -> Result<Option<CustomerOut>, sqlx::Error> {
    let Some(row) = crate::customers::db::get(pool, id).await?.filter(|c| c.merged_into.is_none()) else {
        return Ok(None);
    };
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE customer_id = $1 ORDER BY id DESC LIMIT 100")
        .bind(id)
        .fetch_all(pool)
        .await?;
    Ok(Some(CustomerOut {
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        address: row.address,
        postcode: row.postcode,
        cases: ids.into_iter().map(|id| CaseRef::from_id(prefix, id).to_string()).collect(),
    }))
}

//! Customer queries.

use sqlx::any::AnyRow;

use crate::db::sql::Sql;
use sqlx::{AnyConnection, AnyPool, Row};

use super::{Customer, CustomerDetails, Likeness, MergeError, Suggestion};
use crate::cases::db::NewEvent;
use crate::cases::{Actor, EventKind};
use crate::casework::append_event;

/// The id of the customer with this email, phone or property, or of a new record. A
/// record merged into another leads to the one kept.
pub async fn find_or_create(conn: &mut AnyConnection, details: &CustomerDetails, now: i64) -> Result<i64, sqlx::Error> {
    Ok(find_or_add(conn, details, now).await?.0)
}

/// [`find_or_create`], and whether the record is new: a new one holds exactly `details`.
pub async fn find_or_add(
    conn: &mut AnyConnection,
    details: &CustomerDetails,
    now: i64,
) -> Result<(i64, bool), sqlx::Error> {
    // Email identifies a person. A phone only does when no email was given: a household
    // landline is shared, so it must not pull one person's case onto another's record.
    // A property, likewise, only when neither was.
    let find = "SELECT COALESCE(merged_into, id) FROM customers WHERE";
    let found: Option<i64> = match (&details.email, &details.phone, details.uprn) {
        (Some(email), _, _) => {
            let sql = format!("{find} email = $1 ORDER BY id LIMIT 1");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(&mut *conn).await?
        }
        (None, Some(phone), _) => {
            let sql = format!("{find} phone = $1 ORDER BY id LIMIT 1");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(phone).fetch_optional(&mut *conn).await?
        }
        (None, None, Some(uprn)) => {
            let sql = format!("{find} uprn = $1 ORDER BY id LIMIT 1");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(uprn).fetch_optional(&mut *conn).await?
        }
        // A letter writer with only a postal address: the same name at the same address.
        (None, None, None) => match (&details.address, &details.postcode) {
            (Some(address), Some(postcode)) => {
                let sql =
                    format!("{find} postcode = $1 AND address = $2 AND lower(name) = lower($3) ORDER BY id LIMIT 1");
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(postcode)
                    .bind(address)
                    .bind(&details.name)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            _ => None,
        },
    };
    if let Some(id) = found {
        // A postal address given now is where they live now; asking for post or large
        // print is kept until staff change it on the record.
        if let (Some(address), Some(postcode)) = (&details.address, &details.postcode) {
            sqlx::query("UPDATE customers SET address = $1, postcode = $2, updated_at = $3 WHERE id = $4")
                .bind(address)
                .bind(postcode)
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        if details.prefers_post || details.large_print {
            sqlx::query(
                "UPDATE customers SET prefers_post = CASE WHEN $1 = 1 THEN 1 ELSE prefers_post END, \
                 large_print = CASE WHEN $2 = 1 THEN 1 ELSE large_print END, updated_at = $3 WHERE id = $4",
            )
            .bind(i64::from(details.prefers_post))
            .bind(i64::from(details.large_print))
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
        // Found by email with a phone number given: the number is the one to call now (a
        // callback needs it), so the record takes it. A property fills a gap only.
        if let (Some(_), Some(phone)) = (&details.email, &details.phone) {
            sqlx::query(
                "UPDATE customers SET phone = $1, updated_at = $2 WHERE id = $3 AND (phone IS NULL OR phone <> $1)",
            )
            .bind(phone)
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        }
        if let Some(uprn) = details.uprn {
            sqlx::query("UPDATE customers SET uprn = $1, updated_at = $2 WHERE id = $3 AND uprn IS NULL")
                .bind(uprn)
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        return Ok((id, false));
    }
    let id = sqlx::query_scalar(
        "INSERT INTO customers (name, email, phone, address, postcode, uprn, prefers_post, large_print, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $8, $9, $7, $7) RETURNING id",
    )
    .bind(&details.name)
    .bind(details.email.as_deref())
    .bind(details.phone.as_deref())
    .bind(details.address.as_deref())
    .bind(details.postcode.as_deref())
    .bind(details.uprn)
    .bind(now)
    .bind(i64::from(details.prefers_post))
    .bind(i64::from(details.large_print))
    .fetch_one(conn)
    .await?;
    Ok((id, true))
}

/// Sets where and how a customer is written to: their postal address (or none) and
/// whether they asked for post and for large print. An adjustment in force ("letter, not
/// email", large print) keeps its flag set whatever the form said: it is ended on its own.
pub async fn set_post(
    conn: &mut AnyConnection,
    id: i64,
    post: Option<(&str, &str)>,
    prefers_post: bool,
    large_print: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE customers SET address = $1, postcode = $2, \
         prefers_post = CASE WHEN $3 = 1 OR EXISTS (SELECT 1 FROM customer_needs n WHERE n.customer_id = $6 \
         AND n.code = 'letter_not_email' AND n.ended_at IS NULL) THEN 1 ELSE 0 END, \
         large_print = CASE WHEN $4 = 1 OR EXISTS (SELECT 1 FROM customer_needs n WHERE n.customer_id = $6 \
         AND n.code = 'large_print' AND n.ended_at IS NULL) THEN 1 ELSE 0 END, updated_at = $5 WHERE id = $6",
    )
    .bind(post.map(|p| p.0))
    .bind(post.map(|p| p.1))
    .bind(i64::from(prefers_post))
    .bind(i64::from(large_print))
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, name, email, phone, address, postcode, uprn, prefers_post, large_print, prefers_phone, merged_into, \
     erased_at, created_at";

fn customer(row: &AnyRow) -> Result<Customer, sqlx::Error> {
    Ok(Customer {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        address: row.try_get("address")?,
        postcode: row.try_get("postcode")?,
        uprn: row.try_get("uprn")?,
        prefers_post: row.try_get::<i64, _>("prefers_post")? != 0,
        large_print: row.try_get::<i64, _>("large_print")? != 0,
        prefers_phone: row.try_get::<i64, _>("prefers_phone")? != 0,
        merged_into: row.try_get("merged_into")?,
        erased_at: row.try_get("erased_at")?,
        created_at: row.try_get("created_at")?,
    })
}

pub async fn get<'c, E>(conn: E, id: i64) -> Result<Option<Customer>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(customer).transpose()
}

/// Most suggestions shown for one record.
pub const SUGGESTIONS: i64 = 10;

/// Other live records that may be the same customer: the same email address, phone
/// number or property, or the same name. Each lookup is by an index and capped, so the
/// cost does not grow with the number of customers.
pub async fn likely_duplicates(pool: &AnyPool, of: &Customer) -> Result<Vec<Suggestion>, sqlx::Error> {
    let mut found: Vec<Suggestion> = Vec::new();
    let checks: [(Likeness, &str, Option<String>); 4] = [
        (Likeness::SameEmail, "email = $2", of.email.clone()),
        (Likeness::SamePhone, "phone = $2", of.phone.clone()),
        (Likeness::SameProperty, "uprn = $2", of.uprn.map(|u| u.to_string())),
        (Likeness::SameName, "lower(name) = lower($2)", Some(of.name.clone())),
    ];
    for (likeness, condition, value) in checks {
        let Some(value) = value else { continue };
        let sql = format!(
            "SELECT {COLUMNS} FROM customers WHERE {condition} AND id <> $1 AND merged_into IS NULL \
             ORDER BY id DESC LIMIT {SUGGESTIONS}"
        );
        let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(of.id);
        // A UPRN is a number; the rest are text.
        let query = match likeness {
            Likeness::SameProperty => query.bind(of.uprn),
            _ => query.bind(value),
        };
        for row in query.fetch_all(pool).await? {
            let other = customer(&row)?;
            match found.iter_mut().find(|s| s.customer.id == other.id) {
                Some(suggestion) => suggestion.reasons.push(likeness),
                None => found.push(Suggestion { customer: other, reasons: vec![likeness] }),
            }
        }
    }
    // The strongest first: more reasons, then the stronger reason, then the newest.
    found.sort_by(|a, b| {
        b.reasons
            .len()
            .cmp(&a.reasons.len())
            .then(a.reasons[0].cmp(&b.reasons[0]))
            .then(b.customer.id.cmp(&a.customer.id))
    });
    found.truncate(SUGGESTIONS as usize);
    Ok(found)
}

/// Merges the record `merged` into `kept`, in the caller's transaction: every case,
/// contact and outgoing message moves to the kept record, which also takes any details
/// it lacked. Each moved case gets an internal event. The merged record stays, pointing
/// at the kept one, so its email address or phone number still finds the customer.
/// Returns how many cases moved.
pub async fn merge(
    conn: &mut AnyConnection,
    rules: &crate::standards::Rules,
    kept: i64,
    merged: i64,
    by: Actor,
    now: i64,
) -> Result<usize, MergeError> {
    if kept == merged {
        return Err(MergeError::Same);
    }
    let keep = get(&mut *conn, kept).await?.ok_or(MergeError::Missing(kept))?;
    let gone = get(&mut *conn, merged).await?.ok_or(MergeError::Missing(merged))?;
    for record in [&keep, &gone] {
        if record.merged_into.is_some() {
            return Err(MergeError::AlreadyMerged(record.id));
        }
    }
    let cases: Vec<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE customer_id = $1 ORDER BY id")
        .bind(merged)
        .fetch_all(&mut *conn)
        .await?;
    for table in ["cases", "contacts", "outbox"] {
        let sql = format!("UPDATE {table} SET customer_id = $1 WHERE customer_id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(kept).bind(merged).execute(&mut *conn).await?;
    }
    sqlx::query(
        "UPDATE customers SET email = COALESCE(email, $2), phone = COALESCE(phone, $3), \
         address = COALESCE(address, $4), postcode = COALESCE(postcode, $5), uprn = COALESCE(uprn, $6), \
         updated_at = $7 WHERE id = $1",
    )
    .bind(kept)
    .bind(gone.email.as_deref())
    .bind(gone.phone.as_deref())
    .bind(gone.address.as_deref())
    .bind(gone.postcode.as_deref())
    .bind(gone.uprn)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // Records merged earlier into the one going now point straight at the one kept.
    sqlx::query("UPDATE customers SET merged_into = $1 WHERE merged_into = $2 OR id = $2")
        .bind(kept)
        .bind(merged)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE customers SET merged_at = $1, merged_by = $2, updated_at = $1 WHERE id = $3")
        .bind(now)
        .bind(by.id)
        .bind(merged)
        .execute(&mut *conn)
        .await?;
    let body = format!(
        "Customer record {merged} ({}) was merged into record {kept} ({}). Every contact was kept.",
        gone.name, keep.name
    );
    for case_id in &cases {
        let event = NewEvent {
            actor: by,
            kind: EventKind::CustomerMerged,
            public: false,
            body: Some(&body),
            from_status: None,
            to_status: None,
        };
        append_event(&mut *conn, *case_id, &event, rules, now).await?;
        crate::search::db::reindex(&mut *conn, *case_id).await?;
    }
    Ok(cases.len())
}

/// How long a "that's me" link from an email lasts.
pub const LINK_LIFETIME_MS: i64 = 90 * 24 * 3_600_000;

/// A new link token for a customer, for an email to them; only its hash is stored.
pub async fn new_link(conn: &mut AnyConnection, customer_id: i64, now: i64) -> Result<String, sqlx::Error> {
    let token = crate::crypto::new_token();
    sqlx::query("INSERT INTO customer_links (token_hash, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(crate::crypto::token_hash(&token))
        .bind(customer_id)
        .bind(now)
        .bind(now + LINK_LIFETIME_MS)
        .execute(conn)
        .await?;
    Ok(token)
}

/// The live customer a link token stands for, following a merge to the record kept.
pub async fn by_link(pool: &AnyPool, token: &str, now: i64) -> Result<Option<Customer>, sqlx::Error> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT COALESCE(c.merged_into, c.id) FROM customer_links l JOIN customers c ON c.id = l.customer_id \
         WHERE l.token_hash = $1 AND l.expires_at > $2",
    )
    .bind(crate::crypto::token_hash(token))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    match id {
        Some(id) => get(pool, id).await,
        None => Ok(None),
    }
}

/// Whether any of the customer's cases is with this team: the rule by which a caseworker
/// or team lead may see the customer's record.
pub async fn has_case_with_team(pool: &AnyPool, customer_id: i64, team_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE customer_id = $1 AND team_id = $2 LIMIT 1")
        .bind(customer_id)
        .bind(team_id)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// Who read a customer's record: a member of staff, or a system by its API key.
#[derive(Debug, Clone, Copy)]
pub enum Viewer {
    Staff(i64),
    ApiKey(i64),
}

/// Writes one line of the customer access log: who looked at which record, at what, and
/// why they could see it.
pub async fn record_view(
    pool: &AnyPool,
    customer_id: i64,
    viewer: Viewer,
    what: &str,
    why: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (staff, key) = match viewer {
        Viewer::Staff(id) => (Some(id), None),
        Viewer::ApiKey(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO customer_views (customer_id, staff_id, api_key_id, at, what, why) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(customer_id)
    .bind(staff)
    .bind(key)
    .bind(now)
    .bind(what)
    .bind(why)
    .execute(pool)
    .await?;
    Ok(())
}

/// One line of the customer access log.
#[derive(Debug, Clone)]
pub struct CustomerAccess {
    pub id: i64,
    pub at: i64,
    pub customer_id: i64,
    /// The member of staff's name and email, or the API key's name and first characters.
    pub who: String,
    pub role: Option<String>,
    pub what: String,
    pub why: String,
}

/// The customer access log, newest first: everyone's, one record's, or one person's; a
/// page of `limit` before the entry `before`.
pub async fn access_log(
    pool: &AnyPool,
    customer_id: Option<i64>,
    staff_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<CustomerAccess>, sqlx::Error> {
    let mut q = Sql::new(
        "SELECT v.id, v.at, v.customer_id, v.what, v.why, s.name, s.email, s.role, k.name AS key_name, k.shown \
         FROM customer_views v LEFT JOIN staff_users s ON s.id = v.staff_id \
         LEFT JOIN api_keys k ON k.id = v.api_key_id",
    );
    q.where_given(&[("v.customer_id = ", customer_id), ("v.staff_id = ", staff_id), ("v.id < ", before)]);
    q.push(&format!(" ORDER BY v.id DESC LIMIT {limit}"));
    let rows = q.fetch_rows(pool).await?;
    rows.iter()
        .map(|row| {
            let staff: Option<String> = row.try_get("name")?;
            let who = match staff {
                Some(name) => format!("{name} ({})", row.try_get::<String, _>("email")?),
                None => format!(
                    "API key {} ({}…)",
                    row.try_get::<Option<String>, _>("key_name")?.unwrap_or_default(),
                    row.try_get::<Option<String>, _>("shown")?.unwrap_or_default()
                ),
            };
            Ok(CustomerAccess {
                id: row.try_get("id")?,
                at: row.try_get("at")?,
                customer_id: row.try_get("customer_id")?,
                who,
                role: row.try_get("role")?,
                what: row.try_get("what")?,
                why: row.try_get("why")?,
            })
        })
        .collect()
}

/// The customer's needs and adjustments in force, needs first.
pub async fn needs(conn: &mut AnyConnection, customer_id: i64) -> Result<Vec<super::needs::Recorded>, sqlx::Error> {
    use super::needs::{Basis, Recorded, What};
    let rows = sqlx::query(
        "SELECT n.id, n.kind, n.code, n.detail, n.basis, n.given_by, n.review_on, s.name, n.recorded_at \
         FROM customer_needs n JOIN staff_users s ON s.id = n.recorded_by \
         WHERE n.customer_id = $1 AND n.ended_at IS NULL ORDER BY n.kind DESC, n.id",
    )
    .bind(customer_id)
    .fetch_all(conn)
    .await?;
    let strict =
        |what: &str, code: String| sqlx::Error::Decode(format!("customer_needs.{what}: unknown {code:?}").into());
    rows.iter()
        .map(|r| {
            let code: String = r.try_get("code")?;
            let basis: String = r.try_get("basis")?;
            let review: String = r.try_get("review_on")?;
            Ok(Recorded {
                id: r.try_get("id")?,
                what: What::parse(&code).ok_or_else(|| strict("code", code))?,
                detail: r.try_get("detail")?,
                basis: Basis::parse(&basis).ok_or_else(|| strict("basis", basis))?,
                given_by: r.try_get("given_by")?,
                review_on: review.parse().map_err(|_| strict("review_on", review))?,
                recorded_by: r.try_get("name")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        })
        .collect()
}

/// The customer flag an adjustment sets, where one acts by itself.
fn flag_of(what: super::needs::What) -> Option<&'static str> {
    use super::needs::{Adjustment, What};
    match what {
        What::Adjustment(Adjustment::LargePrint) => Some("large_print"),
        What::Adjustment(Adjustment::LetterNotEmail) => Some("prefers_post"),
        What::Adjustment(Adjustment::PhoneNotEmail) => Some("prefers_phone"),
        _ => None,
    }
}

/// Records a need or adjustment, and sets the flag it acts through.
pub async fn add_need(
    conn: &mut AnyConnection,
    customer_id: i64,
    need: &super::needs::NewNeed,
    staff_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO customer_needs (customer_id, kind, code, detail, basis, given_by, review_on, recorded_by, \
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(customer_id)
    .bind(need.what.kind())
    .bind(need.what.code())
    .bind(&need.detail)
    .bind(need.basis.as_str())
    .bind(&need.given_by)
    .bind(need.review_on.to_string())
    .bind(staff_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(flag) = flag_of(need.what) {
        // The column name is one of three fixed words, never input.
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE customers SET {flag} = 1, updated_at = $1 WHERE id = $2")))
            .bind(now)
            .bind(customer_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// Ends a need or adjustment; its flag goes when no other of the same code stays. False
/// if there was none in force with that id on this record.
pub async fn end_need(
    conn: &mut AnyConnection,
    customer_id: i64,
    need_id: i64,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let code: Option<String> = sqlx::query_scalar(
        "UPDATE customer_needs SET ended_at = $1, ended_by = $2 WHERE id = $3 AND customer_id = $4 \
         AND ended_at IS NULL RETURNING code",
    )
    .bind(now)
    .bind(staff_id)
    .bind(need_id)
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(code) = code else { return Ok(false) };
    if let Some(flag) = super::needs::What::parse(&code).and_then(flag_of) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE customers SET {flag} = 0, updated_at = $1 WHERE id = $2 AND NOT EXISTS \
             (SELECT 1 FROM customer_needs WHERE customer_id = $2 AND code = $3 AND ended_at IS NULL)"
        )))
        .bind(now)
        .bind(customer_id)
        .bind(&code)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// The interpreters the customer's adjustments ask for ("British Sign Language
/// interpreter", "Interpreter or translation: Polish"), to arrange for an appointment.
pub async fn interpreters(conn: &mut AnyConnection, customer_id: i64) -> Result<Vec<String>, sqlx::Error> {
    Ok(needs(conn, customer_id)
        .await?
        .into_iter()
        .filter(|n| matches!(n.what, super::needs::What::Adjustment(a) if a.needs_interpreter()))
        .map(|n| n.summary())
        .collect())
}

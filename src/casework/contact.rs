//! A contact from or to a customer, written with what follows from it: its class of
//! demand (value, or failure demand of a kind), found from its case unless someone said,
//! and its counts for insight, by service and channel and by ward, in the caller's
//! transaction. An adviser's correction moves the counts with it.

use sqlx::AnyConnection;

use crate::cases::Channel;
use crate::contacts::db::{self, NewContact, OnCase};
use crate::contacts::{Demand, Direction};
use crate::rollups::{self, Delta, Metric};
use crate::standards::Rules;

/// Writes a contact and counts it. A contact from the customer is classified as
/// `new.demand` when given, otherwise as `Demand::found_on` its case's status; one we
/// sent is not classified. Returns the contact's id and its class.
pub async fn record_contact(
    conn: &mut AnyConnection,
    rules: &Rules,
    new: &NewContact<'_>,
    now: i64,
) -> Result<(i64, Option<Demand>), sqlx::Error> {
    if new.direction == Direction::Outbound {
        return Ok((db::insert(conn, new, None, now).await?, None));
    }
    let case = match new.case_id {
        Some(id) => db::on_case(&mut *conn, id).await?,
        None => None,
    };
    let (id, demand, counts) = write_inbound(&mut *conn, rules, new, case.as_ref(), now).await?;
    rollups::db::add(conn, &counts).await?;
    Ok((id, Some(demand)))
}

/// Writes a contact from the customer, classified against its case as it stands (`case`),
/// and gives back its id, its class and the counts it makes, not yet added:
/// [`record_contact`] adds them at once, `open_case` with the new case's own.
pub(super) async fn write_inbound(
    conn: &mut AnyConnection,
    rules: &Rules,
    new: &NewContact<'_>,
    case: Option<&OnCase>,
    now: i64,
) -> Result<(i64, Demand, Vec<Delta>), sqlx::Error> {
    let demand = new.demand.unwrap_or_else(|| Demand::found_on(case.map(|c| c.status)));
    let id = db::insert(conn, new, Some(demand), now).await?;
    Ok((id, demand, deltas(rules, now, new.channel, demand, case, 1)))
}

/// Whether a new case for `customer_id` about `service_id`, received at `received`, is a
/// repeat: they opened another about the same service within the policy's window.
pub async fn is_repeat(
    conn: &mut AnyConnection,
    rules: &Rules,
    customer_id: i64,
    service_id: i64,
    received: i64,
) -> Result<bool, sqlx::Error> {
    let window = rules.policy.insight.repeat_within_days * 86_400_000;
    db::has_case_since(conn, customer_id, service_id, received - window).await
}

/// An adviser's correction of a contact's class: the contact changes, the correction is
/// recorded with who made it, and the counts move from the old class to the new on the
/// contact's own day. Returns false when there was nothing to change (the contact is not
/// from a customer, or is already of that class).
pub async fn correct_demand(
    conn: &mut AnyConnection,
    rules: &Rules,
    contact_id: i64,
    became: Demand,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let Some(counted) = db::counted(&mut *conn, contact_id).await? else { return Ok(false) };
    if counted.demand == became || !db::correct(&mut *conn, contact_id, counted.demand, became, staff_id, now).await? {
        return Ok(false);
    }
    let case = match counted.case_id {
        Some(id) => db::on_case(&mut *conn, id).await?,
        None => None,
    };
    let mut moved = deltas(rules, counted.at, counted.channel, counted.demand, case.as_ref(), -1);
    moved.extend(deltas(rules, counted.at, counted.channel, became, case.as_ref(), 1));
    rollups::db::add(conn, &moved).await?;
    Ok(true)
}

/// The counts one contact makes: by service (0 with no case), channel and class; and by
/// ward when its case has one.
fn deltas(rules: &Rules, at: i64, channel: Channel, demand: Demand, case: Option<&OnCase>, value: i64) -> Vec<Delta> {
    let day = rules.calendars.council.local_date(rollups::ts(at));
    let service_id = case.map_or(0, |c| c.service_id);
    let mut out =
        vec![Delta { day, service_id, metric: Metric::Contacts, key: rollups::contact_key(channel, demand), value }];
    // The ward's count does not change with the class, so a correction cancels out.
    if let Some(ward) = case.and_then(|c| c.ward.as_deref()) {
        out.push(Delta { day, service_id, metric: Metric::WardContacts, key: rollups::ward_key(ward, channel), value });
    }
    out
}

//! Queues: the open cases a person works on, the nearest deadline first, each with its
//! time left in words and colour. A team's queue, "my cases" and "unassigned", filtered by
//! service, status, channel, deadline and ward; fifty a page, by keyset.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::when;
use crate::actions::{self, ActionError, CaseAction};
use crate::cases::queue::{self, After, DeadlineFilter, Filter, Scope, Sort};
use crate::cases::{Actor, CaseRef, Channel, Status};
use crate::clocks::{Urgency, time_left};
use crate::db::now_ms;
use crate::forms::{Checker, FieldError, OUTCOME_MAX};
use crate::org::{Action, Role};
use crate::services::{self, Service};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use crate::web::error::AppError;
use crate::web::pages::{Chrome, render};

const PAGE: i64 = 50;

/// The queue's address, as typed or followed. Unknown values read as "any".
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct QueueQuery {
    view: String,
    team: String,
    service: String,
    status: String,
    channel: String,
    deadline: String,
    ward: String,
    sort: String,
    after: String,
    /// How many cases the last bulk action changed.
    done: String,
}

impl QueueQuery {
    /// The address of this queue with other filters kept: for the next page and the tabs.
    fn link(&self, view: &str, after: Option<&str>) -> String {
        let mut parts = vec![format!("view={}", crate::web::query_escape(view))];
        for (name, value) in [
            ("team", &self.team),
            ("service", &self.service),
            ("status", &self.status),
            ("channel", &self.channel),
            ("deadline", &self.deadline),
            ("ward", &self.ward),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                parts.push(format!("{name}={}", crate::web::query_escape(value)));
            }
        }
        if let Some(after) = after {
            parts.push(format!("after={after}"));
        }
        format!("/staff/queue?{}", parts.join("&"))
    }
}

struct Row {
    /// For the sortable table: the deadline and the arrival as numbers.
    due_at: i64,
    created_at: i64,
    reference: CaseRef,
    service: String,
    status: &'static str,
    channel: &'static str,
    received: String,
    officer: String,
    time_left: String,
    /// A GOV.UK tag colour.
    tag: &'static str,
}

/// A filter in force, as a tag whose link takes it off.
struct Applied {
    label: String,
    remove: String,
}

struct Tab {
    label: &'static str,
    href: String,
    current: bool,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct QueuePage {
    chrome: Chrome,
    heading: String,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    next: Option<String>,
    first: Option<String>,
    teams: Vec<Choice>,
    services: Vec<Choice>,
    statuses: Vec<Choice>,
    channels: Vec<Choice>,
    deadlines: Vec<Choice>,
    sorts: Vec<Choice>,
    view: String,
    ward: String,
    may_choose_team: bool,
    /// This queue's address, for the bulk form to come back to.
    back: String,
    applied: Vec<Applied>,
    clear: String,
    /// Waiting longest first, rather than nearest deadline first.
    by_received: bool,
    may_bulk: bool,
    /// People a case may be assigned to: the chosen team's.
    officers: Vec<(i64, String)>,
    bulk: Bulk,
}

impl QueuePage {
    fn error_for(&self, field: &str) -> Option<&str> {
        crate::forms::error_for(&self.bulk.errors, field)
    }

    fn is_selected(&self, reference: &CaseRef) -> bool {
        self.bulk.selected.contains(&reference.id())
    }
}

fn choices(chosen: &str, any: &str, options: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
    let mut list = vec![Choice { value: String::new(), label: any.to_owned(), selected: chosen.is_empty() }];
    list.extend(options.into_iter().map(|(value, label)| Choice { selected: value == chosen, value, label }));
    list
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<QueueQuery>,
) -> Result<Html<String>, AppError> {
    let done = query.done.parse::<usize>().ok();
    render(&queue_page(&state, &signed_in, query, Bulk { done, ..Bulk::default() }).await?)
}

/// What the bulk form shows: the problems with what was sent, what was chosen, and how
/// many cases the last one changed.
#[derive(Default)]
struct Bulk {
    errors: Vec<FieldError>,
    selected: Vec<i64>,
    action: String,
    officer: String,
    reason: String,
    done: Option<usize>,
}

async fn queue_page(
    state: &AppState,
    signed_in: &SignedIn,
    query: QueueQuery,
    bulk: Bulk,
) -> Result<QueuePage, AppError> {
    signed_in.require(Action::ViewCase)?;
    let staff = &signed_in.0.staff;
    let reader = state.db.reader();
    let now = now_ms();
    let rules = state.rules.get();
    let calendar = &rules.calendars.council;

    // Whose work: a partner sees only theirs, a caseworker only their team's; the others
    // choose a team, or see every open case.
    let may_choose_team = !matches!(staff.role, Role::Partner | Role::Caseworker);
    // Their own team first; "all" for every team.
    let team = match query.team.as_str() {
        _ if !may_choose_team => staff.team_id,
        "all" => None,
        chosen => chosen.parse::<i64>().ok().or(staff.team_id),
    };
    let view = match query.view.as_str() {
        "mine" | "unassigned" if staff.role != Role::Partner => query.view.clone(),
        _ => "team".to_owned(),
    };
    let scope = match (staff.role, view.as_str(), team) {
        (Role::Partner, _, _) => Scope::Partner(staff.partner_id.unwrap_or(-1)),
        (_, "mine", _) => Scope::Officer(staff.id),
        (_, "unassigned", Some(team)) => Scope::Unassigned(team),
        (_, _, Some(team)) => Scope::Team(team),
        (_, _, None) => Scope::All,
    };

    let services = services::db::list_active(reader).await?;
    let service = services.iter().find(|s| s.code == query.service);
    // The end of the next working day: what "due soon" means.
    let today = calendar.local_date(jiff::Timestamp::from_millisecond(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH));
    let soon_until =
        calendar.close_of(calendar.next_working_day_from(today.tomorrow().unwrap_or(today), &mut Vec::new()));
    let soon_until = soon_until.as_millisecond();
    let filter = Filter {
        service_id: service.map(|s| s.id),
        status: Status::parse(&query.status),
        channel: Channel::parse(&query.channel),
        deadline: match query.deadline.as_str() {
            "late" => Some(DeadlineFilter::Late),
            "soon" => Some(DeadlineFilter::DueSoon(soon_until)),
            "later" => Some(DeadlineFilter::Later(soon_until)),
            "none" => Some(DeadlineFilter::None),
            _ => None,
        },
        ward: Some(query.ward.trim().to_owned()).filter(|w| !w.is_empty()),
    };
    let sort = if query.sort == "received" { Sort::Received } else { Sort::Deadline };
    let after = After::parse(&query.after);
    let (lines, more) = queue::page(reader, scope, &filter, sort, after, now, PAGE).await?;

    let rows = lines
        .iter()
        .filter(|line| staff.sees_case(line.team_id, line.partner_id))
        .map(|line| {
            let left = time_left(calendar, line.due_at, now);
            Row {
                due_at: line.due_at,
                created_at: line.created_at,
                reference: CaseRef::from_id(&state.council.prefix, line.id),
                service: line.service.clone(),
                status: line.status.label(),
                channel: line.channel.label(),
                received: when(state, line.created_at),
                officer: line.officer.clone().unwrap_or_else(|| "Nobody yet".to_owned()),
                tag: match left.urgency {
                    Urgency::Late => "govuk-tag--red",
                    Urgency::Today => "govuk-tag--orange",
                    Urgency::Soon => "govuk-tag--yellow",
                    Urgency::Later => "govuk-tag--green",
                    Urgency::None => "govuk-tag--grey",
                },
                time_left: left.words,
            }
        })
        .collect();
    let next = more.then(|| lines.last().map(|l| query.link(&view, Some(&l.after().to_string())))).flatten();
    let first = after.map(|_| query.link(&view, None));

    let teams = crate::org::db::teams(reader).await?;
    let team_name = team.and_then(|id| teams.iter().find(|(t, _)| *t == id).map(|(_, name)| name.clone()));
    let heading = match (staff.role, view.as_str(), &team_name) {
        (Role::Partner, _, _) => "Cases routed to your organisation".to_owned(),
        (_, "mine", _) => "My cases".to_owned(),
        (_, "unassigned", Some(name)) => format!("{name}: unassigned"),
        (_, _, Some(name)) => format!("{name}: open cases"),
        _ => "All open cases".to_owned(),
    };
    let mut tabs = vec![Tab { label: "Team", href: query.link("team", None), current: view == "team" }];
    if staff.role != Role::Partner {
        tabs.push(Tab { label: "My cases", href: query.link("mine", None), current: view == "mine" });
        tabs.push(Tab { label: "Unassigned", href: query.link("unassigned", None), current: view == "unassigned" });
    }
    let officers: Vec<(i64, String)> = match team {
        Some(team) if staff.role.may(Action::BulkAct) => crate::org::db::members(reader, Some(team), None).await?,
        _ => Vec::new(),
    };
    let team_choice = team.map_or_else(|| "all".to_owned(), |t| t.to_string());
    let page = QueuePage {
        chrome: Chrome::staff(state, &signed_in.0, "queue"),
        heading,
        tabs,
        rows,
        next,
        first,
        teams: if may_choose_team {
            let every = [("all".to_owned(), "Every team".to_owned())];
            let named = teams.into_iter().map(|(id, name)| (id.to_string(), name));
            choices(&team_choice, "", every.into_iter().chain(named)).into_iter().skip(1).collect()
        } else {
            Vec::new()
        },
        services: choices(
            &query.service,
            "Any service",
            services.iter().map(|s: &Service| (s.code.clone(), s.name.clone())),
        ),
        statuses: choices(
            &query.status,
            "Any status",
            Status::ALL.iter().filter(|s| s.is_open()).map(|s| (s.as_str().to_owned(), s.label().to_owned())),
        ),
        channels: choices(
            &query.channel,
            "Any channel",
            Channel::ALL.iter().map(|c| (c.as_str().to_owned(), c.label().to_owned())),
        ),
        deadlines: choices(
            &query.deadline,
            "Any deadline",
            [
                ("late", "Late"),
                ("soon", "Due by the end of the next working day"),
                ("later", "Due later"),
                ("none", "No deadline running"),
            ]
            .into_iter()
            .map(|(v, l)| (v.to_owned(), l.to_owned())),
        ),
        sorts: choices(
            &query.sort,
            "Nearest deadline first",
            [("received".to_owned(), "Waiting longest first".to_owned())],
        ),
        back: query.link(&view, (!query.after.is_empty()).then_some(query.after.as_str())),
        applied: applied(&query, &view, &services),
        clear: format!("/staff/queue?view={view}"),
        by_received: sort == Sort::Received,
        view,
        ward: query.ward.clone(),
        may_choose_team,
        may_bulk: staff.role.may(Action::BulkAct),
        officers,
        bulk,
    };
    Ok(page)
}

/// The bulk form, as posted: the cases ticked, and what to do to all of them.
#[derive(Debug, Default)]
struct BulkForm {
    csrf: String,
    cases: Vec<i64>,
    action: String,
    officer: String,
    reason: String,
    back: String,
}

impl BulkForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = BulkForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "csrf" => form.csrf = value,
                "case" => form.cases.extend(value.parse::<i64>().ok()),
                "action" => form.action = value,
                "officer" => form.officer = value,
                "reason" => form.reason = value,
                "back" => form.back = value,
                _ => {}
            }
        }
        form
    }
}

/// Assigns or closes every ticked case, with one reason, all or nothing: a case that
/// cannot be changed stops the lot, and is named.
pub async fn bulk(
    State(state): State<AppState>,
    signed_in: SignedIn,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    signed_in.require(Action::BulkAct)?;
    let Form(pairs) = form?;
    let form = BulkForm::from_pairs(pairs);
    signed_in.check_csrf(&form.csrf)?;
    // Back to the queue the form came from; only a queue address is followed.
    let back = if form.back.starts_with("/staff/queue?") || form.back == "/staff/queue" {
        form.back.clone()
    } else {
        "/staff/queue".to_owned()
    };
    let query: QueueQuery = serde_urlencoded_query(&back);
    let mut c = Checker::default();
    if form.cases.is_empty() {
        c.fail("case", "Select at least one case");
    }
    if form.cases.len() > PAGE as usize {
        c.fail("case", format!("Select no more than {PAGE} cases at once"));
    }
    let action = match form.action.as_str() {
        "assign" => Some(CaseActionKind::Assign),
        "close" => Some(CaseActionKind::Close),
        _ => {
            c.fail("action", "Choose what to do with the selected cases");
            None
        }
    };
    let reason = c.text("reason", "the reason", &form.reason, OUTCOME_MAX, true);
    let mut errors = c.errors;
    if errors.is_empty() {
        let (action, reason) = (action.expect("checked"), reason.expect("checked"));
        let staff = &signed_in.0.staff;
        let rules = state.rules.get();
        let now = now_ms();
        let mut tx = state.db.begin().await?;
        let mut failed = None;
        for &id in &form.cases {
            let reference = CaseRef::from_id(&state.council.prefix, id);
            let case = crate::cases::db::get(&mut *tx, id).await?;
            if !case.is_some_and(|c| staff.sees_case(c.team_id, c.partner_id)) {
                failed = Some(format!("{reference}: there is no case you can change"));
                break;
            }
            let done = match action {
                CaseActionKind::Assign => {
                    let assign = CaseAction::Assign { officer_id: form.officer.parse().ok() };
                    match actions::perform(&mut tx, &state.council, &rules, id, Actor::staff(staff.id), &assign, now)
                        .await
                    {
                        Ok(()) => {
                            let note = CaseAction::Note { text: reason.clone() };
                            actions::perform(&mut tx, &state.council, &rules, id, Actor::staff(staff.id), &note, now)
                                .await
                        }
                        Err(err) => Err(err),
                    }
                }
                CaseActionKind::Close => {
                    let close = CaseAction::Status { to: Status::Closed, note: reason.clone() };
                    actions::perform(&mut tx, &state.council, &rules, id, Actor::staff(staff.id), &close, now).await
                }
            };
            match done {
                Ok(()) => {}
                Err(ActionError::Db(err)) => return Err(err.into()),
                Err(ActionError::Invalid(found)) => {
                    failed = Some(format!(
                        "{reference}: {}",
                        found.first().map_or("it cannot be changed", |e| e.message.as_str())
                    ));
                    break;
                }
                Err(err) => {
                    failed = Some(format!("{reference}: {err}"));
                    break;
                }
            }
        }
        match failed {
            None => {
                tx.commit().await?;
                tracing::info!(cases = form.cases.len(), action = %form.action, "bulk action");
                let sep = if back.contains('?') { '&' } else { '?' };
                return Ok(Redirect::to(&format!("{back}{sep}done={}", form.cases.len())).into_response());
            }
            Some(message) => {
                drop(tx);
                errors.push(FieldError::new("case", format!("Nothing was changed. {message}")));
            }
        }
    }
    let bulk = Bulk {
        errors,
        selected: form.cases.clone(),
        action: form.action.clone(),
        officer: form.officer.clone(),
        reason: form.reason.clone(),
        done: None,
    };
    let page = queue_page(&state, &signed_in, query, bulk).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Debug, Clone, Copy)]
enum CaseActionKind {
    Assign,
    Close,
}

/// The queue's filters from its address.
fn serde_urlencoded_query(address: &str) -> QueueQuery {
    let query = address.split_once('?').map_or("", |(_, q)| q);
    axum::extract::Query::<QueueQuery>::try_from_uri(&format!("/?{query}").parse().unwrap_or_default())
        .map(|q| q.0)
        .unwrap_or_default()
}

/// The filters in force, each with the queue's address without it.
fn applied(query: &QueueQuery, view: &str, services: &[Service]) -> Vec<Applied> {
    let mut applied = Vec::new();
    let without = |field: &str| {
        let mut q = query.clone();
        match field {
            "service" => q.service.clear(),
            "status" => q.status.clear(),
            "channel" => q.channel.clear(),
            "deadline" => q.deadline.clear(),
            "ward" => q.ward.clear(),
            _ => {}
        }
        q.link(view, None)
    };
    if let Some(service) = services.iter().find(|s| s.code == query.service) {
        applied.push(Applied { label: format!("Service: {}", service.name), remove: without("service") });
    }
    if let Some(status) = Status::parse(&query.status) {
        applied.push(Applied { label: format!("Status: {}", status.label()), remove: without("status") });
    }
    if let Some(channel) = Channel::parse(&query.channel) {
        applied.push(Applied { label: format!("Channel: {}", channel.label()), remove: without("channel") });
    }
    let deadline = match query.deadline.as_str() {
        "late" => Some("Late"),
        "soon" => Some("Due by the end of the next working day"),
        "later" => Some("Due later"),
        "none" => Some("No deadline running"),
        _ => None,
    };
    if let Some(deadline) = deadline {
        applied.push(Applied { label: format!("Deadline: {deadline}"), remove: without("deadline") });
    }
    if !query.ward.trim().is_empty() {
        applied.push(Applied { label: format!("Ward: {}", query.ward.trim()), remove: without("ward") });
    }
    applied
}

//! Queues: the open cases a person works on, the nearest deadline first, each with its
//! time left in words and colour. A team's queue, "my cases" and "unassigned", filtered by
//! service, status, channel, deadline and ward; fifty a page, by keyset.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::when;
use crate::app::AppState;
use crate::cases::queue::{self, After, DeadlineFilter, Filter, Scope, Sort};
use crate::cases::{CaseRef, Channel, Status};
use crate::clocks::{Urgency, time_left};
use crate::db::now_ms;
use crate::org::{Action, Role};
use crate::services::{self, Service};
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
                reference: CaseRef::from_id(&state.council.prefix, line.id),
                service: line.service.clone(),
                status: line.status.label(),
                channel: line.channel.label(),
                received: when(&state, line.created_at),
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
    let team_choice = team.map_or_else(|| "all".to_owned(), |t| t.to_string());
    let page = QueuePage {
        chrome: Chrome::staff(&state, &signed_in.0, "queue"),
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
        view,
        ward: query.ward.clone(),
        may_choose_team,
    };
    render(&page)
}

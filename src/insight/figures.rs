//! The report's figures, worked out from sums and open cases by pure functions.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::communities::{EqualityLine, WardLine};
use super::db::{Names, OpenGroup, Sum};
use super::trends::Trends;
use super::{channel_and_demand, total};
use crate::contacts::Demand;

/// The whole report. Its keys are a contract (`frontdoor report insight --json`).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub from: String,
    pub to: String,
    pub failure_demand: FailureDemand,
    pub contacts_per_resolved_case: PerResolved,
    pub blockages: Blockages,
    pub trends: Trends,
    pub wards: Vec<WardLine>,
    pub equality: Vec<EqualityLine>,
}

/// One line of a split: a service, a channel or a month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Split {
    pub code: String,
    pub name: String,
    pub contacts: i64,
    pub failure: i64,
    /// Failure demand as a share of the contacts, from 0 to 1 (three decimal places).
    pub share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Growth {
    pub code: String,
    pub name: String,
    /// Failure demand in the period of the same length just before.
    pub before: i64,
    pub now: i64,
    pub change: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailureDemand {
    pub contacts: i64,
    pub failure: i64,
    pub value: i64,
    /// Failure demand as a share of all contacts, from 0 to 1; `null` with no contacts.
    pub share: Option<f64>,
    /// Each kind of failure demand (every kind, nought included), by its code.
    pub by_kind: BTreeMap<&'static str, i64>,
    pub by_service: Vec<Split>,
    pub by_channel: Vec<Split>,
    pub by_month: Vec<Split>,
    /// The services whose failure demand grew most against the period before, most first.
    pub grew_most: Vec<Growth>,
}

/// A share from 0 to 1, to three decimal places.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| ((part as f64 / whole as f64) * 1000.0).round() / 1000.0)
}

fn splits(counts: BTreeMap<String, (String, i64, i64)>) -> Vec<Split> {
    counts
        .into_iter()
        .map(|(code, (name, contacts, failure))| Split {
            code,
            name,
            contacts,
            failure,
            share: share(failure, contacts),
        })
        .collect()
}

pub fn failure_demand(contacts: &[Sum], before: &[Sum], names: &Names) -> FailureDemand {
    let mut by_kind: BTreeMap<&'static str, i64> = Demand::FAILURE.iter().map(|d| (d.as_str(), 0)).collect();
    let (mut all, mut failure) = (0, 0);
    let mut services: BTreeMap<String, (String, i64, i64)> = BTreeMap::new();
    let mut channels: BTreeMap<String, (String, i64, i64)> = BTreeMap::new();
    for s in contacts {
        let Some((channel, demand)) = s.key.as_deref().and_then(channel_and_demand) else { continue };
        let failed = if demand.is_failure() { s.value } else { 0 };
        all += s.value;
        failure += failed;
        if demand.is_failure() {
            *by_kind.entry(demand.as_str()).or_default() += s.value;
        }
        let (code, name) = names.service(s.service_id.unwrap_or(0));
        let line = services.entry(code).or_insert((name, 0, 0));
        line.1 += s.value;
        line.2 += failed;
        let label = crate::cases::Channel::parse(channel).map_or(channel.to_owned(), |c| c.label().to_owned());
        let line = channels.entry(channel.to_owned()).or_insert((label, 0, 0));
        line.1 += s.value;
        line.2 += failed;
    }
    let mut by_service = splits(services);
    by_service.sort_by(|a, b| b.failure.cmp(&a.failure).then(a.name.cmp(&b.name)));
    let mut earlier: HashMap<String, i64> = HashMap::new();
    for s in before {
        if s.key.as_deref().and_then(channel_and_demand).is_some_and(|(_, d)| d.is_failure()) {
            *earlier.entry(names.service(s.service_id.unwrap_or(0)).0).or_default() += s.value;
        }
    }
    let mut grew_most: Vec<Growth> = by_service
        .iter()
        .map(|s| {
            let before = earlier.get(&s.code).copied().unwrap_or(0);
            Growth { code: s.code.clone(), name: s.name.clone(), before, now: s.failure, change: s.failure - before }
        })
        .filter(|g| g.change > 0)
        .collect();
    grew_most.sort_by(|a, b| b.change.cmp(&a.change).then(a.name.cmp(&b.name)));
    grew_most.truncate(5);
    FailureDemand {
        contacts: all,
        failure,
        value: all - failure,
        share: share(failure, all),
        by_kind,
        by_service,
        by_channel: splits(channels),
        by_month: Vec::new(),
        grew_most,
    }
}

/// Contacts per resolved case, by service and overall: the avoidable-contact measure.
#[derive(Debug, Clone, Serialize)]
pub struct PerResolved {
    pub contacts: i64,
    pub resolved: i64,
    /// Contacts divided by cases resolved, to two decimal places; `null` with none resolved.
    pub overall: Option<f64>,
    pub by_service: Vec<ServicePerResolved>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServicePerResolved {
    pub code: String,
    pub name: String,
    pub contacts: i64,
    pub resolved: i64,
    pub per_case: Option<f64>,
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    (b > 0).then(|| ((a as f64 / b as f64) * 100.0).round() / 100.0)
}

pub fn per_resolved(contacts: &[Sum], resolved: &[Sum], names: &Names) -> PerResolved {
    let mut by: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for s in contacts {
        by.entry(s.service_id.unwrap_or(0)).or_default().0 += s.value;
    }
    for s in resolved {
        by.entry(s.service_id.unwrap_or(0)).or_default().1 += s.value;
    }
    let mut by_service: Vec<ServicePerResolved> = by
        .into_iter()
        .filter(|(id, _)| *id != 0)
        .map(|(id, (contacts, resolved))| {
            let (code, name) = names.service(id);
            ServicePerResolved { code, name, contacts, resolved, per_case: ratio(contacts, resolved) }
        })
        .collect();
    by_service.sort_by(|a, b| {
        b.per_case.unwrap_or(f64::MAX).total_cmp(&a.per_case.unwrap_or(f64::MAX)).then(a.name.cmp(&b.name))
    });
    let (contacts, resolved) = (total(contacts), total(resolved));
    PerResolved { contacts, resolved, overall: ratio(contacts, resolved), by_service }
}

/// Where open cases wait, by one grouping.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Waiting {
    pub name: String,
    pub open: i64,
    /// Days since received, the mean (whole days) and the longest.
    pub mean_days: i64,
    pub longest_days: i64,
    /// Open cases with no event for the quiet period.
    pub quiet: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TeamBreaches {
    pub team: String,
    pub met: i64,
    pub missed: i64,
    /// Promises missed as a share of those that fell due, 0 to 1.
    pub share_missed: Option<f64>,
    /// Cases passed to another team in the period, and passed in from one.
    pub handed_on: i64,
    pub handed_in: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Blockages {
    pub open: i64,
    /// Open cases with no event for `quiet_working_days` working days or more.
    pub quiet: i64,
    pub quiet_working_days: i64,
    /// Each sorted by the longest wait first.
    pub by_team: Vec<Waiting>,
    pub by_status: Vec<Waiting>,
    pub by_stage: Vec<Waiting>,
    pub by_partner: Vec<Waiting>,
    pub breaches_by_team: Vec<TeamBreaches>,
    /// Hand-offs between teams in the period per case resolved in it.
    pub handoffs: i64,
}

fn waiting(open: &[OpenGroup], key: impl Fn(&OpenGroup) -> Option<String>, now: i64) -> Vec<Waiting> {
    // Per name: cases, the sum of their times received, the earliest, the quiet ones.
    let mut groups: BTreeMap<String, (i64, i128, i64, i64)> = BTreeMap::new();
    for g in open {
        let Some(name) = key(g) else { continue };
        let t = groups.entry(name).or_insert((0, 0, i64::MAX, 0));
        t.0 += g.open;
        t.1 += i128::from(g.created_sum);
        t.2 = t.2.min(g.created_min);
        t.3 += g.quiet;
    }
    let day = i128::from(DAY_MS);
    let mut out: Vec<Waiting> = groups
        .into_iter()
        .filter(|(_, t)| t.0 > 0)
        .map(|(name, (open, sum, earliest, quiet))| {
            let mean = (i128::from(now) * i128::from(open) - sum).max(0) / i128::from(open) / day;
            Waiting {
                name,
                open,
                mean_days: i64::try_from(mean).unwrap_or(i64::MAX),
                longest_days: (now - earliest).max(0) / DAY_MS,
                quiet,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.mean_days.cmp(&a.mean_days).then(b.longest_days.cmp(&a.longest_days)).then(a.name.cmp(&b.name))
    });
    out
}

const DAY_MS: i64 = 86_400_000;

pub fn blockages(
    open: &[OpenGroup],
    met: &[Sum],
    missed: &[Sum],
    handoffs: &[Sum],
    names: &Names,
    now: i64,
    quiet_working_days: i64,
) -> Blockages {
    let team = |id: i64| names.teams.get(&id).cloned().unwrap_or_else(|| format!("Team {id}"));
    let status = |code: &str| crate::cases::Status::parse(code).map_or(code.to_owned(), |s| s.label().to_owned());
    let stage = |code: &str| crate::cases::CaseType::parse(code).map_or(code.to_owned(), |t| t.label().to_owned());
    let mut teams: BTreeMap<String, TeamBreaches> = BTreeMap::new();
    let mut add = |team_name: String, f: &dyn Fn(&mut TeamBreaches)| {
        let entry = teams.entry(team_name.clone()).or_insert(TeamBreaches {
            team: team_name,
            met: 0,
            missed: 0,
            share_missed: None,
            handed_on: 0,
            handed_in: 0,
        });
        f(entry);
    };
    for s in met {
        if let Some((_, _, t)) = names.services.get(&s.service_id.unwrap_or(0)) {
            let v = s.value;
            add(team(*t), &|e| e.met += v);
        }
    }
    for s in missed {
        if let Some((_, _, t)) = names.services.get(&s.service_id.unwrap_or(0)) {
            let v = s.value;
            add(team(*t), &|e| e.missed += v);
        }
    }
    let mut moved = 0;
    for s in handoffs {
        let Some((from, to)) = s.key.as_deref().and_then(|k| k.split_once(':')) else { continue };
        let (Ok(from), Ok(to)) = (from.parse::<i64>(), to.parse::<i64>()) else { continue };
        let v = s.value;
        moved += v;
        add(team(from), &|e| e.handed_on += v);
        add(team(to), &|e| e.handed_in += v);
    }
    let mut breaches_by_team: Vec<TeamBreaches> = teams
        .into_values()
        .map(|mut t| {
            t.share_missed = share(t.missed, t.met + t.missed);
            t
        })
        .collect();
    breaches_by_team.sort_by(|a, b| {
        b.share_missed.unwrap_or(-1.0).total_cmp(&a.share_missed.unwrap_or(-1.0)).then(a.team.cmp(&b.team))
    });
    Blockages {
        open: open.iter().map(|g| g.open).sum(),
        quiet: open.iter().map(|g| g.quiet).sum(),
        quiet_working_days,
        by_team: waiting(open, |c| Some(team(c.team_id)), now),
        by_status: waiting(open, |c| Some(status(&c.status)), now),
        by_stage: waiting(open, |c| Some(stage(&c.case_type)), now),
        by_partner: waiting(
            open,
            |c| c.partner_id.map(|p| names.partners.get(&p).cloned().unwrap_or_else(|| format!("Partner {p}"))),
            now,
        ),
        breaches_by_team,
        handoffs: moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(service: i64, key: &str, value: i64) -> Sum {
        Sum { day: None, service_id: Some(service), key: Some(key.into()), value }
    }

    fn names() -> Names {
        let mut n = Names::default();
        n.services.insert(1, ("bins".into(), "Missed bin".into(), 1));
        n.services.insert(2, ("tax".into(), "Council tax".into(), 2));
        n.teams.insert(1, "Waste".into());
        n.teams.insert(2, "Revenues".into());
        n
    }

    #[test]
    fn failure_demand_by_hand() {
        let contacts = [
            sum(1, "web:value", 6),
            sum(1, "phone:progress_chasing", 3),
            sum(1, "email:repeat", 1),
            sum(2, "phone:value", 8),
            sum(2, "phone:clarification", 2),
        ];
        let before = [sum(1, "phone:progress_chasing", 1), sum(2, "phone:clarification", 2)];
        let f = failure_demand(&contacts, &before, &names());
        assert_eq!((f.contacts, f.failure, f.value, f.share), (20, 6, 14, Some(0.3)));
        assert_eq!(f.by_kind["progress_chasing"], 3);
        assert_eq!((f.by_kind["misdirected"], f.by_kind.len()), (0, 5));
        assert_eq!(f.by_service[0].name, "Missed bin");
        assert_eq!(f.by_service[0].share, Some(0.4));
        let phone = f.by_channel.iter().find(|c| c.code == "phone").unwrap();
        assert_eq!((phone.contacts, phone.failure), (13, 5));
        // Missed bins went from 1 to 4; council tax stayed at 2.
        assert_eq!(f.grew_most.len(), 1);
        assert_eq!((f.grew_most[0].before, f.grew_most[0].now, f.grew_most[0].change), (1, 4, 3));
    }

    #[test]
    fn contacts_per_resolved_case() {
        let contacts = [sum(1, "web:value", 9), sum(2, "phone:value", 4)];
        let resolved = [Sum { day: None, service_id: Some(1), key: None, value: 3 }];
        let r = per_resolved(&contacts, &resolved, &names());
        assert_eq!((r.contacts, r.resolved, r.overall), (13, 3, Some(4.33)));
        // None resolved sorts first: the most avoidable.
        assert_eq!((r.by_service[0].name.as_str(), r.by_service[0].per_case), ("Council tax", None));
        assert_eq!(r.by_service[1].per_case, Some(3.0));
    }

    #[test]
    fn blockages_by_team_and_breach_share() {
        let day = 86_400_000;
        let now = 100 * day;
        // One case of team 1 received on day 90 and busy; two of team 2, on days 40 and
        // 80, both quiet.
        let group = |team, open, created_sum, created_min, quiet| OpenGroup {
            team_id: team,
            partner_id: None,
            status: "in_progress".into(),
            case_type: "enquiry".into(),
            open,
            created_sum,
            created_min,
            quiet,
        };
        let cases = [group(1, 1, 90 * day, 90 * day, 0), group(2, 2, 120 * day, 40 * day, 2)];
        let met = [Sum { day: None, service_id: Some(1), key: None, value: 3 }];
        let missed = [Sum { day: None, service_id: Some(2), key: None, value: 1 }];
        let handoffs = [Sum { day: None, service_id: None, key: Some("1:2".into()), value: 2 }];
        let b = blockages(&cases, &met, &missed, &handoffs, &names(), now, 10);
        assert_eq!((b.open, b.quiet, b.handoffs), (3, 2, 2));
        assert_eq!(
            b.by_team[0],
            Waiting { name: "Revenues".into(), open: 2, mean_days: 40, longest_days: 60, quiet: 2 }
        );
        assert_eq!((b.breaches_by_team[0].team.as_str(), b.breaches_by_team[0].share_missed), ("Revenues", Some(1.0)));
        assert_eq!((b.breaches_by_team[0].handed_in, b.breaches_by_team[1].handed_on), (2, 2));
    }
}

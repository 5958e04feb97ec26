use super::{VisitState, decide};

const MIN: i64 = 60_000;

#[test]
fn a_visitor_called_within_15_minutes_or_told_in_time_is_met() {
    let target = 15 * MIN;
    // Called after 14 minutes 59 seconds: met; after 15 minutes 1 second: missed.
    assert_eq!(decide(0, Some(15 * MIN - 1_000), None, target, 15 * MIN), Some(true));
    assert_eq!(decide(0, Some(15 * MIN + 1_000), None, target, 16 * MIN), Some(false));
    // Told why and how long at 10 minutes, called at 40: met, as the standard says.
    assert_eq!(decide(0, Some(40 * MIN), Some(10 * MIN), target, 40 * MIN), Some(true));
    // Told at 20 minutes, too late to count.
    assert_eq!(decide(0, Some(40 * MIN), Some(20 * MIN), target, 40 * MIN), Some(false));
    // Left unseen after 5 minutes: not measured; after 30 untold: missed; told in time: met.
    assert_eq!(decide(0, None, None, target, 5 * MIN), None);
    assert_eq!(decide(0, None, None, target, 30 * MIN), Some(false));
    assert_eq!(decide(0, None, Some(3 * MIN), target, 30 * MIN), Some(true));
}

#[test]
fn a_visitor_cannot_be_called_twice_or_moved_after_the_end() {
    use VisitState::*;
    assert!(Waiting.can_go_to(Called));
    assert!(!Called.can_go_to(Called));
    assert!(!BeingSeen.can_go_to(Called));
    assert!(!Seen.can_go_to(Left));
    assert!(!Left.can_go_to(Called));
    assert!(Called.can_go_to(Left));
    assert_eq!(super::ticket(7), "A007");
}

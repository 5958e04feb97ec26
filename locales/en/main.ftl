# The public site's words, in English. Every language has the same messages; a message a
# language lacks falls back to English. { $council } is the council's name.

## The layout, on every page
skip-to-main = Skip to main content
support-links = Support links
footer-all-services = All services
footer-contact = Contact us
footer-performance = How we are doing
footer-accessibility = Accessibility
footer-cookies = Cookies
footer-privacy = Privacy
language = Language
not-translated = This page is shown in English.

## The front page
home-title = Contact the council
home-heading = Contact { $council }
home-lead = Report a problem, ask for a service or ask us a question. Every message gets a reference, and you can see when we will reply.
home-find-service = Find a service
home-follow-heading = Follow a case
home-reference-label = Your reference
home-reference-hint = It is in the email we sent you, like KMB-4K7-9QX
home-find-it = Find it
home-person-heading = Talk to a person
home-person-text = Every phone line has an option to speak to an adviser about anything.
home-person-contact = Phone, email or visit us
home-person-callback = Ask us to call you back
home-performance-heading = How we are doing
home-performance-text = We publish our promises and whether we keep them, live.
home-performance-link = See this month's figures

## Finding a service
services-title = All services
services-search-title = Search: { $q }
services-lead = Choose what you want to report, ask for or ask about.
services-search-label = Search for a service
services-search-hint = For example, bin, pothole or council tax
services-search-button = Search
services-found = { $count ->
    [0] No services match “{ $q }”
    [one] 1 service matches “{ $q }”
   *[other] { $count } services match “{ $q }”
}
services-none-text = Try other words, or look through the list below.
services-ask-anything = Ask us anything else
services-contact = Phone, email or visit us
services-empty = There are no services yet.

## A service's page
service-back = Back to all services
service-covers = What this covers
service-how = How to get it done
service-how-text = Use the online form at any time. It asks only what the team needs, and you get a reference at once.
service-start = Start now
service-person = If you cannot use the form, or would rather talk to someone:
service-promises = What we promise
service-performance = See how we are keeping our promises

## Months, for "November 2026"
month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

## Contact us
contact-lead = Every way to reach us, when we are open, and what we promise for each.
contact-online = Online
contact-online-text = Report a problem, ask for something or ask a question at any time. You get a reference at once and can follow your case.
contact-phone = Phone
contact-press = When you call, press:
contact-textphone = If you use a textphone, call 18001 then the number. Calls cost the same as a call to a landline.
contact-callback-text = If you would rather not wait on the phone, tell us when suits you and an adviser will phone you.
contact-callback-link = Tell us when to call you
contact-email = Email
contact-email-text = Every email gets a reference in reply. An online form is quicker for most things, because it asks what the team needs.
contact-visit = Visit us
contact-post = Write to us
contact-unhappy = If you are not happy
contact-unhappy-text = If a case is past the date we promised, open it from the link in our email and send it to the team leader. If you are unhappy with how we dealt with something, you can complain.
contact-complain = Make a complaint
contact-kept = { $percent }% kept so far in { $month } ({ $met } of { $due })
contact-none-due = None due yet in { $month }

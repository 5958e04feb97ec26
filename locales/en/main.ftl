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

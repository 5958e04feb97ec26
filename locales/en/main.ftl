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
footer-disclosure = Disclosure log
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
service-book = Book an appointment
service-or-write = Or send us a message instead
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
contact-wait = Expected wait now:
contact-wait-unknown = We cannot say how long the wait is now: too few calls have been answered recently.
contact-instead = Or do it online now, without waiting:
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

## Dates: "Tuesday 3 March 2026", "Tuesday 3 March 2026 at 2:05pm"
weekday = { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
month-name = { $month ->
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
}
date = { $weekday } { $day } { $month } { $year }
date-time = { $date } at { $hour }:{ $minute }{ $ampm ->
    [am] am
   *[pm] pm
}

## Case statuses
status-received = Received
status-acknowledged = Acknowledged
status-in_progress = In progress
status-waiting_for_customer = Waiting for you
status-resolved = Resolved
status-closed = Closed
status-reopened = Reopened

## Following a case
track-title = Case { $reference }
track-error-title = Error: Case { $reference }
error-summary-title = There is a problem
error-prefix = Error:
success = Success
track-status = Status
track-received = Received
track-told-us = What you told us
track-promised = What we promised
promise-done = We did this on { $date }, in time.
promise-late-done = We did this on { $date }. It was due by { $due }, so it was late.
promise-late = This is late. It was due by { $due }.
promise-paused = This is on hold while we wait for you: the time we wait does not count.
promise-by = We will do this by { $date }.
promise-no-date = There is no date for this yet.
promise-withdrawn = This no longer applies, because the case changed type.
promise-tag-done = Done
promise-tag-late = Late
promise-tag-paused = On hold
promise-tag-due = Due
promise-tag-no-date = No date
promise-tag-withdrawn = Withdrawn
track-late = This case is late: we promised { $promise }.
track-late-promise = { $title } by { $date }
track-warning = Warning
track-escalate-text = You can ask for it to go to the team leader, who will make sure it is dealt with.
track-escalate = Send it to the team leader
track-stage2-text = If you are not happy with our answer to your complaint, you can ask us to look at it again. Someone who did not deal with it before will do so. You do not need to give a reason.
track-stage2 = Take my complaint to stage 2
track-review-text = If you are not happy with our answer, you can ask for an internal review. Someone who did not make the first decision will look at it again. You do not need to give a reason.
track-review = Ask for an internal review
track-escalated = You sent this case to the team leader on { $date }.
track-feedback-heading = Did this solve it?
track-solved-legend = Did what we did solve the problem?
track-yes = Yes
track-no = No
track-no-hint = We will reopen your case and look at it again
track-rating-legend = How would you rate how we dealt with it?
track-rating-5 = 5: very good
track-rating-4 = 4: good
track-rating-3 = 3: neither good nor poor
track-rating-2 = 2: poor
track-rating-1 = 1: very poor
track-comment = Anything you want to tell us (optional)
track-send = Send
track-reply-label = Reply or add information
track-reply-hint = It goes to the team dealing with your case.
track-reply-reopens = Your case will be reopened.
track-send-message = Send message
track-closed = This case is closed. To tell us something new, report it again.
track-report-again = Report it again
track-happened = What has happened
track-see-all = See everything about this case
track-see-all-text = To see what has happened, reply or add information, tell us the email address or phone number you gave us. The link in our email does this for you.
track-answer-label = Email address or phone number
track-continue = Continue
track-privacy = For your privacy, this page does not show what you told us until then.
done-reply = We have your message and added it to your case
done-escalated = Your case has gone to the team leader
done-stage2 = We have your request to take your complaint to stage 2
done-review = We have your request for an internal review
done-thanks = Thank you for telling us
done-reopened = We have reopened your case and will look at it again
done-reopened-by = We have reopened your case. We will deal with it by { $date }.
event-created = We received your request
event-status = Status: { $status }
event-we-wrote = We wrote to you
event-we-wrote-post = We are writing to you by post
event-letter-posted = We posted our letter to you
event-you-wrote = You wrote to us
event-date-moved = We moved the date for { $title } to { $date }
event-why = Why: { $reason }
event-escalated = You asked for this to go to the team leader because it was late
event-stage2-requested = You asked us to take your complaint to stage 2
event-stage2-acknowledged = We acknowledged your request for stage 2
event-review-requested = You asked for an internal review
track-error-answer-empty = Enter the email address or phone number you gave us
track-error-answer-wrong = That does not match the email address or phone number we have for this case
track-error-answer-too-many = There have been too many wrong answers for this case. Try again in an hour, or contact us
track-error-message-empty = Enter your message
track-error-message-long = Your message must be { $max } characters or fewer
track-error-solved = Say whether this solved it
track-error-rating = Choose a rating from 1 to 5
track-error-comment-long = Your comment must be { $max } characters or fewer
track-error-closed = This case is closed. To tell us something new, report it again.
track-error-not-late = This case is not past its date, so it cannot be escalated yet.
track-error-no-stage2 = You can ask for stage 2 once we have answered your complaint, and only once.
track-error-no-review = You can ask for a review once we have answered your request, and only once.
track-error-answered = We already have your answer for this case. Thank you.

## After sending a form
sent-title = Sent
sent-reference = Your reference is
sent-keep = Keep this reference. Give it if you contact us about this again, so you do not have to explain it twice.
sent-next = What happens next
sent-next-text = The team that deals with this will look at it. If you gave an email address, we will send you the reference and tell you when to expect a reply.
sent-follow = Follow your case
sent-follow-text = , with the dates we promise.
sent-other = Report or ask about something else

## How we are doing
perf-title = How we are doing
perf-lead = We publish what we promise and whether we keep it. These figures are live: every case counts the moment it changes.
perf-download = Download the figures, free to reuse under the Open Government Licence:
perf-csv = CSV
perf-json = JSON
perf-licence = Open Government Licence
perf-dictionary = What each figure means
perf-wards-csv = Contacts by ward, month by month (CSV)
perf-wards-heading = Who we hear from
perf-wards-lead = Contacts from each ward this month, and per 1,000 residents, so you can see which communities we hear from and which we do not. A ward comes from the postcode given. Fewer than 5 contacts are shown as suppressed, so nobody can be picked out.
perf-ward = Ward
perf-ward-residents = Residents
perf-ward-contacts = Contacts
perf-ward-per-thousand = Per 1,000 residents
perf-suppressed = Fewer than 5
perf-show-for = Show figures for
perf-all-services = All services
perf-show = Show figures
perf-so-far = { $month } so far
perf-kept = of promises due were kept
perf-received = cases received
perf-open-late = open cases are past their date now
perf-median = median time to resolve, in working days
perf-none-due-yet = None due yet
perf-promises = Our promises
perf-no-promises = We have not published any promises yet.
perf-statutory = Complaints and information requests
perf-statutory-text = These time limits are set by law or by the Housing Ombudsman's and Local Government and Social Care Ombudsman's complaint handling code. The Information Commissioner expects councils to answer at least 90% of Freedom of Information requests within 20 working days.
perf-no-figures = We have no figures for this promise yet.
perf-over-year = Over the last 13 months:
perf-share = { $percent }% kept ({ $met } of { $due } due)
perf-none = none were due
perf-chart = { $title }: share kept each month. The same figures are in the table below.
perf-show-table = Show the figures for { $title } as a table
perf-by-month = { $title }, by month
perf-month = Month
perf-kept-column = Kept
perf-due-column = Due
perf-share-column = Share kept
perf-channels = How people contact us
perf-channels-caption = Cases received, by how they reached us
perf-total = Total
perf-times = How long it takes, and what residents think
perf-times-text = Times are in working days from the day we received the case to the day we resolved it. Half of cases took the median or less; 9 in 10 took the 90th percentile or less.
perf-times-caption = Resolution times, satisfaction and escalations, by month
perf-resolved = Resolved
perf-median-column = Median
perf-p90 = 90th percentile
perf-ratings = Ratings
perf-average = Average rating
perf-rated-high = Rated 4 or 5
perf-solved = Said it was solved
perf-escalated = Escalated as late
perf-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
perf-out-of-5 = { $rating } out of 5
channel-web = Online form
channel-email = Email
channel-phone = Phone
channel-letter = Letter
channel-visit = Visit
channel-social = Social media
channel-api = Partner system
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}

## A service's form
optional = (optional)
report-description-label = Tell us what you need
report-description-label-callback = What do you want to talk about?
report-description-hint = Give as much detail as you can. Do not include bank details. Up to { $max } characters.
report-description-hint-callback = Tell us what it is about and when is best to call, for example "council tax, any weekday after 3pm". Do not include bank details. Up to { $max } characters.
report-files-label = Photos or documents (optional)
report-files-hint = A photo often helps us find and fix a problem. Up to { $files } files, each smaller than { $mb } MB: a JPG, PNG, HEIC or WebP photo, or a PDF.
report-files-added = Files you have added
report-files-remove-hint = Tick a file to take it off.
report-file-remove = Take off { $file } ({ $size })
report-where = Where is it?
report-address = Address or place
report-address-hint = For example, 12 High Street, or outside the library on Station Road
report-address-optional = Address or place (optional)
report-address-optional-hint = Leave this empty if your question is not about a place
report-postcode = Postcode (optional)
report-map-label = Or drop a pin on the map (optional)
report-map-hint = Click or tap the place. Drag the map to move around, and use + and − to zoom.
report-map-clear = Remove the pin
report-map-dropped = Pin dropped at { $place }.
report-map-removed = The pin was removed.
report-your-details = Your details
report-known = We will reply to { $name }.
report-known-email = Email: { $email }
report-known-phone = Phone: { $phone }
report-not-you = Not you? Give different details
report-phone-call = Phone number to call
report-phone-call-hint = A UK number, or an international one starting with +
report-details-use = We use these only to reply to you about this.
report-name = Full name
report-email-optional = Email address (optional)
report-email-optional-hint = We will send your reference here
report-email = Email address
report-email-hint = We will send your reference and updates here. Give an email address or a phone number.
report-phone-optional = Phone number (optional if you gave an email address)
date-day = Day
date-month = Month
date-year = Year

## Check your answers
check-title = Check your answers: { $service }
check-heading = Check your answers before sending
check-what-you-need = What you need
check-what-about = What it is about
check-not-given = Not given
check-files = Photos or documents
check-no-files = None
check-where = Where
check-pin = A pin on the map
check-name = Name
check-email = Email address
check-phone = Phone number
check-not-you = Not you?
check-change = Change
check-confirm = By sending this you confirm that, as far as you know, what you have told us is correct.
check-send = Send

## Errors on the form
label-description = a description
label-address = the address or place
label-name = your name
label-email = your email address
label-phone = your phone number
label-postcode = a postcode
error-enter = Enter { $label }
error-too-long = The text for { $label } must be { $max } characters or fewer (you entered { $len })
error-unreadable = The text for { $label } contains characters we cannot accept; retype it without them
error-email-format = Enter an email address in the correct format, like name@example.com
error-phone-format = Enter a phone number, like 01632 960 001 or +44 7700 900 982
error-postcode-format = Enter a real postcode, like SW1A 1AA
error-pin = The pin on the map could not be used. Drop it again, or leave it out
error-where = Enter the address or place, or a postcode, so we can find it
error-contact = Enter an email address or a phone number, so we can tell you what happens
error-callback-phone = Enter a phone number, so we can call you back
error-field-number = Enter a number for “{ $label }”, like 3 or 2.5
error-field-listed = Choose from the answers listed for “{ $label }”
error-field-choose = Choose an answer to “{ $label }”
error-field-enter = Enter an answer to “{ $label }”
error-field-date-missing = “{ $label }” must include a day, month and year
error-field-date-real = “{ $label }” must be a real date, like 27 3 2026
error-file-gone = A file you added was not sent within an hour, so it was deleted. Add it again
error-title-too-many = Too many tries
error-message-too-many = You have sent this too many times in a short time. Wait a few minutes, then try again.
error-uploads-full = You have added as many files as we can keep for you for now. Send your report without more files, or try again in an hour
error-uploads-busy = We cannot take more files just now. Send your report without files, or try again later
error-file-too-big = Each file must be smaller than { $max } MB
error-too-many-files = Add no more than { $max } files
error-file-not-added = Add no more than { $max } files: { $file } was not added
error-file-empty = The file { $file } is empty
error-file-size = The file { $file } must be smaller than { $max } MB
error-file-type = The file { $file } must be a JPG, PNG, HEIC or WebP photo, or a PDF
check-now-send-report = Now send your report
check-now-send-request = Now send your request
check-pin-at = A pin on the map at { $place }

## Error pages
error-home = Go to the home page
error-title-not-found = Page not found
error-title-bad-request = There is a problem
error-title-forbidden = You cannot do this
error-title-expired = The form has expired
error-title-internal = Sorry, there is a problem with the service
error-message-not-found = If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.
error-message-forbidden = Your role does not include this. Ask your team lead or an administrator if you need it.
error-message-expired = Nothing was changed. Go back, reload the page and try again.
error-message-internal = Try again later. Nothing you sent has been given a reference unless you saw one.

## Accessibility statement
a11y-title = Accessibility statement
a11y-intro = This statement is about the website you use to contact { $council }, report problems, ask for services and follow your case. { $council } runs it. We want as many people as possible to be able to use it. You should be able to:
a11y-can-colours = change colours, contrast levels and fonts using your browser or device settings
a11y-can-zoom = zoom in up to 400% without the text spilling off the screen
a11y-can-keyboard = get around the whole website using just a keyboard
a11y-can-nojs = use it with JavaScript turned off
a11y-can-reader = listen to it using a screen reader, such as NVDA, JAWS or VoiceOver
a11y-can-language = read it in English, Welsh or Arabic
a11y-plain = We use plain English, and the page designs of the GOV.UK Design System, which are tested with disabled people.
a11y-how = How accessible this website is
a11y-compliant = This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, with the exceptions listed below.
a11y-map = The map on report forms
a11y-map-text = You can drop a pin on a map to say where a problem is. The map needs a mouse, touch or the arrow keys and does not work with every screen reader. You never need it: the address and postcode boxes beside it do the same job.
a11y-english-data = Some words are in English on pages in other languages
a11y-english-data-text = The names and descriptions of services, service notices, the questions on forms and our promises are written by council staff in English. They are marked as English, so screen readers read them correctly.
a11y-cannot = What to do if you cannot use this website
a11y-cannot-text = You can phone, email, write to or visit us, or ask us to call you back. Tell us if you need information in another format, like large print, easy read, audio or Braille, or an interpreter. We will reply within 3 working days.
a11y-report = Reporting accessibility problems with this website
a11y-report-text = We are always looking to improve. If you find a problem not listed here, or think we are not meeting the requirements, email { $email } and it becomes a case with a reference, like any other contact.
a11y-enforcement = Enforcement procedure
a11y-enforcement-text = The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
a11y-eass = Equality Advisory and Support Service
a11y-tested = How we tested this website
a11y-tested-text = Every public page, including its error messages and in every language, is checked automatically each time the website changes: axe-core runs the WCAG 2.2 A and AA tests in the Chromium browser, and the main journeys (reporting a problem, following a case, replying and giving feedback) are tested with JavaScript turned off and by keyboard alone.
a11y-tested-people = Automated tests find only some problems. We also ask disabled residents to try the website, and we act on what they tell us.

## Cookies
cookies-title = Cookies
cookies-intro = Cookies are small files saved on your phone, tablet or computer when you visit a website. This website uses only the cookies it needs to work. We do not use cookies to measure how you use the website, and nothing tracks you for advertising, so we do not ask for your permission.
cookies-caption = Cookies this website sets
cookies-name = Name
cookies-purpose = What it is for
cookies-expiry = When it goes
cookies-case = Remembers that you gave the email address or phone number for a case, or opened it from our email, so you can see it and reply. Each case has its own.
cookies-case-expiry = After 30 days
cookies-you = Set only if you open the link in our email that saves you typing your details again. Choose "Not you?" on a form to remove it.
cookies-you-expiry = After 90 days
cookies-lang = Remembers the language you chose.
cookies-lang-expiry = After a year
cookies-staff = For council staff only: keeps them signed in to the staff workspace and protects the sign-in form.
cookies-staff-expiry = When they sign out, after 2 hours unused, or after 12 hours

## Privacy
privacy-title = How we use your information
privacy-controller = { $council } is the data controller for what you tell us through this website, by email, by phone, by letter or in person.
privacy-collect = What we collect
privacy-collect-name = your name, and the email address, phone number or address you give us
privacy-collect-what = what you tell us, your answers to the form's questions, and any photos or documents you send
privacy-collect-where = where the problem is, if you tell us, including a pin you drop on a map
privacy-collect-history = everything we and you do about your case, with the date and time
privacy-why = Why we use it
privacy-why-text = To deal with what you asked, to keep you up to date, and to check and publish how well we keep our promises. Published figures are counts only and never identify anyone. The law that lets us do this is that it is part of our public task (UK GDPR Article 6(1)(e)).
privacy-who = Who sees it
privacy-who-text = The council staff who deal with your case, and any contractor that does the work for us, who see only the cases given to them. Every time a member of staff opens your case it is recorded. We do not sell your information or use it for marketing.
privacy-map = If you use the map on a form, your browser fetches the map pictures from our map provider, which sees your IP address.
privacy-keep = How long we keep it
privacy-keep-text = We keep the personal information in each case for the time below after the case is closed. Then we remove your name, contact details, address, what you wrote and any files, and keep only the figures, which never identify anyone. A photo you sent with a form you did not finish is deleted after an hour.
privacy-keep-what = What it is
privacy-keep-how-long = How long we keep it after the case closes
privacy-keep-hold = We keep a case for longer only when the law needs it, for example while the Ombudsman, a tribunal or a court is looking at it.
privacy-kind-enquiry = Questions and enquiries
privacy-kind-service_request = Reports and requests for a service
privacy-kind-complaint = Complaints
privacy-kind-compliment = Compliments
privacy-kind-foi = Freedom of Information requests
privacy-kind-eir = Environmental information requests
privacy-kind-subject_access = Requests for your own information
privacy-kind-erasure = Requests to delete your information
privacy-kind-rectification = Requests to correct your information
privacy-kind-restriction = Requests to stop using your information
privacy-kind-callback = Requests for a call back (our call records)
privacy-kind-reception_visit = Visits to our reception that did not need a case
privacy-period-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
privacy-period-months = { $n ->
    [one] 1 month
   *[other] { $n } months
}
privacy-rights = Your rights
privacy-rights-text = You can ask for a copy of the information we hold about you, and ask us to correct it, delete it or stop using it. Email { $email } or contact us another way. If you are unhappy with how we use your information, you can complain to the Information Commissioner's Office.
privacy-ico = Complain to the Information Commissioner's Office

## Errors about one request
error-ref-empty = Enter a reference.
error-ref-length = A reference has 6 or 9 letters and numbers after the prefix.
error-ref-character = A reference cannot contain “{ $character }”.
error-ref-check = That reference is not one of ours; check it for a mistyped letter or number.
error-ref-missing = Enter your reference, like KMB-4K7-9QX. It is in the email we sent you.
error-link-incomplete = That link is not complete. Copy the whole link from the email, or enter your reference with the email address or phone number you gave us.
error-prove-first = To do that, first enter the email address or phone number you gave us on the page for case { $reference }.
error-no-service = There is no service called “{ $code }”. Find it in the list of services.
error-no-group = There is no group of services called “{ $group }”. Choose one from the list on the performance page.
error-you-link = That link has expired or is not complete. You can still report or ask about anything: we will ask for your details.
error-unreadable-form = We could not read the form that was sent. Go back and try again.

## The open data's dictionary
dict-title = Performance data: what each figure means
dict-intro = The data behind how we are doing is at two addresses that will not change:
dict-csv = one row per month, service, measure and key
dict-json = the same rows, with the list of standards and the number of open cases past their date now
dict-group = Add ?group= and a service group's name to either for that group only. Both cover this month and the 12 before it, are made afresh at most once a minute, and are free to reuse under the Open Government Licence v3.0.
dict-columns = Columns
dict-measures = Measures
dict-measures-caption = Each measure, what it counts and what its key means
dict-measure = Measure
dict-counts = What it counts
dict-key = Key
dict-english = The column names, measures and keys are codes in English, the same in every language, so the files can be read by programs.
dict-share = A promise's share kept is standard_met divided by standard_met plus standard_missed for its key. Medians and 90th percentiles are nearest-rank: the smallest number of days that half (or 9 in 10) of the month's resolved cases took or less.
dict-standards = Standards
dict-standards-caption = The key of each promise
dict-promise = Promise
dict-target = Target
dict-col-month = The calendar month, as YYYY-MM, in UK time.
dict-col-service_group = The heading the service is listed under.
dict-col-service_code = The service's short code, which does not change. Empty for figures no service owns, such as phone calls'.
dict-col-service = The service's name.
dict-col-measure = What is counted: see the measures below.
dict-col-key = What narrows the measure, which depends on the measure.
dict-col-value = How many.
dict-m-received = Cases received in the month, by the channel they came in by.
dict-k-received = the channel: web, email, phone, letter, visit, social or api
dict-m-standard_met = Promises kept: a published standard's clock that stopped in time, counted in the month it stopped.
dict-k-standard_met = the standard's id, as listed below
dict-m-standard_missed = Promises missed: a standard's clock that passed its date, counted in the month it fell due.
dict-k-standard_missed = the standard's id, as listed below
dict-m-resolved_in_working_days = Cases resolved in the month, by how many working days they took. A case reopened later is taken back.
dict-k-resolved_in_working_days = whole working days from the day received to the day resolved
dict-m-rating = Residents' answers to "how would you rate how we dealt with this?" after resolution.
dict-k-rating = the rating, 1 (very poor) to 5 (very good)
dict-m-solved = Residents' answers to "did this solve it?" after resolution. No reopens the case.
dict-k-solved = yes or no
dict-m-escalated_by_resident = Cases a resident escalated to a team leader because they were past their date: failure demand.
dict-k-escalated_by_resident = empty
dict-m-waited_minutes = People met face to face, by how long they waited past the time: a visitor from arriving to being called, an appointment from its time to its start (or from a late arrival), an officer's home visit from the arranged time to the officer's arrival.
dict-k-waited_minutes = standard:site:minutes, such as visitor-seen:town-hall:7 (whole minutes, rounded down, at most 240; the site of a home visit is home)
dict-m-contacts = Contacts from customers in the month (a form, an email, a call, a letter, a visit), each counted once as value demand (what the service is for) or failure demand (caused by not doing something, or not doing it right). Contacts with no case have an empty service code.
dict-k-contacts = channel:demand, such as phone:progress_chasing. Demand is value, progress_chasing, not_done, clarification, misdirected or repeat
dict-m-handoff = Cases passed from one team to another in the month.
dict-k-handoff = the team it left and the team it went to, as their numbers, such as 3:5
dict-m-open_past_date_now = Open cases past the date of a promise at the moment the file was made (one row, in the current month).
dict-k-open_past_date_now = empty

## The disclosure log
disclosure-title = Disclosure log
disclosure-intro = Answers we have given to Freedom of Information and environmental information requests, published so that anyone can read them. We never show who asked.
disclosure-ask = To ask for information yourself, choose from our services.
disclosure-caption = Published answers, newest first
disclosure-none = Nothing has been published yet.
disclosure-subject = Subject
disclosure-received = Asked
disclosure-answered = Answered
disclosure-law = Law
disclosure-law-foi = Freedom of Information Act 2000
disclosure-law-eir = Environmental Information Regulations 2004
disclosure-outcome = Outcome
disclosure-outcome-provided = Information provided in full
disclosure-outcome-part_provided = Information provided in part
disclosure-outcome-refused = Refused
disclosure-outcome-not_held = We do not hold the information
disclosure-withheld = Why information was withheld
disclosure-request = The request
disclosure-response = Our answer
disclosure-older = Older answers
disclosure-all = All published answers
callback-when-legend = When should we call you?
callback-when-hint = Mornings are until 12:30pm; afternoons from 12:30pm until we close.
callback-when-asap = As soon as we can (within 1 working day)
callback-when-today-am = This morning
callback-when-today-pm = This afternoon
callback-when-next-am = The next working day, in the morning
callback-when-next-pm = The next working day, in the afternoon
error-callback-when = Choose when we should call you

## Checking an officer's card, and the reception board
officer-title = Check an officer's identity card
officer-intro = Every officer who visits a home carries an identity card with a number on it. Type the number to check it. You can also phone us on { $phone }.
officer-card = The number on the card
officer-postcode = Your postcode (optional)
officer-postcode-hint = To check they have a visit to you arranged today
officer-check = Check the card
officer-known = This is a current officer
officer-visiting = They have a visit to your postcode arranged for today.
officer-not-visiting = They have no visit to your postcode arranged for today. Do not let them in until you have phoned us on { $phone }.
officer-add-postcode = Add your postcode to check they have a visit to you arranged for today.
officer-unknown = No current officer has the card { $card }. Do not let them in. Phone us on { $phone }, or the police on 101 (999 if you feel in danger).
officer-error-card = Enter the number on the identity card, as it is printed
board-calling = Now calling
board-nobody = Nobody is being called just now.
board-ticket = Ticket
board-go-to = Go to
board-reception = Reception
board-waiting = Waiting: { $waiting }. Usual wait: { $wait }.
board-no-wait = No wait just now
board-under-5 = Less than 5 minutes
board-about = About { $minutes } minutes
board-soon = We will call you soon
board-look-again = Look again
board-promise = We aim to see you within 15 minutes. If we cannot, we will tell you why and how long it will be.
officer-warning = Warning

## Equality monitoring on the report form (optional; counted only)
eq-summary = Help us check we serve everyone (optional)
eq-intro = These questions help us see whether some groups of people find it harder to reach us. Every question is optional. Your answers are only added to totals: they are not kept with your report, and staff dealing with it do not see them.
error-equality = Choose one of the answers, or leave the question out
eq-age = Your age
eq-age-16-24 = 16 to 24
eq-age-25-34 = 25 to 34
eq-age-35-44 = 35 to 44
eq-age-45-54 = 45 to 54
eq-age-55-64 = 55 to 64
eq-age-65-74 = 65 to 74
eq-age-75-plus = 75 or over
eq-age-under-16 = Under 16
eq-age-prefer-not = Prefer not to say
eq-sex = Your sex
eq-sex-female = Female
eq-sex-male = Male
eq-sex-prefer-not = Prefer not to say
eq-ethnicity = Your ethnic group
eq-ethnicity-asian = Asian, Asian British, Asian Welsh
eq-ethnicity-black = Black, Black British, Black Welsh, Caribbean or African
eq-ethnicity-mixed = Mixed or multiple ethnic groups
eq-ethnicity-white = White
eq-ethnicity-other = Another ethnic group
eq-ethnicity-prefer-not = Prefer not to say
eq-disability = Are your day-to-day activities limited because of a health problem or disability which has lasted, or is expected to last, at least 12 months?
eq-disability-yes-a-lot = Yes, limited a lot
eq-disability-yes-a-little = Yes, limited a little
eq-disability-no = No
eq-disability-prefer-not = Prefer not to say

## Messages to a customer: the acknowledgement, and the frame round every update.
## { $date } is a date as "Tuesday 3 March 2026".
mail-dear = Dear { $name },
ack-subject = We have your message
ack-thanks = Thank you for contacting { $council } about "{ $subject }". We have your message.
ack-reference = Your reference is { $reference }.
ack-next-heading = What happens next
ack-next = Our team will look at it.
ack-promise-reply = We will reply by { $date }.
ack-promise-resolve = We will deal with it by { $date }.
ack-add-email = To add anything, reply to this email and keep the reference in the subject.
ack-add-letter = To add anything, write to us at the address at the top of this letter, or phone us, and give your reference.
ack-follow = Follow your case online: { $link }
ack-tell-us-once = To report or ask about something else without typing your details again: { $link }
update-subject = About your case { $reference }
update-follow = Follow your case: { $link }
update-answer-email = To answer, reply to this email and keep the reference in the subject.
update-answer-letter = To answer, write to us at the address at the top of this letter, or phone us, and give your reference.
update-calendar-add = A calendar file is attached to add it to your calendar.
update-calendar-remove = A calendar file is attached to take it out of your calendar.
update-resolved-ask = Did this sort it out? Tell us, or tell us what is still wrong: { $link }

## A service notice's heading, when it is for every service
notice-heading = Notice

## A printed letter's headings
letter-reference = Our reference: { $reference }
letter-date = Date: { $date }
letter-page = Our reference: { $reference } (page { $page })

## Messages the council's system writes to a customer: a deadline extended, a complaint's
## stages, a callback that could not reach them, appointments and home visits.
extension-subject = { $reference }: we need more time
extension-sorry = We are sorry, but we need more time to deal with { $reference }.
extension-by = We will now reply by { $date }.
extension-reason = The reason: { $reason }
extension-answer-email = If this causes you a problem, reply to this message and tell us.
extension-answer-letter = If this causes you a problem, write to us or phone us, and give your reference.
complaint-stage2-received = We have your request to take your complaint to stage 2. Someone who did not deal with it at stage 1 will look at it again.
complaint-stage2-by = We will give you our final answer by { $date }.
complaint-decision = Our decision: your complaint is { $outcome }.
complaint-outcome-upheld = upheld
complaint-outcome-partly_upheld = partly upheld
complaint-outcome-not_upheld = not upheld
complaint-will-do = What we will do by { $date }: { $promise }
complaint-signpost-stage1 = If you are not happy with this answer, you can ask us to look at your complaint again at stage 2. You do not need to give a reason. Reply to this email, or ask on your case's page: { $link }
complaint-signpost-final = This is our final answer. If you are still not happy, you can ask the ombudsman to look at your complaint. It is free and independent. { $ombudsman }
complaint-promised = In our answer we promised this: { $promise }
complaint-promise-done = It is done: { $note }
callback-gave-up = We tried to phone you { $tries } times on { $phone } as you asked, but could not reach you.
callback-ask-again = To ask us to call you again at a time that suits you: { $link }
callback-or-reply = Or reply to this email and tell us what you need.
appointment-booked = Your appointment is booked.
appointment-moved = Your appointment has moved to a new time.
appointment-cancelled = Your appointment on { $when } is cancelled.
appointment-interpreter = We will arrange for this to be there for you: { $what }. If you need anything else, tell us.
appointment-what = What: { $service }
appointment-when = When: { $when }
appointment-where = Where: { $place }
appointment-come-early = Please come to reception a few minutes before the time; we will see you within 5 minutes of it.
appointment-change = To change or cancel it: { $link }
appointment-earlier-link = (the link in our earlier email)
appointment-book-another = To book another: { $link }
appointment-reminder = A reminder of your appointment.
appointment-reminder-change = If you cannot come, please change or cancel it with the link in the email that confirmed it, or phone us, so someone else can have the time.
visit-arranged = { $officer } from { $team } will visit your home { $when }.
visit-card = They will show you an identity card numbered { $card }. To check it is real, go to { $link } or phone us.
visit-cancelled = The visit to your home { $when } is cancelled.
visit-moved = The visit to your home has moved to { $when }.
visit-moved-card = { $officer } will show you an identity card numbered { $card }; check it at { $link }.
visit-window = { $from }, up to { $to }
info-decision-first = Our decision: { $decision }.
info-decision-review = The review's decision: { $decision }.
info-outcome-provided = information provided in full
info-outcome-part_provided = information provided in part
info-outcome-refused = refused
info-outcome-not_held = information not held
info-outcome-upheld = first decision upheld
info-outcome-partly_overturned = first decision partly overturned
info-outcome-overturned = first decision overturned
info-withheld = The law allows us to withhold information for these reasons:
info-closing-foi = If you are not happy with this answer, you can ask for an internal review. Someone who did not make this decision will look at it again. Ask within 40 working days: reply to this email, or ask on your case's page: { $link }
info-closing-eir = If you are not happy with this answer, you can ask us to reconsider it. Someone who did not make this decision will look at it again. Ask within 40 working days: reply to this email, or ask on your case's page: { $link }
info-closing-final = This is our final answer. If you are still not happy, you can complain to the Information Commissioner. It is free and independent. { $regulator }
visit-card-unknown = (ask to see it)

## A date without its weekday: "5 January 2027"
date-short = { $day } { $month } { $year }

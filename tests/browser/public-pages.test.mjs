// Public pages in a real browser: axe-core finds no WCAG 2.2 AA violation on any page,
// error states included, and a resident can report something with JavaScript off.
//
// Run by .ci/run after `cargo test` has built target/debug/frontdoor:
//   node --test tests/browser/
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, newPage as open, expectAccessible, expectNoScriptErrors, emailAbout, PASSWORD } from './support.mjs'

let demo
let base

before(async () => {
  demo = await startDemo()
  base = demo.base
})

after(async () => {
  await demo?.stop()
})

const newPage = options => open(demo.browser, options)

for (const [what, path, status] of [
  ['the home page', '/', 200],
  ['the list of services', '/services', 200],
  ['a report form', '/services/missed-bin/report', 200],
  ['the callback request form', '/services/callback/report', 200],
  ['a form asking several choices', '/services/fly-tipping/report', 200],
  ['a form asking a number', '/services/pothole/report', 200],
  ['a page that does not exist', '/no-such-page', 404],
  ['a mistyped reference', '/cases/KMB-000-001/submitted', 404],
  ['the performance page', '/performance', 200],
  ['the performance page for one group', '/performance?group=Bins%2C+waste+and+recycling', 200],
  ['the performance data dictionary', '/performance/data-dictionary', 200],
  ['the performance page for a group that does not exist', '/performance?group=Nothing', 404],
  ['contact us', '/contact', 200],
  ['a search for a service', '/services?q=bin', 200],
  ['a search that finds nothing', '/services?q=zzzz', 200],
  ['a service page with a notice', '/services/missed-bin', 200],
  ['the accessibility statement', '/accessibility', 200],
  ['the cookies page', '/cookies', 200],
  ['the privacy page', '/privacy', 200],
  ['the disclosure log', '/disclosure-log', 200],
  ['a disclosure log entry', '/disclosure-log/1', 200],
  ['a disclosure log entry that does not exist', '/disclosure-log/999999', 404],
  ['the API documentation', '/api/docs', 200],
  ['a case found with no reference typed', '/cases?reference=', 400]
]) {
  test(`${what} has no WCAG 2.2 AA violations`, async () => {
    const page = await newPage()
    const response = await page.goto(base + path)
    assert.equal(response.status(), status)
    await expectAccessible(page, what)
    expectNoScriptErrors(page, status)
    await page.context().close()
  })
}

test('a form with every field wrong shows an accessible error summary', async () => {
  const page = await newPage()
  await page.goto(base + '/services/missed-bin/report')
  await page.fill('#email', 'not-an-email')
  await page.fill('#answer-due-day', '31')
  await page.fill('#answer-due-month', '2')
  await page.fill('#answer-due-year', '2026')
  await page.click('button[type=submit]')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.title(), /^Error: /)
  const summary = await page.locator('.govuk-error-summary__list a').allTextContents()
  assert.deepEqual(summary, [
    'Enter a description',
    'Choose an answer to "Which bin was missed?"',
    '"When should it have been collected?" must be a real date, like 27 3 2026',
    'Enter the address or place, or a postcode, so we can find it',
    'Enter your name',
    'Enter an email address in the correct format, like name@example.com'
  ])
  await expectAccessible(page, 'the form with errors')
  await page.context().close()
})

// The first bytes of a JPEG: the server knows a file by its content, not its name.
const JPEG = Buffer.from([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0, 0, 0, 0])

async function fillMissedBin (page) {
  await page.fill('#description', 'Our bin was not emptied on Tuesday.')
  await page.check('#answer-bin-2')
  await page.fill('#answer-due-day', '3')
  await page.fill('#answer-due-month', '3')
  await page.fill('#answer-due-year', '2026')
  await page.fill('#address', '12 High Street')
  await page.fill('#name', 'Jo Resident')
  await page.fill('#email', 'jo@example.com')
}

test('a resident reports a missed bin with a photo, JavaScript off, checks and changes an answer, and gets a reference', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await page.goto(base + '/services')
  await page.click('text=Report a missed bin collection')
  // The service's page says what it covers, what we promise, and any notice about it.
  assert.match(await page.locator('main').textContent(), /Collections are a day late this week[\s\S]*What we promise/)
  await page.click('text=Start now')
  await fillMissedBin(page)
  await page.setInputFiles('#attachments', { name: 'our-bin.jpg', mimeType: 'image/jpeg', buffer: JPEG })
  await page.click('button:has-text("Continue")')
  assert.equal(await page.locator('h1').textContent(), 'Check your answers before sending')
  assert.match(await page.locator('main').textContent(), /our-bin\.jpg/)

  // "Change" goes back to the form with everything filled in, the photo kept.
  await page.getByRole('button', { name: 'Change name' }).click()
  assert.equal(await page.inputValue('#name'), 'Jo Resident')
  assert.match(await page.locator('main').textContent(), /Take off our-bin\.jpg/)
  await page.fill('#name', 'Jo Q Resident')
  await page.click('button:has-text("Continue")')
  const check = await page.locator('main').textContent()
  assert.match(check, /Jo Q Resident/)
  assert.match(check, /our-bin\.jpg/)
  await page.click('button:has-text("Send")')
  const reference = await page.locator('.govuk-panel__body strong').textContent()
  assert.match(reference, /^KMB-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/)
  const confirmation = page.url()
  await page.context().close()

  // axe runs as script, so it checks the same page in a context with JavaScript on.
  const checked = await newPage()
  await checked.goto(confirmation)
  await expectAccessible(checked, 'the confirmation page')
  await checked.click('text=Follow your case')
  assert.equal(await checked.locator('h1').textContent(), `Case ${reference}`)
  assert.match(await checked.locator('main').textContent(), /Online forms and emails replied to/)
  await expectAccessible(checked, 'the page that follows a case')
  expectNoScriptErrors(checked)
  await checked.context().close()
})

test('check your answers, and a refused file, have no WCAG 2.2 AA violations', async () => {
  const page = await newPage()
  await page.goto(base + '/services/missed-bin/report')
  await fillMissedBin(page)
  await page.setInputFiles('#attachments', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script>') })
  await page.click('button:has-text("Continue")')
  await page.waitForSelector('.govuk-error-summary')
  const summary = await page.locator('.govuk-error-summary__list a').allTextContents()
  assert.deepEqual(summary, ['The file photo.jpg must be a JPG, PNG, HEIC or WebP photo, or a PDF'])
  await expectAccessible(page, 'the form with a refused file')
  await page.setInputFiles('#attachments', { name: 'bin.jpg', mimeType: 'image/jpeg', buffer: JPEG })
  await page.click('button:has-text("Continue")')
  await page.waitForSelector('h1:has-text("Check your answers")')
  await expectAccessible(page, 'check your answers')
  expectNoScriptErrors(page, 422)
  await page.context().close()
})

test('with JavaScript, a pin dropped on the map says where, without an address', async () => {
  const page = await newPage()
  await page.goto(base + '/services/missed-bin/report')
  await page.waitForSelector('#location-map .leaflet-tile-loaded')
  await page.fill('#description', 'Our bin was not emptied on Tuesday.')
  await page.check('#answer-bin')
  await page.fill('#name', 'Jo Resident')
  await page.fill('#email', 'jo@example.com')
  await page.locator('#location-map').click({ position: { x: 120, y: 100 } })
  assert.match(await page.locator('#map-status').textContent(), /^Pin dropped at -?\d+\.\d{6}, -?\d+\.\d{6}\.$/)
  assert.notEqual(await page.inputValue('#lat'), '')
  await expectAccessible(page, 'the form with its map')
  await page.click('button:has-text("Continue")')
  assert.equal(await page.locator('h1').textContent(), 'Check your answers before sending')
  assert.match(await page.locator('main').textContent(), /A pin on the map at -?\d+\.\d{5}, -?\d+\.\d{5}/)
  await page.click('button:has-text("Send")')
  await page.waitForSelector('.govuk-panel--confirmation')
  expectNoScriptErrors(page)
  await page.context().close()
})

test('the enhancement script runs under the Content-Security-Policy', async () => {
  const page = await newPage()
  await page.goto(base + '/services/missed-bin/report')
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
  expectNoScriptErrors(page)
  await page.context().close()
})

test('keyboard users can skip to the main content', async () => {
  const page = await newPage()
  await page.goto(base + '/services')
  await page.keyboard.press('Tab')
  const focused = await page.evaluate(() => document.activeElement.textContent.trim())
  assert.equal(focused, 'Skip to main content')
  await page.context().close()
})

test('a resident reports, gets the email, follows the case, replies, sees a staff update, rates it and reopens it', async () => {
  // Report a missed bin.
  const resident = await newPage()
  await resident.goto(base + '/services/missed-bin/report')
  await resident.fill('#description', 'The green bin was not emptied.')
  await resident.check('#answer-bin')
  await resident.fill('#address', '9 Mill Lane')
  await resident.fill('#postcode', 'KM4 7QT')
  await resident.fill('#name', 'Robin Resident')
  await resident.fill('#email', 'robin@example.com')
  await resident.click('button:has-text("Continue")')
  await resident.click('button:has-text("Send")')
  const reference = await resident.locator('.govuk-panel__body strong').textContent()

  // The reference alone asks for proof; a wrong answer is named beside the field.
  await resident.goto(`${base}/cases/${reference}`)
  assert.doesNotMatch(await resident.locator('main').textContent(), /green bin/)
  await resident.fill('#answer', 'KM1 1AA')
  await resident.click('button:has-text("Continue")')
  await resident.waitForSelector('.govuk-error-summary')
  await expectAccessible(resident, 'the case page with a wrong answer')
  await resident.context().close()

  // The acknowledgement email's link opens the whole case in a new browser.
  const email = await emailAbout(demo.mailDir, reference)
  const link = email.match(/http:\/\/\S+\/cases\/\S+\/open\/[0-9a-f]+/)[0]
  const page = await newPage()
  await page.goto(link.replace(/^http:\/\/[^/]+/, base))
  assert.match(await page.locator('main').textContent(), /The green bin was not emptied\./)
  assert.match(await page.locator('.moj-timeline').textContent(), /We received your request/)
  await expectAccessible(page, 'the whole case, opened from the email')

  // An empty reply is refused; a real one joins the timeline.
  await page.click('button:has-text("Send message")')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the case page with an empty reply')
  await page.fill('#message', 'It has been missed twice now.')
  await page.click('button:has-text("Send message")')
  await page.waitForSelector('.govuk-notification-banner--success')
  assert.match(await page.locator('.moj-timeline').textContent(), /You wrote to us\s*[\s\S]*It has been missed twice now\./)

  // The waste officer resolves it, saying what was done.
  const officer = await newPage()
  await officer.goto(base + '/staff/sign-in')
  await officer.fill('#email', 'waste.officer@kingsmead.example')
  await officer.fill('#password', PASSWORD)
  await officer.click('button:has-text("Sign in")')
  await officer.goto(`${base}/staff/cases/${reference}?open=status#status-details`)
  await officer.check('input[name=status][value=resolved]')
  await officer.fill('#status-note', 'We emptied the green bin this morning.')
  await officer.click('button:has-text("Change status")')
  await officer.waitForSelector('.govuk-notification-banner--success')
  await officer.context().close()

  // The resident sees the update and is asked whether it solved it.
  await page.goto(`${base}/cases/${reference}`)
  assert.match(await page.locator('.moj-timeline').textContent(), /We emptied the green bin this morning\./)
  await page.click('form[action$="/feedback"] button')
  await page.waitForSelector('.govuk-error-summary')
  const problems = await page.locator('.govuk-error-summary__list a').allTextContents()
  assert.deepEqual(problems, ['Say whether this solved it', 'Choose a rating from 1 to 5'])
  await expectAccessible(page, 'the feedback form with errors')
  await page.check('#solved-no')
  await page.check('#rating-2')
  await page.fill('#comment', 'The blue bin was missed too.')
  await page.click('form[action$="/feedback"] button')
  await page.waitForSelector('.govuk-notification-banner--success')
  assert.match(await page.locator('.govuk-notification-banner').textContent(), /We have reopened your case\. We will deal with it by [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ 20\d\d\./)
  assert.match(await page.locator('main').textContent(), /Reopened/)
  await expectAccessible(page, 'the case page after reopening')
  expectNoScriptErrors(page, 422)
  await page.context().close()
})

test('the language switcher works without JavaScript, and Welsh and Arabic pages (right to left) have no WCAG 2.2 AA violations', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await page.goto(base + '/')
  await page.click('a[hreflang=cy]')
  assert.equal(await page.getAttribute('html', 'lang'), 'cy')
  assert.equal(await page.locator('h1').textContent(), 'Cysylltu â Kingsmead Borough Council')
  await page.click('footer a[href="/contact"]')
  assert.equal(await page.getAttribute('html', 'lang'), 'cy')
  assert.match(await page.locator('main').textContent(), /Pan fyddwch yn ffonio, pwyswch:/)
  // The staff workspace is in English: its sign-in page is marked so, and says so in Welsh.
  await page.goto(base + '/staff/sign-in')
  assert.equal(await page.getAttribute('html', 'lang'), 'en')
  assert.match(await page.locator('.app-untranslated').textContent(), /Nid yw'r dudalen hon ar gael yn Gymraeg eto/)
  await page.click('a[hreflang=ar]')
  assert.equal(page.url(), base + '/staff/sign-in')
  await page.context().close()

  // A case to follow in each language.
  const reporter = await newPage()
  await reporter.goto(base + '/services/general/report')
  await reporter.fill('#description', 'When is the library open?')
  await reporter.fill('#name', 'Ali Resident')
  await reporter.fill('#email', 'ali@example.com')
  await reporter.click('button:has-text("Continue")')
  await reporter.click('button:has-text("Send")')
  const reference = await reporter.locator('.govuk-panel__body strong').textContent()
  await reporter.context().close()

  for (const code of ['cy', 'ar']) {
    const checked = await newPage()
    await checked.goto(`${base}/language/${code}?next=/`)
    await expectAccessible(checked, `the front page in ${code}`)
    await checked.goto(`${base}/cases/${reference}`)
    assert.equal(await checked.getAttribute('html', 'lang'), code)
    await checked.fill('#answer', 'nobody@example.com')
    await checked.click('form[action$="/check"] button')
    await checked.waitForSelector('.govuk-error-summary')
    await expectAccessible(checked, `a case page with a wrong answer in ${code}`)
    await checked.fill('#answer', 'ali@example.com')
    await checked.click('form[action$="/check"] button')
    await checked.waitForSelector('.moj-timeline')
    await expectAccessible(checked, `the whole case in ${code}`)
    for (const path of ['/services?q=bin', '/services/missed-bin', '/contact', '/performance', '/performance/data-dictionary', '/accessibility', '/cookies', '/privacy', '/disclosure-log', '/disclosure-log/1']) {
      await checked.goto(base + path)
      await expectAccessible(checked, `${path} in ${code}`)
    }
    // A form, its errors, and check your answers.
    await checked.goto(base + '/services/missed-bin/report')
    await expectAccessible(checked, `a form in ${code}`)
    await checked.click('main form button[type=submit]')
    await checked.waitForSelector('.govuk-error-summary')
    await expectAccessible(checked, `a form with errors in ${code}`)
    await checked.goto(base + '/services/general/report')
    await checked.fill('#description', 'When is the library open?')
    await checked.fill('#name', 'Ali Resident')
    await checked.fill('#email', 'ali@example.com')
    await checked.click('main form button[type=submit]')
    await checked.waitForSelector('.govuk-summary-list')
    assert.equal(await checked.getAttribute('html', 'lang'), code)
    await expectAccessible(checked, `check your answers in ${code}`)
    await checked.goto(base + '/staff/sign-in')
    await expectAccessible(checked, `an untranslated page with the ${code} note`)
    expectNoScriptErrors(checked, 422)
    await checked.context().close()
  }

  // Right to left: the page runs from the right, the council's name at the right of the
  // header and the languages at its left, and nothing is wider than the screen.
  const rtl = await newPage({ viewport: { width: 1000, height: 800 } })
  await rtl.goto(`${base}/language/ar?next=/`)
  assert.equal(await rtl.evaluate(() => getComputedStyle(document.querySelector('main')).direction), 'rtl')
  const name = await rtl.locator('.app-header__council').boundingBox()
  const languages = await rtl.locator('.app-languages').boundingBox()
  const heading = await rtl.locator('h1').boundingBox()
  assert.ok(name.x > 500, `the council's name starts at the right (x = ${name.x})`)
  assert.ok(languages.x + languages.width < 500, 'the languages are at the left')
  assert.ok(heading.x + heading.width > 600, 'the heading is set from the right')
  assert.equal(await rtl.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true)
  await rtl.context().close()
})

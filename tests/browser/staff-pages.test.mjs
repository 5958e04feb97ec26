// The staff workspace in a real browser, by keyboard alone: an adviser signs in, logs a
// phone call for a resident, checks the mail that could not be understood, and signs
// out. axe-core finds no WCAG 2.2 AA violation on any staff page, error states included.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createConnection } from 'node:net'
import { createHmac } from 'node:crypto'
import { startDemo, newPage, expectAccessible, expectNoScriptErrors, PASSWORD } from './support.mjs'

let demo

before(async () => {
  demo = await startDemo()
})

after(async () => {
  await demo?.stop()
})

// Presses Tab until the element matching `selector` has focus, as a keyboard user would.
async function tabTo (page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate(s => document.activeElement?.matches(s), selector)) return
    await page.keyboard.press('Tab')
  }
  assert.fail(`Tab never reached ${selector}`)
}

async function typeInto (page, selector, text) {
  await tabTo(page, selector)
  await page.keyboard.type(text)
}

async function signIn (page, email) {
  await page.goto(demo.base + '/staff')
  assert.match(page.url(), /\/staff\/sign-in\?next=\/staff$/)
  await typeInto(page, '#email', email)
  await typeInto(page, '#password', PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff')
}

// One SMTP conversation over a real socket: a message with no sender, which the council
// cannot answer, so it waits for staff.
function sendUnanswerableMail () {
  const lines = ['EHLO tests.example', 'MAIL FROM:<someone@example.org>', 'RCPT TO:<contact@kingsmead.example>', 'DATA',
    'To: contact@kingsmead.example\r\nSubject: Nobody signed this\r\n\r\nWho sent this?\r\n.', 'QUIT']
  return new Promise((resolve, reject) => {
    const socket = createConnection(demo.smtp, '127.0.0.1')
    let said = ''
    socket.setEncoding('utf8')
    socket.on('data', chunk => {
      said += chunk
      // Send the next line after each complete reply.
      while (said.includes('\r\n')) {
        const [reply] = said.split('\r\n', 1)
        said = said.slice(reply.length + 2)
        if (reply[3] === '-') continue
        if (reply.startsWith('250 2.0.0') || reply.startsWith('221')) { socket.end(); resolve(); return }
        if (!/^[23]/.test(reply)) { reject(new Error(`SMTP said ${reply}`)); return }
        const next = lines.shift()
        if (next !== undefined) socket.write(next + '\r\n')
      }
    })
    socket.on('error', reject)
  })
}

test('the sign-in page, and its error state, have no WCAG 2.2 AA violations', async () => {
  const page = await newPage(demo.browser)
  await page.goto(demo.base + '/staff/sign-in')
  await expectAccessible(page, 'the sign-in page')
  await typeInto(page, '#email', 'adviser@kingsmead.example')
  await typeInto(page, '#password', 'not the password')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-error-summary')
  assert.equal(await page.locator('.govuk-error-summary__list a').textContent(), 'The email address or password is not right')
  await expectAccessible(page, 'the sign-in page with an error')
  expectNoScriptErrors(page, 422)
  await page.context().close()
})

test('an adviser logs a phone call for a resident by keyboard alone', async () => {
  const page = await newPage(demo.browser)
  await signIn(page, 'adviser@kingsmead.example')
  await expectAccessible(page, 'the staff home page')

  await tabTo(page, 'a[href="/staff/log"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/log')
  await expectAccessible(page, 'the log a contact form')

  // Sending it empty shows every problem, linked to its field.
  await tabTo(page, 'main form button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.title(), /^Error: /)
  await expectAccessible(page, 'the log a contact form with errors')

  // Phone is already chosen; pick the service with the arrow keys.
  const options = await page.locator('#service option').evaluateAll(os => os.map(o => o.value))
  await tabTo(page, '#service')
  for (let i = 0; i < options.indexOf('missed-bin'); i++) await page.keyboard.press('ArrowDown')
  assert.equal(await page.locator('#service').inputValue(), 'missed-bin')
  await typeInto(page, '#description', 'Caller says the green bin was missed on Monday.')
  await typeInto(page, '#name', 'Pat Caller')
  await typeInto(page, '#email', 'pat@example.com')
  await typeInto(page, '#address', '3 Mill Lane')
  await tabTo(page, 'main form button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-panel--confirmation')
  const reference = await page.locator('.govuk-panel__body strong').textContent()
  assert.match(reference, /^KMB-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/)
  await expectAccessible(page, 'the contact logged page')

  // Find it again by searching for its reference, typed in small letters, and open the customer.
  await tabTo(page, 'a[href="/staff/search"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/search')
  await expectAccessible(page, 'the search page')
  await typeInto(page, '#q', reference.toLowerCase())
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/cases/' + reference)
  assert.equal(await page.locator('h1').textContent(), `Case ${reference}`)
  assert.match(await page.locator('.moj-timeline').textContent(), /Case created/)
  await expectAccessible(page, 'the case page')
  await tabTo(page, 'a[href^="/staff/customers/"]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('h1:has-text("Pat Caller")')
  await expectAccessible(page, 'the customer record')

  // The callbacks due, and booking one with nothing filled in.
  await page.goto(demo.base + '/staff/callbacks')
  assert.equal(await page.locator('h1').textContent(), 'Callbacks due')
  await expectAccessible(page, 'the callbacks due')
  await page.click('button:has-text("Book the callback")')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'booking a callback with errors')
  expectNoScriptErrors(page, 422)

  // Search by words finds the call by what the caller said.
  await tabTo(page, 'a[href="/staff/search"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/search')
  await typeInto(page, '#q', 'green bin missed Monday')
  await page.keyboard.press('Enter')
  await page.waitForURL(/q=green/)
  assert.match(await page.locator('tbody').textContent(), new RegExp(reference))
  await expectAccessible(page, 'search results')
  expectNoScriptErrors(page, 422)
  await page.context().close()
})

test('quarantined mail and the outbox are readable, and sign-out ends the session', async () => {
  await sendUnanswerableMail()
  const page = await newPage(demo.browser)
  await signIn(page, 'adviser@kingsmead.example')
  // The job runner reads the stored message within a few seconds.
  for (let i = 0; i < 40; i++) {
    await page.goto(demo.base + '/staff/mail')
    if (await page.locator('text=Nobody signed this').count()) break
    await page.waitForTimeout(250)
  }
  await expectAccessible(page, 'the mail to check page')
  await tabTo(page, 'tbody a[href^="/staff/mail/"]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.app-raw-mail')
  assert.match(await page.locator('.app-raw-mail').textContent(), /Who sent this\?/)
  await expectAccessible(page, 'a quarantined message')

  await page.goto(demo.base + '/staff/mail/outbox')
  await expectAccessible(page, 'the outbox')

  await tabTo(page, '.app-staff-bar__button')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-notification-banner--success')
  await expectAccessible(page, 'the signed-out page')
  await page.goto(demo.base + '/staff')
  assert.match(page.url(), /\/staff\/sign-in/, 'signed out means signed out')
  expectNoScriptErrors(page)
  await page.context().close()
})

test('an adviser reads the queue by deadline, keeps only the late cases, and opens one, by keyboard alone', async () => {
  const page = await newPage(demo.browser)
  await signIn(page, 'adviser@kingsmead.example')
  await tabTo(page, 'a[href="/staff/queue"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/queue')
  assert.match(await page.locator('h1').textContent(), /: open cases$/)
  await expectAccessible(page, 'the queue')

  // Widen to every team (the adviser's own team may have nothing late on a given day),
  // then choose "Late" in the deadline filter, by typing, as a keyboard user does in a select.
  await tabTo(page, '#team')
  await page.keyboard.type('Every team')
  assert.equal(await page.locator('#team').inputValue(), 'all')
  await tabTo(page, '#deadline')
  await page.keyboard.type('Late')
  assert.equal(await page.locator('#deadline').inputValue(), 'late')
  await tabTo(page, 'main form button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForURL(/deadline=late/)
  // The demo's history always leaves some cases late across the council.
  const deadlines = await page.locator('tbody .govuk-tag').allTextContents()
  assert.ok(deadlines.length > 0, 'the demo has late cases')
  for (const text of deadlines) assert.match(text, /late$/)
  await expectAccessible(page, 'the queue filtered to late cases')
  await tabTo(page, 'tbody a[href^="/staff/cases/"]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('h1:has-text("Case ")')
  await expectAccessible(page, 'a case opened from the queue')
  expectNoScriptErrors(page)
  await page.context().close()
})

// A resident's missed-bin report, sent through the public form; resolves to its reference.
async function residentReports () {
  const page = await newPage(demo.browser)
  await page.goto(demo.base + '/services/missed-bin/report')
  await page.fill('#description', 'The black bin was missed again.')
  await page.check('#answer-bin')
  await page.fill('#address', '4 Mill Lane')
  await page.fill('#name', 'Sam Resident')
  await page.fill('#email', 'sam@example.com')
  await page.click('button:has-text("Continue")')
  await page.click('button:has-text("Send")')
  const reference = await page.locator('.govuk-panel__body strong').textContent()
  await page.context().close()
  return reference
}

async function openCase (page, reference) {
  await tabTo(page, 'a[href="/staff/search"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/search')
  await typeInto(page, '#q', reference)
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/cases/' + reference)
}

test('a caseworker replies from a template and a team lead extends a deadline, by keyboard alone', async () => {
  const reference = await residentReports()

  const officer = await newPage(demo.browser)
  await signIn(officer, 'waste.officer@kingsmead.example')
  await openCase(officer, reference)
  await tabTo(officer, '#reply-details > summary')
  await officer.keyboard.press('Enter')
  // Sent empty first: the error is named, beside the field, and accessible.
  await tabTo(officer, '#reply-details button[value=no]')
  await officer.keyboard.press('Enter')
  await officer.waitForSelector('.govuk-error-summary')
  await expectAccessible(officer, 'the case page with an error')
  // Start from a template, chosen by typing its name in the list.
  await tabTo(officer, '#template')
  await officer.keyboard.type('Done')
  await tabTo(officer, '#reply-details form[method=get] button')
  await officer.keyboard.press('Enter')
  await officer.waitForURL(/template=/)
  assert.match(await officer.inputValue('#reply'), /^We have dealt with this\./)
  // The plain-English check finds nothing in it, so it goes at once.
  await tabTo(officer, '#reply-details button[value=no]')
  await officer.keyboard.press('Enter')
  await officer.waitForSelector('.govuk-notification-banner--success')
  assert.match(await officer.locator('.moj-timeline').textContent(), /We have dealt with this\./)
  await expectAccessible(officer, 'the case page after a reply')
  expectNoScriptErrors(officer, 422)
  await officer.context().close()

  // The reply met the reply deadline, so the team lead extends another case's.
  const another = await residentReports()
  const lead = await newPage(demo.browser)
  await signIn(lead, 'waste.lead@kingsmead.example')
  await openCase(lead, another)
  await tabTo(lead, '#extend-details > summary')
  await lead.keyboard.press('Enter')
  await typeInto(lead, '#by', '2')
  await typeInto(lead, '#reason', 'The crew is short this week.')
  await tabTo(lead, '#extend-details button[type=submit]')
  await lead.keyboard.press('Enter')
  await lead.waitForSelector('.govuk-notification-banner--success')
  assert.match(await lead.locator('.govuk-notification-banner').textContent(), /customer has been told the new date/)
  assert.match(await lead.locator('.moj-timeline').textContent(), /Deadline extended/)
  await expectAccessible(lead, 'the case page after an extension')

  // The team's queue offers bulk actions; sent with nothing chosen, each problem is named.
  await tabTo(lead, 'a[href="/staff/queue"]')
  await lead.keyboard.press('Enter')
  await lead.waitForURL(demo.base + '/staff/queue')
  await expectAccessible(lead, 'the queue with bulk actions')
  await tabTo(lead, 'form[action="/staff/queue/bulk"] button[type=submit]')
  await lead.keyboard.press('Enter')
  await lead.waitForSelector('.govuk-error-summary')
  await expectAccessible(lead, 'the queue with bulk action errors')
  expectNoScriptErrors(lead, 422)
  await lead.context().close()
})

test('an administrator reaches staff accounts, services, reply templates (with their error states), the standards and the access log, with no WCAG 2.2 AA violations', async () => {
  const page = await newPage(demo.browser)
  await signIn(page, 'admin@kingsmead.example')
  // Service notices: the list, then a notice sent empty, each problem named.
  await page.goto(demo.base + '/staff/admin/notices')
  assert.match(await page.locator('main').textContent(), /Collections are a day late this week/)
  await expectAccessible(page, 'the service notices')
  await page.fill('#starts', '')
  await page.click('button:has-text("Publish notice")')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the service notices with errors')
  // API keys: refused without a name, then made, and shown once.
  await page.goto(demo.base + '/staff/admin/api-keys')
  await expectAccessible(page, 'the API keys')
  await page.click('button:has-text("Make the key")')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the API keys with errors')
  await page.fill('#key-name', 'FixMyStreet')
  await page.check('#scope-write')
  await page.click('button:has-text("Make the key")')
  assert.match(await page.locator('.app-key').textContent(), /^fd_[0-9a-f]{48}$/)
  await expectAccessible(page, 'a new API key, shown once')
  // Webhooks: refused without an address or a kind, then made, its secret shown once.
  await page.goto(demo.base + '/staff/admin/webhooks')
  await expectAccessible(page, 'the webhooks')
  await page.click('button:has-text("Subscribe")')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the webhooks with errors')
  await page.fill('#url', 'https://jobs.example.org/frontdoor')
  await page.check('#kinds-status_changed')
  await page.click('button:has-text("Subscribe")')
  assert.match(await page.locator('.app-key').textContent(), /^whsec_/)
  await expectAccessible(page, 'a new webhook subscription, its secret shown once')
  await tabTo(page, 'a[href="/staff/admin/users"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/admin/users')
  await expectAccessible(page, 'the staff accounts')
  await tabTo(page, 'main form[action="/staff/admin/users"] button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the staff accounts with an error')
  await tabTo(page, 'main a[href="/staff/admin/services"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/admin/services')
  await expectAccessible(page, 'services, teams and partners')
  await tabTo(page, 'main a[href="/staff/admin/services/missed-bin"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/admin/services/missed-bin')
  await tabTo(page, 'form:has(input[value="add-field"]) button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'a service with a question refused')
  await tabTo(page, 'main a[href="/staff/admin/templates"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/admin/templates')
  assert.match(await page.locator('tbody').textContent(), /We need more information/)
  await expectAccessible(page, 'the reply templates')
  await tabTo(page, 'main form button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-error-summary')
  await expectAccessible(page, 'the reply templates with errors')
  await tabTo(page, 'a[href="/staff/standards"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/standards')
  await expectAccessible(page, 'the standards in force')
  await tabTo(page, 'a[href="/staff/audit"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/audit')
  await expectAccessible(page, 'the access log')
  expectNoScriptErrors(page, 422)
  await page.context().close()
})

// RFC 6238 codes, as an authenticator app makes them: HMAC-SHA1 over the time step.
function totp (base32, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of base32.replace(/[\s=]/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map(b => parseInt(b, 2)))
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(step))
  const hash = createHmac('sha1', key).update(message).digest()
  const offset = hash[hash.length - 1] & 15
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0')
}

test('an officer turns on two-step sign-in and then signs in with a code, by keyboard alone', async () => {
  const page = await newPage(demo.browser)
  await signIn(page, 'highways.officer@kingsmead.example')
  await tabTo(page, 'a[href="/staff/account"]')
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff/account')
  await expectAccessible(page, 'your account')
  await tabTo(page, 'main form button[type=submit]')
  await page.keyboard.press('Enter')
  await page.waitForSelector('#secret')
  await expectAccessible(page, 'two-step set-up')
  const secret = (await page.locator('#secret').textContent()).replace(/\s/g, '')
  const step = Math.floor(Date.now() / 1000 / 30)
  await typeInto(page, '#code', totp(secret, step))
  // A session alone cannot change how the account signs in: the password too.
  await typeInto(page, '#password', PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForSelector('.govuk-notification-banner--success')
  await tabTo(page, '.app-staff-bar__button')
  await page.keyboard.press('Enter')
  await page.waitForURL(/signed_out/)

  await page.goto(demo.base + '/staff')
  await typeInto(page, '#email', 'highways.officer@kingsmead.example')
  await typeInto(page, '#password', PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/staff\/sign-in\/code/)
  await expectAccessible(page, 'the code page')
  // The set-up code is spent; the next step's code (a moment early) signs in.
  await typeInto(page, '#code', totp(secret, step + 1))
  await page.keyboard.press('Enter')
  await page.waitForURL(demo.base + '/staff')
  expectNoScriptErrors(page)
  await page.context().close()
})

test('complaints: a caseworker treats a report as a complaint and answers it, the resident asks for stage 2, a team lead records a contact arrangement, an insight officer reads the annual report, with no WCAG 2.2 AA violations', async () => {
  const reference = await residentReports()
  const officer = await newPage(demo.browser)
  await signIn(officer, 'waste.officer@kingsmead.example')
  const casePage = `${demo.base}/staff/cases/${reference}`

  // Treating it as a complaint needs a reason.
  await officer.goto(`${casePage}?open=reclassify#reclassify-details`)
  await officer.click('#reclassify-details button[type=submit]')
  await officer.waitForSelector('.govuk-error-summary')
  await expectAccessible(officer, 'the case page refusing a type change without a reason')
  await officer.fill('#type-reason', 'The resident says this is the third missed collection and nobody replied.')
  await officer.click('#reclassify-details button[type=submit]')
  await officer.waitForSelector('.govuk-notification-banner--success')
  assert.match(await officer.locator('main').textContent(), /Stage 1: waiting for our answer/)

  // The stage 1 answer, first with nothing filled in.
  await officer.goto(`${casePage}?open=answer#answer-details`)
  await officer.click('#answer-details button[type=submit]')
  await officer.waitForSelector('.govuk-error-summary')
  const problems = await officer.locator('.govuk-error-summary__list a').allTextContents()
  assert.ok(problems.length >= 4, problems.join(' | '))
  await expectAccessible(officer, 'the complaint answer with every field missing')
  await officer.check('#outcome-partly_upheld')
  await officer.selectOption('#cause', 'communication')
  await officer.fill('#remedy', 'We have apologised and added the street to the crew\'s list.')
  await officer.fill('#answer-text', 'We are sorry your bin was missed three times.')
  await officer.click('#answer-details button[type=submit]')
  // The answer is a letter to the resident: the plain-English check reads it first, and
  // finds the passive voice. The officer sends it as it is.
  await officer.waitForSelector('#plain-advice')
  assert.match(await officer.locator('#answer-details').textContent(), /was missed/)
  await expectAccessible(officer, 'the plain-English advice on a complaint answer')
  await officer.click('#answer-details button[value=yes]')
  await officer.waitForSelector('.govuk-notification-banner--success')
  assert.match(await officer.locator('main').textContent(), /Stage 1 answer[\s\S]*Partly upheld/)
  await expectAccessible(officer, 'the case page of an answered complaint')
  expectNoScriptErrors(officer, 422)
  await officer.context().close()

  // The resident, reading in Welsh, takes it to stage 2 from their case page.
  const resident = await newPage(demo.browser)
  await resident.goto(`${demo.base}/language/cy?next=/cases/${reference}`)
  await resident.fill('#answer', 'sam@example.com')
  await resident.click('form[action$="/check"] button')
  await resident.waitForSelector('form[action$="/stage2"]')
  await expectAccessible(resident, 'an answered complaint in Welsh, offering stage 2')
  await resident.click('form[action$="/stage2"] button')
  await resident.waitForSelector('.govuk-notification-banner--success')
  assert.match(await resident.locator('.govuk-notification-banner').textContent(), /i gam 2/)
  await expectAccessible(resident, 'the case page after asking for stage 2, in Welsh')
  expectNoScriptErrors(resident)
  await resident.context().close()

  // The team lead records a contact arrangement on the resident's record.
  const lead = await newPage(demo.browser)
  await signIn(lead, 'waste.lead@kingsmead.example')
  await lead.goto(casePage)
  await lead.click('a:has-text("Customer record")')
  await lead.click('summary:has-text("Record an arrangement")')
  await lead.click('button:has-text("Record the arrangement")')
  await lead.waitForSelector('.govuk-error-summary')
  await expectAccessible(lead, 'the customer record with an arrangement refused')
  await lead.fill('#arrangement', 'One named officer answers their emails, once a week.')
  await lead.fill('#arrangement-reason', 'Many emails a day about the same collection.')
  const review = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10)
  await lead.fill('#review-on', review)
  await lead.click('button:has-text("Record the arrangement")')
  await lead.waitForSelector('.govuk-notification-banner--success')
  await expectAccessible(lead, 'the customer record with an arrangement')
  expectNoScriptErrors(lead, 422)
  await lead.context().close()

  // The insight officer reads the annual report.
  const insight = await newPage(demo.browser)
  await signIn(insight, 'insight@kingsmead.example')
  await insight.goto(demo.base + '/staff/reports/complaints')
  assert.match(await insight.locator('h1').textContent(), /Complaints and information requests/)
  await expectAccessible(insight, 'the annual complaints report')
  // ...and the phone lines' month, drawn on the server with its tables.
  await insight.goto(demo.base + '/staff/phones')
  assert.match(await insight.locator('h1').textContent(), /Phone lines/)
  assert.equal(await insight.locator('svg.app-chart').count(), 4)
  await expectAccessible(insight, 'the phone lines report')
  expectNoScriptErrors(insight)
  await insight.context().close()
})

test('information requests: an officer answers an FOI request with an exemption and publishes it, and the public reads it in the disclosure log, with no WCAG 2.2 AA violations', async () => {
  // A resident asks for information on the web.
  const asker = await newPage(demo.browser)
  await asker.goto(demo.base + '/services/foi/report')
  await asker.fill('#description', 'How many potholes did you repair in 2025 in each ward, and who were the contractors?')
  await asker.fill('#name', 'Robin Asker')
  await asker.fill('#email', 'robin@example.com')
  await asker.click('button:has-text("Continue")')
  await asker.click('button:has-text("Send")')
  const reference = await asker.locator('.govuk-panel__body strong').textContent()
  await asker.context().close()

  // The information officer finds it waiting for an answer, with its clock.
  const officer = await newPage(demo.browser)
  await signIn(officer, 'foi.officer@kingsmead.example')
  const casePage = `${demo.base}/staff/cases/${reference}`
  await officer.goto(casePage)
  assert.match(await officer.locator('main').textContent(), /Information request[\s\S]*Waiting for our answer/)
  assert.match(await officer.locator('main').textContent(), /Freedom of Information requests answered/)
  await expectAccessible(officer, 'an FOI request\'s case page')

  // A refusal without an exemption is refused, naming the fields.
  await officer.goto(`${casePage}?open=info-answer#info-answer-details`)
  await officer.check('#info-outcome-refused')
  await officer.click('#info-answer-details button[type=submit]')
  await officer.waitForSelector('.govuk-error-summary')
  const problems = await officer.locator('.govuk-error-summary__list a').allTextContents()
  assert.equal(problems.length, 2, problems.join(' | '))
  await expectAccessible(officer, 'the FOI answer with its exemption and text missing')

  // Given in part: the contractors' prices are commercial.
  await officer.check('#info-outcome-part_provided')
  await officer.check('#exemptions-s43')
  await officer.fill('#info-text', 'Castle ward: 412. Riverside ward: 380. The contract prices are withheld.')
  await officer.click('#info-answer-details button[type=submit]')
  await officer.waitForSelector('.govuk-notification-banner--success')
  assert.match(await officer.locator('main').textContent(), /Our answer[\s\S]*Information provided in part[\s\S]*Section 43/)
  await expectAccessible(officer, 'the case page of an answered FOI request')

  // Published in the disclosure log: the request and answer start from the case, and
  // the officer gives a title.
  await officer.goto(`${casePage}?open=publish#publish-details`)
  assert.match(await officer.inputValue('#log-request'), /potholes/)
  assert.match(await officer.inputValue('#log-response'), /Castle ward: 412/)
  await officer.click('#publish-details button:has-text("Publish")')
  await officer.waitForSelector('.govuk-error-summary')
  await expectAccessible(officer, 'the disclosure log form with no title')
  await officer.fill('#log-title', 'Potholes repaired in 2025, by ward')
  await officer.click('#publish-details button:has-text("Publish")')
  await officer.waitForSelector('.govuk-notification-banner--success')
  assert.match(await officer.locator('main').textContent(), /Disclosure log: Potholes repaired in 2025, by ward/)
  expectNoScriptErrors(officer, 422)
  await officer.context().close()

  // Anyone reads it, with nothing that names the requester, in English and in Welsh.
  const reader = await newPage(demo.browser)
  await reader.goto(demo.base + '/')
  await reader.click('footer a[href="/disclosure-log"]')
  await reader.waitForURL(demo.base + '/disclosure-log')
  await expectAccessible(reader, 'the disclosure log')
  await reader.click('a:has-text("Potholes repaired in 2025, by ward")')
  const entry = await reader.locator('main').textContent()
  assert.match(entry, /Information provided in part[\s\S]*Section 43: commercial interests[\s\S]*Castle ward: 412/)
  assert.doesNotMatch(entry, /Robin|robin@example\.com/)
  await expectAccessible(reader, 'a disclosure log entry')
  await reader.goto(`${demo.base}/language/cy?next=/disclosure-log`)
  assert.match(await reader.locator('h1').textContent(), /Log datgelu/)
  await expectAccessible(reader, 'the disclosure log in Welsh')
  expectNoScriptErrors(reader)
  await reader.context().close()
})

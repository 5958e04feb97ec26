// Journeys in the resident's language: a Welsh report with JavaScript off and an Arabic
// (right to left) one with it on, each from the list of services to the acknowledgement
// email, with axe on every page; and an administrator's translations page.
// Run by .ci/run after `cargo test` has built target/debug/frontdoor.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startDemo, newPage as open, expectAccessible, expectNoScriptErrors, signIn } from './support.mjs'

let demo
let base
before(async () => {
  demo = await startDemo()
  base = demo.base
})
after(async () => { await demo?.stop() })

const newPage = options => open(demo.browser, options)

// An email's text parts, decoded as a mail client would (quoted-printable or base64, UTF-8).
function textOf (raw) {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/)
  return parts.map(part => {
    const [head, ...rest] = part.split(/\r?\n\r?\n/)
    const body = rest.join('\n\n')
    if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
      return Buffer.from(bytes, 'latin1').toString('utf8')
    }
    return body
  }).join('\n')
}

// The decoded text of the email whose body gives `reference`, waiting for the job runner.
async function emailWith (reference, words) {
  for (let i = 0; i < 100; i++) {
    let files = []
    try { files = readdirSync(demo.mailDir) } catch {}
    for (const file of files) {
      const text = textOf(readFileSync(join(demo.mailDir, file), 'utf8'))
      if (text.includes(reference) && text.includes(words)) return text
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no email with ${reference} and ${words}`)
}

test('a Welsh reader reports a missed bin in Welsh, JavaScript off, and is answered in Welsh', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await page.goto(base + '/language/cy?next=/services')
  assert.equal(await page.getAttribute('html', 'lang'), 'cy')
  await page.click('text=Rhoi gwybod am fin heb ei gasglu')
  assert.equal(await page.locator('h1').textContent(), 'Rhoi gwybod am fin heb ei gasglu')
  assert.equal(await page.getAttribute('h1', 'lang'), 'cy')
  const about = await page.locator('main').textContent()
  assert.match(about, /Mae casgliadau ddiwrnod yn hwyr yr wythnos hon/, 'the notice is in Welsh')
  assert.match(about, /Rydym yn ateb ffurflenni ar-lein a negeseuon e-bost o fewn 3 diwrnod gwaith/, 'so are the promises')
  await page.click('main a.govuk-button--start')
  const form = await page.locator('main').textContent()
  assert.match(form, /Pa fin a gafodd ei fethu\?/)
  assert.match(form, /Bin glas \(ailgylchu\)/)
  // Errors name the question in Welsh.
  await page.click('main form button[type=submit]')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Pa fin a gafodd ei fethu\?/)
  await page.fill('#description', "Ni chafodd ein bin glas ei wagio ddydd Mawrth.")
  await page.check('#answer-bin-2')
  await page.fill('#address', '12 High Street')
  await page.fill('#name', 'Siân Preswylydd')
  await page.fill('#email', 'sian@example.com')
  await page.click('main form button[type=submit]')
  const check = await page.locator('main').textContent()
  assert.match(check, /Pa fin a gafodd ei fethu\?[\s\S]*Bin glas \(ailgylchu\)/)
  const confirmationForm = page.locator('form[action$="/report/send"] button.govuk-button')
  await confirmationForm.click()
  const reference = await page.locator('.govuk-panel__body strong').textContent()
  assert.match(reference, /^KMB-/)
  await page.context().close()

  const email = await emailWith(reference, 'Annwyl')
  assert.match(email, /Annwyl Siân Preswylydd,/)
  assert.match(email, /Eich cyfeirnod yw KMB-/)
  assert.match(email, /Byddwn yn (ateb|delio ag ef) erbyn Dydd [A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ 20\d\d\./, email)

  // The waste officer resolves it; she says it is not sorted, still in Welsh and without
  // JavaScript, and is told by when it will be dealt with now.
  const officer = await newPage()
  await signIn(officer, base, 'waste.officer@kingsmead.example')
  await officer.goto(`${base}/staff/cases/${reference}?open=status#status-details`)
  assert.match(await officer.locator('#case-language').textContent(), /^Welsh/)
  await officer.check('input[name=status][value=resolved]')
  await officer.fill('#status-note', 'Gwnaethom wagio eich bin glas y bore yma.')
  await officer.click('button:has-text("Change status")')
  await officer.waitForSelector('.govuk-notification-banner--success')
  await officer.context().close()
  const resolved = await emailWith(reference, 'A wnaeth hyn ddatrys y mater?')
  const link = resolved.match(/http:\/\/\S+\/cases\/\S+\/open\/[0-9a-f]+/)[0].replace(/^http:\/\/[^/]+/, base)
  const again = await newPage({ javaScriptEnabled: false })
  await again.goto(base + '/language/cy?next=/')
  await again.goto(link)
  assert.match(await again.locator('.moj-timeline').textContent(), /Gwnaethom wagio eich bin glas y bore yma\./)
  await again.check('#solved-no')
  await again.check('#rating-2')
  await again.fill('#comment', 'Mae\'r bin glas yn dal yn llawn.')
  await again.click('form[action$="/feedback"] button')
  assert.match(await again.locator('.govuk-notification-banner').textContent(), /Rydym wedi ailagor eich achos\. Byddwn yn delio ag ef erbyn Dydd [A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ 20\d\d\./)
  await again.context().close()

  // The same journey's pages pass axe (axe runs as script, so JavaScript is on here).
  const checked = await newPage()
  await checked.goto(base + '/language/cy?next=/services')
  await expectAccessible(checked, 'the services list in Welsh')
  for (const path of ['/services/missed-bin', '/services/missed-bin/report']) {
    await checked.goto(base + path)
    await expectAccessible(checked, `${path} in Welsh`)
  }
  await checked.click('main form button[type=submit]')
  await checked.waitForSelector('.govuk-error-summary')
  await expectAccessible(checked, 'the Welsh form with errors')
  expectNoScriptErrors(checked, 422)
  await checked.context().close()
})

test('an Arabic reader walks the same journey right to left, with JavaScript on', async () => {
  const page = await newPage()
  await page.goto(base + '/language/ar?next=/services')
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl')
  await page.click('text=الإبلاغ عن صندوق لم يُجمع')
  assert.equal(await page.getAttribute('h1', 'lang'), 'ar')
  await expectAccessible(page, 'a service page in Arabic')
  await page.click('main a.govuk-button--start')
  assert.match(await page.locator('main').textContent(), /أي صندوق لم يُجمع؟/)
  await expectAccessible(page, 'a form in Arabic')
  await page.fill('#description', 'لم يُفرغ الصندوق الأزرق يوم الثلاثاء.')
  await page.check('#answer-bin-2')
  await page.fill('#address', '3 Mill Lane')
  await page.fill('#name', 'Amal Resident')
  await page.fill('#email', 'amal@example.com')
  await page.click('main form button[type=submit]')
  await page.waitForSelector('.govuk-summary-list')
  assert.match(await page.locator('main').textContent(), /الصندوق الأزرق \(إعادة التدوير\)/)
  await expectAccessible(page, 'check your answers in Arabic')
  await page.locator('form[action$="/report/send"] button.govuk-button').click()
  const reference = await page.locator('.govuk-panel__body strong').textContent()
  await expectAccessible(page, 'the confirmation in Arabic')
  expectNoScriptErrors(page)
  await page.context().close()

  const email = await emailWith(reference, 'رقمك المرجعي')
  assert.match(email, /شكرًا لتواصلك مع Kingsmead Borough Council/)

  // Staff see the case's language.
  const staff = await newPage()
  await signIn(staff, base, 'waste.officer@kingsmead.example')
  await staff.goto(`${base}/staff/cases/${reference}`)
  assert.match(await staff.locator('#case-language').textContent(), /^Arabic \(العربية\)/)
  await expectAccessible(staff, 'a case in Arabic, as staff see it')
  await staff.context().close()
})

test('an administrator sees what needs translation beside the English, and downloads the PO file', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await signIn(page, base, 'admin@kingsmead.example')
  await page.goto(base + '/staff/admin/translations/ar?show=needed')
  assert.match(await page.locator('main').textContent(), /Needs translation/)
  assert.match(await page.locator('main').textContent(), /Service complaint: its name/)
  await page.context().close()
  const checked = await newPage()
  await signIn(checked, base, 'admin@kingsmead.example')
  await checked.goto(base + '/staff/admin/translations/cy')
  await expectAccessible(checked, 'the translations page')
  const po = await checked.request.get(base + '/staff/admin/translations/cy/po')
  assert.equal(po.status(), 200)
  assert.match(await po.text(), /msgctxt "service\/pothole\/name"\nmsgid "Report a pothole"\nmsgstr "Rhoi gwybod am dwll yn y ffordd"/)
  await checked.context().close()
})

// The first result's name for a search, on a page read with or without JavaScript.
async function firstFound (page, q) {
  await page.goto(`${base}/services?q=${encodeURIComponent(q)}`)
  return (await page.locator('main ul.govuk-list li a').first().textContent()).trim()
}

test('every role lands on a home page of its own, with no WCAG 2.2 AA violations, JavaScript off and on', async () => {
  const roles = ['admin', 'adviser', 'waste.officer', 'waste.lead', 'insight', 'auditor', 'cllr.okafor']
  for (const javaScriptEnabled of [false, true]) {
    for (const who of roles) {
      const page = await newPage({ javaScriptEnabled })
      await signIn(page, base, `${who}@kingsmead.example`)
      assert.equal(new URL(page.url()).pathname, '/staff')
      const links = await page.locator('main a[href^="/staff/"]').count()
      assert.ok(links > 0, `${who} is offered somewhere to go`)
      if (javaScriptEnabled) await expectAccessible(page, `the home page of ${who}`)
      await page.context().close()
    }
  }
})

for (const javaScriptEnabled of [false, true]) {
  test(`search forgives, in English and in Welsh, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
    const page = await newPage({ javaScriptEnabled })
    await page.goto(base + '/language/en?next=/services')
    assert.equal(await firstFound(page, 'streetlight'), 'Report a faulty street light')
    assert.equal(await firstFound(page, 'potholes'), 'Report a pothole')
    assert.equal(await firstFound(page, 'bin not collected'), 'Report a missed bin collection')
    assert.equal(await firstFound(page, 'flytipping'), 'Report fly-tipping')
    await page.goto(base + '/language/cy?next=/services')
    assert.equal(await firstFound(page, 'golau stryd'), 'Rhoi gwybod am olau stryd diffygiol')
    // English words find a service on the Welsh site too, shown in Welsh.
    assert.equal(await firstFound(page, 'potholes'), 'Rhoi gwybod am dwll yn y ffordd')
    if (javaScriptEnabled) await expectAccessible(page, 'search results in Welsh')
    await page.context().close()
  })

  test(`staff read a case's timeline in words and the outbox without residents' private links, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
    const page = await newPage({ javaScriptEnabled })
    await signIn(page, base, 'waste.officer@kingsmead.example')
    await page.goto(base + '/staff/queue')
    await page.locator('tbody a[href^="/staff/cases/"]').first().click()
    await page.waitForSelector('.moj-timeline')
    const timeline = await page.locator('.moj-timeline').textContent()
    assert.doesNotMatch(timeline, /\{"/, 'no JSON on the timeline')
    assert.match(timeline, /Case created/)
    if (javaScriptEnabled) await expectAccessible(page, 'a case and its timeline')
    await page.context().close()

    const adviser = await newPage({ javaScriptEnabled })
    await signIn(adviser, base, 'adviser@kingsmead.example')
    await adviser.goto(base + '/staff/mail/outbox')
    const outbox = await adviser.locator('main').textContent()
    assert.doesNotMatch(outbox, /\/cases\/KMB-[^\s]+\/open\/[0-9a-f]{16}/, 'no signed links to open a case')
    assert.doesNotMatch(outbox, /\/you\/[A-Za-z0-9_-]{16}/, 'no private links to a resident\'s details')
    assert.match(outbox, /\[private link to follow the case\]/, 'a link was sent, and says what for')
    if (javaScriptEnabled) await expectAccessible(adviser, 'the outbox')
    expectNoScriptErrors(adviser)
    await adviser.context().close()
  })
}

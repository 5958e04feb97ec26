// Meeting people in a real browser: booking an appointment with JavaScript off and its
// own page, the waiting area's board, checking an officer's card, and the staff pages
// for reception, appointments and home visits. axe-core runs as script, so each page it
// checks is opened again in a context with JavaScript on.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startDemo, newPage as open, expectAccessible, expectNoScriptErrors, signIn } from './support.mjs'

let demo

before(async () => {
  demo = await startDemo()
})

after(async () => {
  await demo?.stop()
})

const newPage = options => open(demo.browser, options)

// The first email written whose text names `reference`, quoted-printable undone.
async function mailNaming (reference) {
  for (let i = 0; i < 100; i++) {
    let files = []
    try { files = readdirSync(demo.mailDir) } catch {}
    for (const file of files) {
      const raw = readFileSync(join(demo.mailDir, file), 'utf8')
      if (raw.includes(`Subject: About your case ${reference}`)) {
        return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
      }
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no email about ${reference}`)
}

async function fillBooking (page) {
  await page.check('input[name=slot] >> nth=0')
  await page.fill('#name', 'Robin Browser')
  await page.fill('#email', 'robin@example.com')
  await page.click('button[type=submit]')
}

test('a resident books an appointment without JavaScript and gets a confirmation with a calendar file', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  assert.equal((await page.goto(demo.base + '/services/ctax-advice/book')).status(), 200)
  // Continuing with nothing chosen shows the problems, keeping the page.
  await page.click('button[type=submit]')
  assert.match(await page.textContent('.govuk-error-summary'), /Choose a time/)
  await fillBooking(page)
  assert.match(await page.textContent('h1'), /Check your booking/)
  await page.click('button[value=confirm]')
  await page.waitForURL(/\/appointments\/.+\?done=booked/)
  assert.match(await page.textContent('body'), /Your appointment is booked/)
  const reference = (await page.textContent('.govuk-summary-list__value')).trim()
  const mail = await mailNaming(reference)
  assert.match(mail, /BEGIN:VCALENDAR/)
  assert.match(mail, /METHOD:REQUEST/)
  const own = page.url()
  await page.context().close()

  // The same pages, with JavaScript on for axe.
  const checked = await newPage()
  await checked.goto(demo.base + '/services/ctax-advice/book')
  await expectAccessible(checked, 'the booking page')
  await checked.click('button[type=submit]')
  await expectAccessible(checked, 'the booking page with errors')
  await fillBooking(checked)
  await expectAccessible(checked, 'check your booking')
  assert.equal((await checked.goto(own)).status(), 200)
  await expectAccessible(checked, 'the appointment page')
  // The error page answered 422, which the browser logs; nothing else may be.
  expectNoScriptErrors(checked, 422)
  await checked.context().close()
})

for (const [what, path] of [
  ['a service that takes appointments', '/services/ctax-advice'],
  ['the waiting area board', '/reception/board'],
  ['the officer check', '/check-officer']
]) {
  test(`${what} has no WCAG 2.2 AA violations`, async () => {
    const page = await newPage()
    assert.equal((await page.goto(demo.base + path)).status(), 200)
    await expectAccessible(page, what)
    await page.context().close()
  })
}

test('the officer check and the board in Welsh and Arabic have no WCAG 2.2 AA violations', async () => {
  const page = await newPage()
  for (const [code, words] of [['cy', /Gwirio cerdyn adnabod swyddog/], ['ar', /التحقق من بطاقة هوية موظف/]]) {
    await page.goto(demo.base + '/language/' + code + '?next=/check-officer')
    await page.goto(demo.base + '/check-officer')
    assert.match(await page.textContent('h1'), words)
    await page.fill('#card', 'KM-0000')
    await page.click('button[type=submit]')
    await expectAccessible(page, `an unknown card in ${code}`)
    await page.goto(demo.base + '/reception/board')
    await expectAccessible(page, `the board in ${code}`)
  }
  await page.context().close()
})

test("the waiting area's screen refreshes itself without JavaScript", async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await page.goto(demo.base + '/reception/board?screen=1')
  assert.equal(await page.getAttribute('meta[http-equiv=refresh]', 'content'), '15; url=/reception/board?site=town-hall&screen=1')
  assert.match(await page.textContent('h1'), /Customer service centre/)
  await page.context().close()
})

test('a resident checks an officer card, known and unknown', async () => {
  const page = await newPage()
  await page.goto(demo.base + '/check-officer')
  await page.fill('#card', 'KM-1001')
  await page.click('button[type=submit]')
  assert.match(await page.textContent('body'), /This is a current officer/)
  await expectAccessible(page, 'a known card')
  await page.fill('#card', 'KM-0000')
  await page.click('button[type=submit]')
  assert.match(await page.textContent('body'), /No current officer has the card/)
  await expectAccessible(page, 'an unknown card')
  await page.context().close()
})

test('staff pages for reception, appointments and home visits have no WCAG 2.2 AA violations', async () => {
  const page = await newPage()
  await signIn(page, demo.base)
  for (const [what, path] of [
    ['the reception desk', '/staff/reception'],
    ['the appointments list', '/staff/appointments'],
    ['home visits', '/staff/visits']
  ]) {
    assert.equal((await page.goto(demo.base + path)).status(), 200, what)
    await expectAccessible(page, what)
  }
  // A visitor booked in gets a ticket on the list.
  await page.goto(demo.base + '/staff/reception')
  await page.fill('#name', 'Sam Desk')
  await page.click('text=Book in and give a ticket')
  assert.match(await page.textContent('body'), /The visitor is booked in/)
  assert.match(await page.textContent('body'), /Sam Desk/)
  await expectAccessible(page, 'the reception desk with a visitor')
  await page.context().close()
})

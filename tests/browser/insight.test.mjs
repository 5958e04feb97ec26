// Insight in a real browser (axe needs JavaScript on in the page it checks): the insight officer finds the service with the most failure
// demand and the team where cases wait longest, and downloads a table; a councillor makes
// an enquiry and follows it; the public performance page lists contacts by ward; the
// report form's optional equality questions carry through to the check page. axe
// checks each page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, newPage as open, expectAccessible, signIn } from './support.mjs'

let demo

before(async () => {
  demo = await startDemo()
})

after(async () => {
  await demo?.stop()
})

const newPage = options => open(demo.browser, options)

test('the insight officer finds the most failure demand and the longest waits', async () => {
  const page = await newPage()
  await signIn(page, demo.base, 'insight@kingsmead.example')
  await page.click('.govuk-service-navigation a:has-text("Insight")')
  await page.waitForURL(/\/staff\/insight$/)
  assert.match(await page.textContent('#failure-share'), /^\d+\.\d% of \d+ contacts$/)
  assert.match(await page.textContent('#worst-service'), /: \d+ of its \d+ contacts were failure demand/)
  assert.match(await page.textContent('#longest-wait'), /: \d+ open cases, \d+ days since received on average/)
  assert.ok(await page.isVisible('#table-failure-by-service'), 'the table beside the chart')
  assert.ok(await page.locator('svg').count() > 0, 'charts drawn on the server')
  await expectAccessible(page, 'the insight report')
  const csv = await page.request.get(demo.base + '/staff/insight/waiting-by-team.csv')
  assert.equal(csv.status(), 200)
  assert.match(await csv.text(), /^Team,Open cases,Mean days since received,Longest,Nothing done for a while\r\n/)
  // A period back to front is refused plainly.
  await page.goto(demo.base + '/staff/insight?from=2026-12-01&to=2026-11-01')
  assert.match(await page.textContent('main'), /The end of the period is before its start/)
  await page.context().close()
})

test('a councillor makes an enquiry for a resident and follows it', async () => {
  const page = await newPage()
  await signIn(page, demo.base, 'cllr.okafor@kingsmead.example')
  await page.click('a:has-text("Make an enquiry for a resident")')
  await page.waitForURL(/\/staff\/councillor/)
  await page.click('button:has-text("Send the enquiry")')
  assert.match(await page.textContent('.govuk-error-summary'), /description/i)
  await expectAccessible(page, 'the councillor page with errors')
  await page.fill('#description', 'A resident on Marsh Lane says the street light has been out for three weeks.')
  await page.fill('#name', 'Mr Dev Patel')
  await page.fill('#email', 'dev.patel@example.org')
  await page.click('button:has-text("Send the enquiry")')
  await page.waitForURL(/\/staff\/councillor\/cases\/KMB-/)
  assert.match(await page.textContent('main'), /Your enquiry[\s\S]*Mr Dev Patel/)
  await expectAccessible(page, "a councillor's enquiry")
  await page.goto(demo.base + '/staff/councillor')
  assert.match(await page.textContent('main'), /Enquiries you made[\s\S]*Enquiry from a councillor/)
  await expectAccessible(page, "a councillor's enquiries and ward")
  await page.context().close()
})

test('the performance page lists contacts by ward, and the equality questions are optional', async () => {
  const page = await newPage()
  await page.goto(demo.base + '/performance')
  assert.match(await page.textContent('#wards'), /Who we hear from/)
  assert.ok(await page.locator('table:has(th:has-text("Per 1,000 residents")) tbody tr').count() >= 20)
  await expectAccessible(page, 'the performance page with wards')
  const form = await newPage()
  await form.goto(demo.base + '/services/general/report')
  await form.click('summary:has-text("Help us check we serve everyone")')
  await form.check('#eq-age-25-34')
  await form.fill('#description', 'When is the next council meeting about the leisure centre?')
  await form.fill('#name', 'Sam Jones')
  await form.fill('#email', 'sam.jones@example.org')
  await form.click('button:has-text("Continue")')
  await form.waitForSelector('button:has-text("Send")')
  await expectAccessible(form, 'the check page after equality answers')
  await form.click('button:has-text("Send")')
  await form.waitForURL(/\/submitted$/)
  await form.context().close()
})

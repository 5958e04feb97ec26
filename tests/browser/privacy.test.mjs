// Data protection in a real browser: an adviser records large print for someone who
// writes to us, with JavaScript off, and their next letter is large print; a team lead
// puts a legal hold on a case; the privacy notice prints the retention schedule. axe
// checks the customer record (with its needs and an error), the case page with its
// banner and hold, and the privacy notice.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, newPage as open, expectAccessible, signIn as signInTo } from './support.mjs'

let demo

before(async () => {
  demo = await startDemo()
})

after(async () => {
  await demo?.stop()
})

const newPage = options => open(demo.browser, options)

async function logLetter (page) {
  await page.goto(demo.base + '/staff/log')
  await page.check('#channel-letter')
  await page.fill('#received', new Date().toLocaleDateString('en-GB', { timeZone: 'Europe/London' }))
  await page.selectOption('#service', 'library')
  await page.fill('#description', 'Please post me the library opening times for Christmas.')
  await page.fill('#name', 'Mrs Ivy Marsh')
  await page.fill('#postal-address', '2 Brook Street\nKingsmead')
  await page.fill('#postal-postcode', 'KM2 5RS')
  await page.click('button:has-text("Log it")')
  await page.waitForURL(/\/staff\/log\/KMB-/)
  return page.url().split('/').pop()
}

test('an adviser records large print for a letter writer, and their next letter is large print', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await signInTo(page, demo.base)
  const reference = await logLetter(page)
  await page.goto(demo.base + `/staff/cases/${reference}`)
  await page.click('a:has-text("Customer record")')
  const record = page.url()
  // No reason given: refused by its field, nothing recorded.
  await page.click('summary:has-text("Record a need or an adjustment")')
  await page.selectOption('#need-what', 'large_print')
  await page.click('button:has-text("Record it")')
  assert.match(await page.textContent('.govuk-error-summary'), /Say why we may record this/)
  await page.check('#need-basis')
  await page.click('button:has-text("Record it")')
  await page.waitForURL(/done=need/)
  assert.match(await page.textContent('#needs-banner'), /Large print letters/)
  // Their case shows the banner, and a reply goes as a large-print letter.
  await page.goto(demo.base + `/staff/cases/${reference}`)
  assert.match(await page.textContent('#needs-banner'), /This customer needs more help[\s\S]*Large print letters/)
  await page.goto(demo.base + `/staff/cases/${reference}?open=reply#reply-details`)
  await page.fill('#reply', 'The library is open from 9am to 5pm on Christmas Eve.')
  await page.click('button:has-text("Send reply")')
  await page.waitForURL(/done=reply/)
  await page.goto(demo.base + '/staff/post')
  const waiting = await page.textContent('main')
  assert.match(waiting, new RegExp(`${reference}[\\s\\S]*Large print`))
  await page.context().close()

  const checked = await newPage()
  await signInTo(checked, demo.base)
  await checked.goto(record)
  await expectAccessible(checked, 'a customer record with needs')
  await checked.click('summary:has-text("Record a need or an adjustment")')
  await checked.selectOption('#need-what', 'language')
  await checked.click('button:has-text("Record it")')
  assert.match(await checked.textContent('.govuk-error-summary'), /Say which language/)
  await expectAccessible(checked, 'the needs form with errors')
  await checked.goto(demo.base + `/staff/cases/${reference}`)
  await expectAccessible(checked, 'a case page with the needs banner')
  await checked.context().close()
})

test('a team lead puts a legal hold on a case, and the privacy notice gives the schedule', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await signInTo(page, demo.base, 'waste.lead@kingsmead.example')
  await page.goto(demo.base + '/staff/queue')
  await page.click('table a[href^="/staff/cases/KMB-"] >> nth=0')
  const casePage = page.url().split('?')[0]
  await page.click('summary:has-text("Put a legal hold on this case")')
  await page.click('button:has-text("Put the hold on")')
  assert.match(await page.textContent('.govuk-error-summary'), /Say why the case must be kept/)
  await page.fill('#hold-reason', 'Tribunal claim 1401234/2026')
  await page.click('button:has-text("Put the hold on")')
  await page.waitForURL(/done=hold/)
  assert.match(await page.textContent('#holds ~ .govuk-warning-text'), /Tribunal claim 1401234\/2026/)
  await page.context().close()

  const checked = await newPage()
  await signInTo(checked, demo.base, 'waste.lead@kingsmead.example')
  await checked.goto(casePage)
  await expectAccessible(checked, 'a case page with a legal hold')
  await checked.goto(demo.base + '/privacy')
  assert.match(await checked.textContent('#retention'), /Complaints\s*6 years/)
  await expectAccessible(checked, 'the privacy notice')
  await checked.context().close()
})

// Letters in a real browser: an adviser logs a letter from someone with only a postal
// address (with errors first, and a scan), with JavaScript off, then prints the day's
// post and gets a PDF; axe checks the log form, its errors, the confirmation and the
// post page, each opened in a context with JavaScript on.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startDemo, newPage as open, expectAccessible, expectNoScriptErrors, signIn as signInTo } from './support.mjs'

let demo

before(async () => {
  demo = await startDemo()
})

after(async () => {
  await demo?.stop()
})

const newPage = options => open(demo.browser, options)

const signIn = page => signInTo(page, demo.base)

async function fillLetter (page, received) {
  await page.check('#channel-letter')
  await page.fill('#received', received)
  await page.selectOption('#service', 'library')
  await page.fill('#description', 'Please post me the library opening times for Christmas.')
  await page.fill('#name', 'Mr Tom Hale')
  await page.fill('#postal-address', '9 Well Lane\nKingsmead')
  await page.fill('#postal-postcode', 'KM2 1TT')
}

test('an adviser logs a letter from someone with only an address, and prints the day\'s post', async () => {
  const page = await newPage({ javaScriptEnabled: false, acceptDownloads: true })
  await signIn(page)
  await page.goto(demo.base + '/staff/log')
  // A date in the future is refused by its field; nothing is stored.
  await fillLetter(page, '1/1/2099')
  await page.click('button:has-text("Log it")')
  assert.match(await page.textContent('.govuk-error-summary'), /cannot be in the future/)
  // Put right, with a scan of the letter.
  // Today, in the council's time zone, as the post room stamps it.
  const today = new Date().toLocaleDateString('en-GB', { timeZone: 'Europe/London' })
  await page.fill('#received', today)
  await page.setInputFiles('#scan', { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await page.click('button:has-text("Log it")')
  await page.waitForURL(/\/staff\/log\/KMB-/)
  const reference = page.url().split('/').pop()
  assert.match(await page.textContent('main'), /we will reply by \w+day \d{1,2} \w+ \d{4}/)

  await page.goto(demo.base + '/staff/post')
  assert.match(await page.textContent('main'), new RegExp(`Mr Tom Hale, 9 Well Lane, KM2 1TT`))
  assert.match(await page.textContent('main'), new RegExp(reference))
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Print")')])
  assert.match(download.suggestedFilename(), /^letters-.*\.pdf$/)
  const chunks = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk)
  const pdf = Buffer.concat(chunks).toString('latin1')
  assert.ok(pdf.startsWith('%PDF-'), 'a PDF')
  assert.ok(pdf.includes(`(${reference})`) || pdf.includes(reference), 'the reference is in it')
  await page.goto(demo.base + '/staff/post')
  assert.match(await page.textContent('main'), /No letters are waiting/)
  await page.context().close()

  // The same pages, with JavaScript on for axe.
  const checked = await newPage()
  await signIn(checked)
  await checked.goto(demo.base + '/staff/log?channel=letter')
  await expectAccessible(checked, 'the log form')
  await fillLetter(checked, '1/1/2099')
  await checked.click('button:has-text("Log it")')
  await expectAccessible(checked, 'the log form with an error')
  await checked.goto(demo.base + `/staff/log/${reference}`)
  await expectAccessible(checked, 'the contact logged page')
  await checked.goto(demo.base + '/staff/post')
  await expectAccessible(checked, 'the post page')
  await checked.fill('input[name=reason] >> nth=0', '')
  await checked.click('button:has-text("Print again") >> nth=0')
  assert.match(await checked.textContent('.govuk-error-summary'), /why it is being printed again/)
  await expectAccessible(checked, 'the post page with an error')
  // The customer's record says how we write to them, and takes a change.
  await checked.goto(demo.base + `/staff/cases/${reference}`)
  await checked.click('a[href^="/staff/customers/"] >> nth=0')
  assert.match(await checked.textContent('main'), /By post: no email address/)
  await checked.click('#post summary')
  await checked.fill('#postal-address', 'Mill')
  await checked.click('button:has-text("Save how we write to them")')
  assert.match(await checked.textContent('.govuk-error-summary'), /house number or name and the street/)
  await expectAccessible(checked, 'the customer record with an error in how we write to them')
  await checked.fill('#postal-address', '9 Well Lane\nKingsmead')
  await checked.check('#large-print')
  await checked.click('button:has-text("Save how we write to them")')
  assert.match(await checked.textContent('main'), /in large print/)
  await expectAccessible(checked, 'the customer record')
  expectNoScriptErrors(checked, 422)
  await checked.context().close()
})

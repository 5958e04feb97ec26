// Public pages in a real browser: axe-core finds no WCAG 2.2 AA violation on any page,
// error states included, and a resident can report something with JavaScript off.
//
// Run by .ci/run after `cargo test` has built target/debug/frontdoor:
//   node --test tests/browser/
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

const BINARY = process.env.FRONTDOOR_BIN ?? 'target/debug/frontdoor'
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

let server
let base
let browser
let dir

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdoor-browser-'))
  server = spawn(BINARY, ['demo', '--cases', '300', '--file', join(dir, 'demo.db'), '--listen', '127.0.0.1:0', '--smtp-listen', '127.0.0.1:0', '--mail-dir', join(dir, 'mail-out')], {
    env: { ...process.env, FRONTDOOR_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  base = await new Promise((resolve, reject) => {
    let out = ''
    server.stdout.on('data', chunk => {
      out += chunk
      const match = out.match(/Open (http:\/\/127\.0\.0\.1:\d+)\//)
      if (match) resolve(match[1])
    })
    server.on('exit', code => reject(new Error(`frontdoor exited with ${code}: ${out}`)))
  })
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
})

after(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// axe needs pages from an explicit context. Every page records its console errors
// (a script blocked by the Content-Security-Policy shows up there) and uncaught ones.
async function newPage (options = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  page.problems = []
  page.on('console', message => {
    if (message.type() === 'error') page.problems.push(message.text())
  })
  page.on('pageerror', error => page.problems.push(error.message))
  return page
}

// A 404 page logs its own status as a console error; nothing else may.
function expectNoScriptErrors (page, status = 200) {
  const problems = page.problems.filter(p => !(status === 404 && p.includes('404')))
  assert.deepEqual(problems, [], 'the page logged errors')
}

async function expectAccessible (page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  const found = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  assert.deepEqual(found, [], `${what} has accessibility violations`)
}

for (const [what, path, status] of [
  ['the home page', '/', 200],
  ['the list of services', '/services', 200],
  ['a report form', '/services/missed-bin/report', 200],
  ['a page that does not exist', '/no-such-page', 404],
  ['a mistyped reference', '/cases/KMB-000-001/submitted', 404]
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
  await page.click('button[type=submit]')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.title(), /^Error: /)
  const summary = await page.locator('.govuk-error-summary__list a').allTextContents()
  assert.deepEqual(summary, [
    'Enter a description',
    'Enter the address or place, or a postcode, so we can find it',
    'Enter your name',
    'Enter an email address in the correct format, like name@example.com'
  ])
  await expectAccessible(page, 'the form with errors')
  await page.context().close()
})

test('a resident reports a missed bin with JavaScript off and gets a reference', async () => {
  const page = await newPage({ javaScriptEnabled: false })
  await page.goto(base + '/services')
  await page.click('text=Report a missed bin collection')
  await page.fill('#description', 'Our bin was not emptied on Tuesday.')
  await page.fill('#address', '12 High Street')
  await page.fill('#name', 'Jo Resident')
  await page.fill('#email', 'jo@example.com')
  await page.click('button[type=submit]')
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

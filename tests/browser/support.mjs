// Shared by the browser tests: a demo council served by the built binary, Debian's
// Chromium driven by playwright-core, and the checks every page meets.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

const BINARY = process.env.FRONTDOOR_BIN ?? 'target/debug/frontdoor'
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

// Starts `frontdoor demo` on free ports; resolves to { base, smtp, browser, stop }.
// The demo's staff password, which `frontdoor demo` prints.
export const PASSWORD = 'demo-password-2026'

// Signs a demo staff account in through the form, landing on /staff.
export async function signIn (page, base, email = 'adviser@kingsmead.example') {
  await page.goto(base + '/staff')
  await page.fill('#email', email)
  await page.fill('#password', PASSWORD)
  await page.click('button:has-text("Sign in")')
  await page.waitForURL(base + '/staff')
}

export async function startDemo () {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-browser-'))
  const server = spawn(BINARY, ['demo', '--cases', '1000', '--file', join(dir, 'demo.db'), '--listen', '127.0.0.1:0', '--smtp-listen', '127.0.0.1:0', '--mail-dir', join(dir, 'mail-out')], {
    // No network here: the map's "tiles" are one image this site serves.
    env: { ...process.env, FRONTDOOR_LOG: 'warn', FRONTDOOR_MAP_TILES: '/assets/favicon.svg' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const { base, smtp } = await new Promise((resolve, reject) => {
    let out = ''
    server.stdout.on('data', chunk => {
      out += chunk
      const web = out.match(/Open (http:\/\/127\.0\.0\.1:\d+)\//)
      const mail = out.match(/SMTP on 127\.0\.0\.1:(\d+)/)
      if (web && mail) resolve({ base: web[1], smtp: Number(mail[1]) })
    })
    server.on('exit', code => reject(new Error(`frontdoor exited with ${code}: ${out}`)))
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const stop = async () => {
    await browser.close()
    server.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  return { base, smtp, browser, stop, mailDir: join(dir, 'mail-out') }
}

// axe needs pages from an explicit context. Every page records its console errors
// (a script blocked by the Content-Security-Policy shows up there) and uncaught ones.
export async function newPage (browser, options = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  page.problems = []
  page.on('console', message => {
    if (message.type() === 'error') page.problems.push(message.text())
  })
  page.on('pageerror', error => page.problems.push(error.message))
  return page
}

// A page with an error status logs that status as a console error; nothing else may.
export function expectNoScriptErrors (page, status = 200) {
  const problems = page.problems.filter(p => !(status >= 400 && p.includes(String(status))))
  assert.deepEqual(problems, [], 'the page logged errors')
}

export async function expectAccessible (page, what) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  const found = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  assert.deepEqual(found, [], `${what} has accessibility violations`)
}

// The text of the first email written to `mailDir` whose subject names `reference`,
// waiting for the job runner to deliver it. Quoted-printable soft breaks and escapes
// are undone, as a mail client would.
export async function emailAbout (mailDir, reference) {
  for (let i = 0; i < 100; i++) {
    let files = []
    try { files = readdirSync(mailDir) } catch {}
    for (const file of files) {
      const raw = readFileSync(join(mailDir, file), 'utf8')
      if (raw.includes(`Subject: We have your message: ${reference}`)) {
        return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
      }
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no email about ${reference} in ${mailDir}`)
}

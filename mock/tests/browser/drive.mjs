// Drives the emulator's buyer pages in headless Chromium for mock/tests/browser.rs.
//
// Usage: node drive.mjs <cases.json>. Each case opens a session's normalUrl, fills the form by
// clicking a listed test card, types a non-ASCII holder name, submits, answers the 3-D Secure page
// when one comes, checks the outcome, and follows the link back to the redirectUrl. Prints one
// JSON line per case; exits non-zero when any case fails. Screenshots go to the artifacts folder.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(path.join(spec.tools, "package.json"));
const { chromium } = require("playwright-core");

// A fresh profile each run (playwright passes it to Chromium as --user-data-dir).
const profile = mkdtempSync(path.join(tmpdir(), "antom-browser-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: spec.chromium,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

async function outcome(page) {
  const el = page.locator("#outcome");
  return {
    status: await el.getAttribute("data-status"),
    code: await el.getAttribute("data-code"),
    text: (await el.textContent()) ?? "",
  };
}

let failed = 0;
for (const c of spec.cases) {
  const page = await browser.newPage();
  const shot = (what) =>
    page.screenshot({ path: path.join(spec.artifacts, `${c.name}-${what}.png`), fullPage: true });
  const result = { name: c.name, ok: false };
  try {
    await page.goto(c.url);
    await page.locator(`li[data-card="${c.card}"]`).click();
    const filled = await page.locator("input[name=cardNo]").inputValue();
    if (filled !== c.card) throw new Error(`clicking the test card filled ${filled.length} digits`);
    await page.locator("input[name=holderName]").fill(c.holder);
    await shot("card-page");
    await Promise.all([page.waitForLoadState("load"), page.locator("button[type=submit]").click()]);
    if (c.challenge) {
      await page.locator("#pass").waitFor();
      await shot("3ds-page");
      await Promise.all([page.waitForLoadState("load"), page.locator(`#${c.challenge}`).click()]);
    }
    await page.locator("#outcome").waitFor();
    await shot("outcome");
    const seen = await outcome(page);
    Object.assign(result, seen);
    if (seen.status !== c.status) throw new Error(`status ${seen.status}, expected ${c.status}`);
    if (c.code && !seen.text.includes(c.code)) throw new Error(`the page does not show ${c.code}`);
    await Promise.all([page.waitForURL(c.redirectUrl), page.locator("#return").click()]);
    result.returned = page.url();
    await shot("returned");
    result.ok = true;
  } catch (e) {
    failed += 1;
    result.error = String(e && e.message ? e.message : e).split("\n")[0];
    await shot("error").catch(() => {});
  }
  console.log(JSON.stringify(result));
  await page.close();
}
await browser.close();
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// The authoring loop of `salesgen serve` in a real browser (Debian's
// Chromium, headless): with serve running on a copy of the content, it
// opens a customer's account page and
//   - saves a new name into the customer's file: the page reloads by itself
//     and shows it;
//   - breaks the file (a misspelt end tag): the overlay appears with the
//     file and line of the problem;
//   - fixes it: the overlay goes, and the page shows the name again.
// Usage: node serve_browser.js URL CONTENT_DIR
// Exit: 0 pass, 1 fail, 77 no Chromium or no puppeteer-core.
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./browser");

const [base, content] = process.argv.slice(2);
const ID = "hengtong-logistics";
const file = path.join(content, "customers", ID + ".xml");
const OLD = "<name>恒通物流集团有限公司</name>";
const NEW = "<name>恒通物流浏览器测试公司</name>";
const BROKEN = "<name>恒通物流浏览器测试公司</nme>";
const WAIT = 60000; // a hang, not slowness: no time is asserted
let failures = 0;

function fail(msg) {
	console.log("FAIL: " + msg);
	failures++;
}

// Saves the file with from replaced by to, as an editor would: a new file
// renamed over the old one.
function save(from, to) {
	const text = fs.readFileSync(file, "utf8");
	if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
	fs.writeFileSync(file + ".tmp", text.replace(from, to));
	fs.renameSync(file + ".tmp", file);
}

// Waits for fn (run in the page) to be true; fails with what when it is not.
async function until(page, what, fn, ...args) {
	try {
		await page.waitForFunction(fn, { timeout: WAIT, polling: 100 }, ...args);
		return true;
	} catch (e) {
		fail(what + " (" + e.message.split("\n")[0] + ")");
		return false;
	}
}

(async () => {
	const browser = await launch();
	const page = await browser.newPage();
	const errors = [];
	page.on("pageerror", (e) => errors.push(e.message));
	await page.goto(`${base}site/accounts/${ID}.html`, { waitUntil: "load" });
	const title = await page.title();
	if (!title.includes("恒通物流集团有限公司")) fail("the account page has the title " + title);
	// A mark that a reload clears.
	await page.evaluate(() => { window.sgMark = true; });
	// The stream is open before the first save.
	await page.waitForFunction(() => !!document.querySelector('script[src="/__salesgen/live.js"]'));
	await new Promise((r) => setTimeout(r, 500));

	save(OLD, NEW);
	await until(page, "the page did not reload with the new name",
		() => !window.sgMark && document.title.includes("恒通物流浏览器测试公司"));

	save(NEW, BROKEN);
	const line = fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes("</nme>")) + 1;
	const where = `customers/${ID}.xml:${line}:`;
	if (await until(page, "no overlay with " + where, (w) => {
		const o = document.getElementById("sg-overlay");
		return o && o.textContent.includes(w) && o.textContent.includes("error:");
	}, where)) {
		const visible = await page.evaluate(() => {
			const r = document.getElementById("sg-overlay").getBoundingClientRect();
			return r.width > 100 && r.height > 100;
		});
		if (!visible) fail("the overlay is not visible");
	}
	// A page opened while the file is broken shows the overlay too.
	const other = await browser.newPage();
	await other.goto(`${base}site/index.html`, { waitUntil: "load" });
	await until(other, "a page opened while broken has no overlay",
		(w) => (document.getElementById("sg-overlay") || {}).textContent?.includes(w), where);
	await other.close();

	save(BROKEN, OLD);
	await until(page, "the overlay did not go once the file was fixed",
		() => !document.getElementById("sg-overlay") && document.title.includes("恒通物流集团有限公司"));

	for (const e of errors) fail("script error: " + e);
	await browser.close();
	console.log(failures ? `serve_browser.js: ${failures} failures` : "serve_browser.js: ok");
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log("FAIL: " + e.stack);
	process.exit(1);
});

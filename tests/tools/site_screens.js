#!/usr/bin/env node
// Screenshots of the built site at phone and desktop widths, for looking at.
// Usage: node site_screens.js SITE_DIR OUT_DIR [page.html ...]
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through
// puppeteer-core; never downloads a browser.
"use strict";
const path = require("path");
const fs = require("fs");
const { launch } = require("./browser");

const [site, out, ...pages] = process.argv.slice(2);
if (!site || !out) {
	console.error("usage: node site_screens.js SITE_DIR OUT_DIR [page.html ...]");
	process.exit(2);
}
const list = pages.length ? pages : ["index.html", "playbooks/objection-handling.html",
	"accounts/hengtong-logistics.html", "pipeline.html", "prices.html"];

(async () => {
	const browser = await launch();
	fs.mkdirSync(out, { recursive: true });
	for (const width of [375, 1440]) {
		const page = await browser.newPage();
		await page.setViewport({ width, height: width < 600 ? 800 : 900 });
		for (const p of list) {
			await page.goto("file://" + path.resolve(site, p), { waitUntil: "load" });
			const name = p.replace(/\.html$/, "").replace(/\//g, "-") + "-" + width + ".png";
			await page.screenshot({ path: path.join(out, name), fullPage: true });
			console.log(path.join(out, name));
		}
		await page.close();
	}
	await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });

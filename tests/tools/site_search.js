#!/usr/bin/env node
// Search on a big site in Debian's Chromium, headless, from file://: each
// query is typed into the search box of a fresh home page; QUERY=PAGE
// expects PAGE (a path from the site's root) as the first result, a bare
// QUERY any result. Every query must load less than a megabyte of the index
// (the manifest and the parts, by their size on disk); the most any query
// loaded is printed.
// Usage: node site_search.js SITE_DIR QUERY[=PAGE]...
// Exit: 0 pass, 1 fail, 77 no Chromium or no puppeteer-core.
"use strict";
const path = require("path");
const fs = require("fs");
const { launch } = require("./browser");

const [siteArg, ...queries] = process.argv.slice(2);
const site = path.resolve(siteArg || "");
const LIMIT = 1024 * 1024;
let failures = 0;

function fail(msg) {
	console.log("FAIL: " + msg);
	failures++;
}

(async () => {
	const browser = await launch();
	const page = await browser.newPage();
	const errors = [];
	page.on("pageerror", (e) => errors.push(e.message));
	let most = 0;
	for (const q of queries) {
		const [query, want] = q.split("=");
		await page.goto("file://" + path.join(site, "index.html"), { waitUntil: "load" });
		await page.type("#site-search", query);
		// The answer to the whole query: on a slow machine the first letters'
		// answers show before it. A guard against a search that never
		// answers, not a measure of speed.
		try {
			await page.waitForFunction((q) => {
				const box = document.querySelector("#search-results");
				return box && !box.hidden && box.getAttribute("data-query") === q &&
					box.querySelector("a") !== null;
			}, { timeout: 30000 }, query);
		} catch (e) {
			fail(`"${query}" found nothing`);
			continue;
		}
		const hits = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
		const loaded = await page.evaluate(() => window.SG_SEARCH_LOADED || []);
		let bytes = 0;
		for (const src of loaded) bytes += fs.statSync(path.join(site, src)).size;
		most = Math.max(most, bytes);
		console.log(`"${query}": ${hits.length} results, first ${hits[0]}; ${loaded.length} files, ${bytes} bytes`);
		if (want && hits[0] !== want) fail(`"${query}": the first result is ${hits[0]}, not ${want}`);
		if (bytes >= LIMIT) fail(`"${query}" loaded ${bytes} bytes of the index`);
	}
	for (const e of errors) fail("script error: " + e);
	console.log(`the most a query loaded: ${most} bytes`);
	await browser.close();
	console.log(failures ? `${failures} failed` : "all passed");
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log("FAIL: " + (e.stack || e));
	process.exit(1);
});

#!/usr/bin/env node
// The real-browser test of the site: Debian's Chromium, headless, loads the
// built site straight from disk (file://, as a rep would open it) and checks
// that
//   - the search box finds a Chinese word (the index is a script, since
//     browsers refuse fetch() on file:// pages),
//   - the pipeline's summary links each stage's list, and clicking a column
//     header of the longest list re-orders its rows, both ways; a list of
//     more than one page goes to the next page and back with its pager,
//   - no page opens a dialog (alert/confirm/prompt) and no script errors,
//   - no page is wider than a 375 px screen.
// Usage: node site_browser.js SITE_DIR [QUERY] [--pages a.html,b.html]
// Exit: 0 pass, 1 fail, 77 no Chromium or no puppeteer-core.
"use strict";
const path = require("path");
const fs = require("fs");
const { launch } = require("./browser");

const args = process.argv.slice(2);
const site = path.resolve(args[0] || "");
const query = args[1] && !args[1].startsWith("--") ? args[1] : "黑名单";
const pagesArg = args.indexOf("--pages");
let failures = 0;

function fail(msg) {
	console.log("FAIL: " + msg);
	failures++;
}

function url(p) {
	return "file://" + path.join(site, p);
}

function allPages(dir, rel, out) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const r = rel ? rel + "/" + e.name : e.name;
		if (e.isDirectory()) allPages(path.join(dir, e.name), r, out);
		else if (e.name.endsWith(".html")) out.push(r);
	}
	return out.sort();
}

/* Waits until the results answer the whole query q (with a link, when
 * links): on a slow machine the first letters' answers show before it. */
function answered(page, q, links) {
	return page.waitForFunction((q, links) => {
		const box = document.querySelector("#search-results");
		return box && !box.hidden && box.getAttribute("data-query") === q &&
			(!links || box.querySelector("a") !== null);
	}, { timeout: 30000 }, q, links);
}

(async () => {
	const browser = await launch();
	const page = await browser.newPage();
	let dialogs = 0;
	const errors = [];
	page.on("dialog", async (d) => {
		dialogs++;
		fail(`a dialog opened (${d.type()}: ${d.message()}) on ${page.url()}`);
		await d.dismiss();
	});
	page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));

	// Every page loads without a dialog or a script error.
	const pages = pagesArg >= 0 ? args[pagesArg + 1].split(",") : allPages(site, "", []);
	for (const p of pages) {
		await page.goto(url(p), { waitUntil: "load" });
		// Focus the search box too: the index loads then, and must not run
		// anything from the content either.
		await page.focus("#site-search").catch(() => {});
	}
	await new Promise((r) => setTimeout(r, 200));
	for (const e of errors) fail("script error: " + e);
	console.log(`loaded ${pages.length} pages: ${dialogs} dialogs, ${errors.length} script errors`);
	if (pagesArg >= 0) {
		await browser.close();
		console.log(failures ? `${failures} failed` : "all passed");
		process.exit(failures ? 1 : 0);
	}

	// Search: type a Chinese word, expect results that contain it.
	await page.setViewport({ width: 1440, height: 900 });
	await page.goto(url("index.html"), { waitUntil: "load" });
	await page.type("#site-search", query);
	// The waits below are guards against a search that never answers (30 s,
	// so that a loaded machine is never taken for one), not measures of speed.
	try {
		await answered(page, query, true);
		const hits = await page.$$eval("#search-results a", (as) =>
			as.map((a) => ({ text: a.textContent, href: a.getAttribute("href") })));
		console.log(`search "${query}": ${hits.length} results, first ${hits[0].href}`);
		if (!hits.some((h) => h.text.includes(query)))
			fail(`no search result shows "${query}"`);
		// The first result's link works from disk.
		await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("#search-results a")]);
		if (!page.url().startsWith("file://"))
			fail("the search result did not open a page from disk: " + page.url());
	} catch (e) {
		fail(`search for "${query}" showed no results (${e.message})`);
	}
	// A word that is nowhere gives the empty message, not a stale list.
	await page.goto(url("index.html"), { waitUntil: "load" });
	await page.type("#site-search", "不存在的词zzqx");
	await answered(page, "不存在的词zzqx", false);
	if (await page.$("#search-results a")) fail("a nonsense query found results");

	// Pipeline: the summary's link to the stage with the most customers
	// opens its list; there, click the "offer per year" header; rows must
	// follow the numbers up, then down on a second click.
	await page.goto(url("pipeline.html"), { waitUntil: "load" });
	const stages = await page.$$eval("#pipeline-stages tbody tr", (rows) =>
		rows.map((r) => ({ href: r.querySelector("a").getAttribute("href"),
			n: parseInt(r.cells[1].textContent.replace(/,/g, ""), 10) })));
	if (!stages.length) fail("the pipeline's summary lists no stage");
	const longest = stages.reduce((a, b) => (b.n > a.n ? b : a), stages[0]);
	await Promise.all([page.waitForNavigation({ waitUntil: "load" }),
		page.click(`#pipeline-stages a[href="${longest.href}"]`)]);
	if (!page.url().endsWith(longest.href)) fail(`the stage link opened ${page.url()}`);
	// The pager: next, then back with previous.
	if (await page.$(".pagination a[rel=next]")) {
		const first = page.url();
		await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(".pagination a[rel=next]")]);
		const cur = await page.$eval(".pagination [aria-current=page]", (e) => e.textContent.trim());
		if (cur !== "2") fail(`the pager's next link opened page ${cur}`);
		await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(".pagination a[rel=prev]")]);
		if (page.url() !== first) fail(`the pager's previous link opened ${page.url()}`);
	}
	const col = 2;
	const values = () => page.$$eval(`#pipeline-table tbody tr`, (rows, c) =>
		rows.map((r) => parseFloat(r.cells[c].getAttribute("data-sort"))), col);
	const names = () => page.$$eval(`#pipeline-table tbody tr`, (rows) =>
		rows.map((r) => r.cells[0].textContent.trim()));
	const before = await names();
	await page.click(`#pipeline-table thead th:nth-child(${col + 1}) button`);
	const up = await values();
	const upNames = await names();
	const sortedUp = [...up].sort((a, b) => a - b);
	if (JSON.stringify(up) !== JSON.stringify(sortedUp)) fail(`not ascending after one click: ${up}`);
	const ariaUp = await page.$eval(`#pipeline-table thead th:nth-child(${col + 1})`, (th) => th.getAttribute("aria-sort"));
	if (ariaUp !== "ascending") fail(`aria-sort is ${ariaUp} after one click`);
	await page.click(`#pipeline-table thead th:nth-child(${col + 1}) button`);
	const down = await values();
	if (JSON.stringify(down) !== JSON.stringify([...sortedUp].reverse())) fail(`not descending after two clicks: ${down}`);
	// The list is by id: one of the two orders moves its rows.
	const downNames = await names();
	if (JSON.stringify(upNames) === JSON.stringify(before) && JSON.stringify(downNames) === JSON.stringify(before))
		fail("the rows did not move");
	// The customer column sorts too (text).
	await page.click("#pipeline-table thead th:nth-child(1) button");
	const byName = await names();
	console.log(`pipeline: ${stages.length} stages; ${longest.href}: ${before.length} rows; by offer ${upNames.slice(0, 5).join(", ")}...; by name ${byName.slice(0, 5).join(", ")}...`);

	// Phone width: nothing wider than the screen (tables scroll inside
	// their own box).
	await page.setViewport({ width: 375, height: 800 });
	for (const p of pages) {
		await page.goto(url(p), { waitUntil: "load" });
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		if (w > 375) fail(`${p} is ${w} px wide at 375 px`);
	}

	await browser.close();
	console.log(failures ? `${failures} failed` : "all passed");
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log("FAIL: " + (e.stack || e));
	process.exit(1);
});

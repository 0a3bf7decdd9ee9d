#!/usr/bin/env node
// Spaces between Chinese and other text on the site, as a browser draws
// them (Debian's Chromium, headless, pages from disk):
//   - between two Han characters, or beside Chinese punctuation, no gap is
//     shown, whatever the source had (each PAIR given as "A|B": the first
//     A followed by B on the page, white space and tags between them
//     looked through);
//   - the gaps between a Han character and a Latin letter or digit (each
//     LATIN pair) are all the same, typed or not, within 0.03 em; where the
//     browser has CSS text-autospace, about an eighth of an em;
//   - no text node of any page holds white space between two Han
//     characters or beside Chinese punctuation (outside pre and code).
// Usage: node site_cjk_gaps.js SITE_DIR PAGE "A|B,..." "A|B,..." [--all]
//   PAGE's pairs: the first list must show no gap, the second the same gap;
//   --all: also scan every page of SITE_DIR's text nodes.
// Exit: 0 pass, 1 fail, 77 no Chromium or no puppeteer-core.
"use strict";
const path = require("path");
const fs = require("fs");
const { launch } = require("./browser");

const [siteArg, pageArg, zeroArg, latinArg, ...rest] = process.argv.slice(2);
const site = path.resolve(siteArg || "");
let failures = 0;
function fail(msg) {
	console.log("FAIL: " + msg);
	failures++;
}
const pairs = (s) => (s ? s.split(",").filter(Boolean).map((p) => p.split("|")) : []);

function allPages(dir, rel, out) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const r = rel ? rel + "/" + e.name : e.name;
		if (e.isDirectory()) allPages(path.join(dir, e.name), r, out);
		else if (e.name.endsWith(".html")) out.push(r);
	}
	return out.sort();
}

// In the page: the gap in em between the first a followed by b on one line
// (white space and tags between them looked through), or null when not
// found.
function gapOf(a, b) {
	const walker = document.createTreeWalker(document.querySelector("main") || document.body,
		NodeFilter.SHOW_TEXT);
	const chars = [];
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		for (let i = 0; i < n.data.length; i++)
			if (!/\s/.test(n.data[i])) chars.push([n, i]);
	}
	for (let k = 0; k + 1 < chars.length; k++) {
		const [na, ia] = chars[k], [nb, ib] = chars[k + 1];
		if (na.data[ia] !== a || nb.data[ib] !== b) continue;
		const box = (n, i) => {
			const r = document.createRange();
			r.setStart(n, i);
			r.setEnd(n, i + 1);
			return r.getBoundingClientRect();
		};
		const ra = box(na, ia), rb = box(nb, ib);
		if (Math.abs(ra.top - rb.top) > ra.height / 2) continue; // not on one line
		// Chromium adds the autospace to the box of the character before
		// it: the gap is where b starts less where a would end alone.
		const alone = document.createElement("span");
		alone.style.textAutospace = "no-autospace";
		alone.textContent = a;
		na.parentElement.appendChild(alone);
		const width = alone.getBoundingClientRect().width;
		alone.remove();
		const em = parseFloat(getComputedStyle(na.parentElement).fontSize);
		return (rb.left - ra.left - width) / em;
	}
	return null;
}

// In the page: text nodes with white space between two Han characters or
// beside Chinese punctuation.
function spacedNodes() {
	const han = "\\u3400-\\u9fff\\uf900-\\ufaff";
	const punct = "\\u3000-\\u3003\\u3008-\\u3011\\uff01\\uff08\\uff09\\uff0c\\uff1a\\uff1b\\uff1f";
	const re = new RegExp(`[${han}][ \\t\\n]+[${han}]|[${punct}][ \\t\\n]+\\S|\\S[ \\t\\n]+[${punct}]`);
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (n.parentElement.closest("pre, code, kbd, samp, script, style")) continue;
		const m = re.exec(n.data);
		if (m) out.push(JSON.stringify(m[0]) + " in " + JSON.stringify(n.data.trim().slice(0, 60)));
	}
	return out;
}

(async () => {
	const browser = await launch();
	const page = await browser.newPage();
	await page.setViewport({ width: 1440, height: 900 });
	await page.goto("file://" + path.join(site, pageArg), { waitUntil: "load" });
	const autospace = await page.evaluate(() => CSS.supports("text-autospace", "normal"));
	const zero = [];
	for (const [a, b] of pairs(zeroArg)) {
		const g = await page.evaluate(gapOf, a, b);
		if (g === null) fail(`${pageArg}: "${a}" then "${b}" not found`);
		else if (Math.abs(g) > 0.02) fail(`${pageArg}: a gap of ${g.toFixed(3)} em between "${a}" and "${b}"`);
		else zero.push(`${a}${b} ${g.toFixed(3)}`);
	}
	const latin = [];
	for (const [a, b] of pairs(latinArg)) {
		const g = await page.evaluate(gapOf, a, b);
		if (g === null) fail(`${pageArg}: "${a}" then "${b}" not found`);
		else latin.push([`${a}|${b}`, g]);
	}
	if (latin.length) {
		const gs = latin.map((l) => l[1]);
		const lo = Math.min(...gs), hi = Math.max(...gs);
		if (hi - lo > 0.03)
			fail(`Han|Latin gaps differ: ${latin.map(([p, g]) => `${p} ${g.toFixed(3)}`).join(", ")} em`);
		if (autospace && (lo < 0.08 || hi > 0.2))
			fail(`with text-autospace the Han|Latin gaps are ${lo.toFixed(3)}..${hi.toFixed(3)} em, not about 0.125`);
	}
	console.log(`${pageArg}: no gap: ${zero.join(", ")}; Han|Latin (text-autospace ${autospace ? "on" : "missing"}): ` +
		latin.map(([p, g]) => `${p} ${g.toFixed(3)}`).join(", ") + " em");
	if (rest.includes("--all")) {
		let n = 0;
		for (const p of allPages(site, "", [])) {
			await page.goto("file://" + path.join(site, p), { waitUntil: "load" });
			for (const s of await page.evaluate(spacedNodes)) fail(`${p}: ${s}`);
			n++;
		}
		console.log(`scanned the text of ${n} pages`);
	}
	await browser.close();
	console.log(failures ? `${failures} failed` : "all passed");
	process.exit(failures ? 1 : 0);
})().catch((e) => {
	console.log("FAIL: " + (e.stack || e));
	process.exit(1);
});

#!/usr/bin/env node
// Checks a built site: every page is valid HTML5 (html-validate, zero
// errors) and every internal href and src resolves to a file (and, with a
// #fragment, to an element with that id). Links that leave the site folder
// are allowed only into a sibling proposals/ folder (the PDFs), which this
// checker does not require to exist unless --require-proposals is given.
// Usage: node site_check.js SITE_DIR [--require-proposals] [--no-validate]
// Exit: 0 all good, 1 problems, 77 html-validate is not installed.
"use strict";
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const site = path.resolve(args.find((a) => !a.startsWith("--")) || "");
const requireProposals = args.includes("--require-proposals");
const validate = !args.includes("--no-validate");

function walk(dir, out) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) walk(p, out);
		else out.push(p);
	}
	return out;
}

const problems = [];
const files = walk(site, []);
const pages = files.filter((f) => f.endsWith(".html"));
const idCache = new Map();

function ids(file) {
	if (!idCache.has(file)) {
		const set = new Set();
		const html = fs.readFileSync(file, "utf8");
		for (const m of html.matchAll(/\sid="([^"]*)"/g)) set.add(decodeEntities(m[1]));
		idCache.set(file, set);
	}
	return idCache.get(file);
}

function decodeEntities(s) {
	return s.replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
		.replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

function checkLinks(page) {
	const html = fs.readFileSync(page, "utf8");
	const rel = path.relative(site, page);
	for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
		const url = decodeEntities(m[2]);
		if (/^(https?:|mailto:|tel:)/i.test(url)) continue;
		if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
			problems.push(`${rel}: ${m[1]}="${url}" has a scheme that is not allowed`);
			continue;
		}
		const hash = url.indexOf("#");
		const file = hash >= 0 ? url.slice(0, hash) : url;
		const frag = hash >= 0 ? decodeURIComponent(url.slice(hash + 1)) : "";
		let target = page;
		if (file) {
			target = path.resolve(path.dirname(page), decodeURIComponent(file.split("?")[0]));
			const inside = target === site || target.startsWith(site + path.sep);
			if (!inside) {
				const proposals = path.join(path.dirname(site), "proposals") + path.sep;
				if (target.startsWith(proposals) && target.endsWith(".pdf")) {
					if (requireProposals && !fs.existsSync(target))
						problems.push(`${rel}: ${url} does not exist`);
					continue;
				}
				problems.push(`${rel}: ${url} points outside the site`);
				continue;
			}
			if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) {
				problems.push(`${rel}: ${m[1]}="${url}" does not resolve to a file`);
				continue;
			}
		}
		if (frag && target.endsWith(".html") && !ids(target).has(frag))
			problems.push(`${rel}: ${url}: no element with id "${frag}"`);
	}
}

(async () => {
	if (!pages.length) {
		console.log(`FAIL: no pages in ${site}`);
		process.exit(1);
	}
	pages.forEach(checkLinks);
	let errors = 0;
	if (validate) {
		let HtmlValidate;
		try {
			({ HtmlValidate } = require("html-validate"));
		} catch (e) {
			console.log("SKIP: html-validate is missing (npm ci --prefix tests)");
			process.exit(77);
		}
		const config = JSON.parse(fs.readFileSync(path.join(__dirname, "htmlvalidate.json"), "utf8"));
		const hv = new HtmlValidate(config);
		for (const page of pages) {
			const report = await hv.validateFile(page);
			for (const r of report.results)
				for (const msg of r.messages) {
					if (msg.severity < 2) continue;
					errors++;
					problems.push(`${path.relative(site, r.filePath)}:${msg.line}:${msg.column}: ${msg.ruleId}: ${msg.message}`);
				}
		}
	}
	for (const p of problems) console.log("FAIL: " + p);
	console.log(`${pages.length} pages, ${files.length} files checked: ${problems.length} problems` +
		(validate ? ` (${errors} HTML errors)` : ""));
	process.exit(problems.length ? 1 : 0);
})();

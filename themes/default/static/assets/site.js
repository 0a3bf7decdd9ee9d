/* The default theme's script: the menu on small screens, site search and
 * sortable tables. Plain JavaScript, no libraries, works from file://.
 * Text from the search index is only ever inserted with textContent, never
 * as HTML. */
(function () {
	"use strict";
	var doc = document;
	doc.documentElement.className += " js";

	/* ---------------------------------------------------------- menu */
	var toggle = doc.querySelector(".nav-toggle");
	var nav = doc.getElementById("site-nav");
	if (toggle && nav) {
		toggle.addEventListener("click", function () {
			var open = nav.classList.toggle("is-open");
			toggle.setAttribute("aria-expanded", open ? "true" : "false");
		});
	}

	/* ---------------------------------------------------------- search */
	var input = doc.getElementById("site-search");
	var box = doc.getElementById("search-results");
	var root = doc.body.getAttribute("data-root") || "";
	var indexUrl = doc.body.getAttribute("data-search-index");
	var timer = null, asked = 0;
	var waiting = {}; /* part name -> callbacks waiting for its script */

	/* The index is scripts, not data fetched: browsers do not allow fetch()
	 * on pages opened from disk, but they do run scripts. search-index.js
	 * sets window.SG_SEARCH (the pages, the first term of each part); each
	 * part, search/tN.js (terms) or search/dN.js (pages), sets
	 * SG_SEARCH_PARTS[name], and is loaded only when a query needs it. */
	function script(name, src, then) {
		if (waiting[name]) { waiting[name].push(then); return; }
		waiting[name] = [then];
		var s = doc.createElement("script");
		s.src = src;
		(window.SG_SEARCH_LOADED = window.SG_SEARCH_LOADED || []).push(src);
		s.onload = s.onerror = function () {
			var list = waiting[name];
			waiting[name] = list.done = [];
			list.forEach(function (f) { f(); });
		};
		doc.head.appendChild(s);
	}

	function loadIndex(then) {
		if (window.SG_SEARCH) { then(); return; }
		script("manifest", indexUrl, function () { if (window.SG_SEARCH) then(); });
	}

	/* Loads the parts named (once each), then calls then. */
	function loadParts(names, then) {
		var parts = window.SG_SEARCH_PARTS = window.SG_SEARCH_PARTS || {};
		var left = 1;
		function one() { if (--left === 0) then(); }
		names.forEach(function (n) {
			if (parts[n]) return;
			left++;
			script(n, root + window.SG_SEARCH.dir + n + ".js", one);
		});
		one();
	}

	/* ASCII letters in lower case, as the index has them. */
	function fold(s) { return (s || "").replace(/[A-Z]+/g, function (c) { return c.toLowerCase(); }); }

	/* The characters the index splits into single characters and pairs
	 * (Han, kana, hangul), and those of words: as site_index.c has them. */
	function ngram(c) {
		return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
			(c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF) ||
			(c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
	}
	function wordChar(c) {
		if (c < 0x80) return /[A-Za-z0-9]/.test(String.fromCharCode(c));
		if (c < 0xC0 || c === 0xD7 || c === 0xF7 || ngram(c)) return false;
		return !((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
			(c >= 0xFE00 && c <= 0xFFFF) || c >= 0x1F000);
	}

	/* The query as groups of terms: a word (which finds the words it
	 * starts), or a run of Chinese, whose pairs must all be in a page (a
	 * single character is looked up alone). At most 6 terms: a query loads
	 * at most a part per term, whatever the site's size. */
	function parse(q) {
		var groups = [], word = "", run = [], count = 0;
		function endWord() {
			if (word && count < 6) { groups.push({ terms: [word.slice(0, 32)], prefix: true, text: word }); count++; }
			word = "";
		}
		function endRun() {
			if (!run.length) return;
			var terms = [];
			if (run.length === 1) terms.push(run[0]);
			for (var i = 0; i + 1 < run.length; i += 2) terms.push(run[i] + run[i + 1]);
			if (run.length > 1 && run.length % 2) terms.push(run[run.length - 2] + run[run.length - 1]);
			terms = terms.slice(0, Math.max(0, 6 - count));
			count += terms.length;
			if (terms.length) groups.push({ terms: terms, prefix: false, text: run.join("") });
			run = [];
		}
		for (var ch of fold(q)) {
			var c = ch.codePointAt(0);
			if (wordChar(c)) { endRun(); word += ch; }
			else if (ngram(c)) { endWord(); run.push(ch); }
			else { endWord(); endRun(); }
		}
		endWord();
		endRun();
		return groups;
	}

	/* Code point order, the index's (its terms are sorted by UTF-8 bytes). */
	function cmp(a, b) {
		var i = 0, j = 0;
		while (i < a.length && j < b.length) {
			var x = a.codePointAt(i), y = b.codePointAt(j);
			if (x !== y) return x < y ? -1 : 1;
			i += x > 0xFFFF ? 2 : 1;
			j += y > 0xFFFF ? 2 : 1;
		}
		return i < a.length ? 1 : j < b.length ? -1 : 0;
	}

	/* The term parts that may hold term (and, for a prefix, the terms it
	 * starts: the next parts too while they start with it, two at most). */
	function partsOf(term, prefix) {
		var first = window.SG_SEARCH.terms, k = -1, out = [];
		for (var i = 0; i < first.length; i++)
			if (first[i] !== null && cmp(first[i], term) <= 0) k = i;
		/* Before every term: only a prefix can be there, at the start. */
		for (i = 0; k < 0 && prefix && i < first.length; i++)
			if (first[i] !== null) k = i;
		if (k < 0) return out;
		out.push("t" + k);
		for (var n = k + 1; prefix && n < first.length && out.length < 3; n++)
			if (first[n] !== null) {
				if (first[n].indexOf(term) !== 0) break;
				out.push("t" + n);
			}
		return out;
	}

	/* Page -> fields (4 title, 2 heading, 1 text) of the term, or of every
	 * term it starts. */
	function lookup(term, prefix, parts) {
		var digits = window.SG_SEARCH.digits, found = {};
		parts.forEach(function (name) {
			var list = window.SG_SEARCH_PARTS[name] || [];
			for (var i = 0; i + 1 < list.length; i += 2) {
				var t = list[i];
				if (!(t === term || (prefix && t.indexOf(term) === 0))) continue;
				var post = list[i + 1], acc = 0, page = -1;
				for (var j = 0; j < post.length; j++) {
					var x = digits.indexOf(post.charAt(j));
					acc = acc * 32 + (x & 31);
					if (x < 32) {
						page += Math.floor(acc / 8);
						found[page] = (found[page] || 0) | (acc % 8);
						acc = 0;
					}
				}
			}
		});
		return found;
	}

	function weight(f) { return (f & 4 ? 10 : 0) + (f & 2 ? 5 : 0) + (f & 1 ? 1 : 0); }

	/* Every group must be in the page; a hit in the title counts most, then
	 * headings, then the text. Calls then with the best 12 pages' numbers. */
	function search(q, then) {
		var groups = parse(q);
		if (!groups.length) { then([]); return; }
		/* Each term's own part first, then the parts a prefix goes on
		 * into, while a query has at most 8. */
		var names = [];
		groups.forEach(function (g) {
			g.parts = g.terms.map(function (t) { return partsOf(t, g.prefix); });
			g.parts.forEach(function (p) { if (p.length && names.indexOf(p[0]) < 0) names.push(p[0]); });
		});
		groups.forEach(function (g) {
			g.parts = g.parts.map(function (p) {
				return p.filter(function (n, i) {
					if (i === 0 || names.indexOf(n) >= 0) return true;
					if (names.length >= 8) return false;
					names.push(n);
					return true;
				});
			});
		});
		loadParts(names, function () {
			var score = null;
			groups.forEach(function (g) {
				var pages = null;
				g.terms.forEach(function (t, i) {
					var f = lookup(t, g.prefix, g.parts[i]), next = {};
					for (var d in f)
						if (pages === null) next[d] = f[d];
						else if (d in pages) next[d] = pages[d] & f[d];
					pages = next;
				});
				var s = {};
				for (var d in pages)
					if (score === null || d in score)
						s[d] = (score === null ? 0 : score[d]) + weight(pages[d] || 1);
				score = s;
			});
			var hits = Object.keys(score).map(function (d) { return { d: +d, s: score[d] }; });
			hits.sort(function (a, b) { return b.s - a.s || a.d - b.d; });
			then(hits.slice(0, 12).map(function (h) { return h.d; }));
		});
	}

	/* The pages numbered in hits, from their page lists. */
	function pages(hits, then) {
		var chunk = window.SG_SEARCH.chunk, names = [];
		hits.forEach(function (d) {
			var n = "d" + Math.floor(d / chunk);
			if (names.indexOf(n) < 0) names.push(n);
		});
		loadParts(names, function () {
			then(hits.map(function (d) {
				return (window.SG_SEARCH_PARTS["d" + Math.floor(d / chunk)] || [])[d % chunk];
			}).filter(Boolean));
		});
	}

	/* Appends text to el with the first occurrence of term marked. */
	function marked(el, text, term) {
		var at = term ? fold(text).indexOf(term) : -1;
		if (at < 0) { el.appendChild(doc.createTextNode(text)); return; }
		el.appendChild(doc.createTextNode(text.slice(0, at)));
		var m = doc.createElement("mark");
		m.textContent = text.slice(at, at + term.length);
		el.appendChild(m);
		el.appendChild(doc.createTextNode(text.slice(at + term.length)));
	}

	function snippet(text, term) {
		var at = fold(text).indexOf(term);
		if (at < 0) return text.slice(0, 90);
		var from = Math.max(0, at - 30);
		return (from > 0 ? "…" : "") + text.slice(from, at + term.length + 60) + "…";
	}

	function render(q, entries) {
		var groups = parse(q);
		var term = groups.length ? groups[0].text : "";
		box.textContent = "";
		if (!entries.length) {
			var p = doc.createElement("p");
			p.className = "sr-empty";
			p.textContent = input.getAttribute("data-empty");
			box.appendChild(p);
		} else {
			var ol = doc.createElement("ol");
			entries.forEach(function (e) {
				var li = doc.createElement("li");
				var a = doc.createElement("a");
				a.href = root + e.u;
				if (e.l) a.lang = e.l;
				var kind = doc.createElement("span");
				kind.className = "sr-kind";
				kind.textContent = e.k || "";
				var title = doc.createElement("span");
				title.className = "sr-title";
				marked(title, e.t || "", term);
				var snip = doc.createElement("span");
				snip.className = "sr-snippet";
				marked(snip, snippet(e.x || "", term), term);
				a.appendChild(kind);
				a.appendChild(title);
				a.appendChild(snip);
				li.appendChild(a);
				ol.appendChild(li);
			});
			box.appendChild(ol);
		}
		/* Which query the results answer: typing shows the answers to the
		 * first letters before the last. */
		box.setAttribute("data-query", q);
		box.hidden = false;
	}

	/* Runs the query; an answer that comes after a newer query is dropped. */
	function run(q) {
		var mine = ++asked;
		loadIndex(function () {
			search(q, function (hits) {
				pages(hits, function (entries) {
					if (mine === asked) render(q, entries);
				});
			});
		});
	}

	if (input && box && indexUrl) {
		input.addEventListener("focus", function () { loadIndex(function () {}); });
		input.addEventListener("input", function () {
			clearTimeout(timer);
			var q = input.value;
			if (!q.trim()) { box.hidden = true; return; }
			timer = setTimeout(function () { run(input.value); }, 80);
		});
		input.addEventListener("keydown", function (ev) {
			if (ev.key === "Escape") { box.hidden = true; input.blur(); }
			if (ev.key === "ArrowDown") {
				var first = box.querySelector("a");
				if (first) { ev.preventDefault(); first.focus(); }
			}
		});
		box.addEventListener("keydown", function (ev) {
			var links = Array.prototype.slice.call(box.querySelectorAll("a"));
			var at = links.indexOf(doc.activeElement);
			if (ev.key === "ArrowDown" && at + 1 < links.length) { ev.preventDefault(); links[at + 1].focus(); }
			if (ev.key === "ArrowUp") { ev.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
			if (ev.key === "Escape") { box.hidden = true; input.focus(); }
		});
		doc.addEventListener("click", function (ev) {
			if (!box.contains(ev.target) && ev.target !== input) box.hidden = true;
		});
	}

	/* ---------------------------------------------------------- sorting */
	Array.prototype.forEach.call(doc.querySelectorAll("table.sortable"), function (table) {
		var heads = table.querySelectorAll("thead th");
		Array.prototype.forEach.call(heads, function (th, col) {
			var button = th.querySelector("button");
			if (!button) return;
			button.addEventListener("click", function () {
				var numeric = button.getAttribute("data-type") === "num";
				var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
				var body = table.tBodies[0];
				var rows = Array.prototype.slice.call(body.rows);
				var lang = doc.documentElement.lang || undefined;
				rows.forEach(function (r, i) { r._pos = i; });
				rows.sort(function (a, b) {
					var x = a.cells[col].getAttribute("data-sort") || "";
					var y = b.cells[col].getAttribute("data-sort") || "";
					var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
						: x.localeCompare(y, lang);
					return c ? c * dir : a._pos - b._pos;
				});
				rows.forEach(function (r) { body.appendChild(r); });
				Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
				th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
			});
		});
	});
})();

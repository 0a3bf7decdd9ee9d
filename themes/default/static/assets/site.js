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
	var loading = false;
	var timer = null;

	/* The index is a script that sets window.SG_SEARCH_INDEX: browsers do not
	 * allow fetch() on pages opened from disk, but they do run scripts. */
	function loadIndex(then) {
		if (window.SG_SEARCH_INDEX) { then(); return; }
		if (loading) return;
		loading = true;
		var s = doc.createElement("script");
		s.src = indexUrl;
		s.onload = function () { loading = false; then(); };
		s.onerror = function () { loading = false; };
		doc.head.appendChild(s);
	}

	function fold(s) { return (s || "").toLowerCase(); }

	/* Every term must occur somewhere in the page; a hit in the title counts
	 * most, then headings, then the text. Matching is by substring, which is
	 * what Chinese needs (no spaces between words). */
	function search(q) {
		var terms = fold(q).split(/\s+/).filter(function (t) { return t.length > 0; });
		if (!terms.length) return [];
		var hits = [];
		var index = window.SG_SEARCH_INDEX || [];
		for (var i = 0; i < index.length; i++) {
			var e = index[i];
			var t = fold(e.t), h = fold((e.h || []).join("\n")), x = fold(e.x);
			var score = 0, ok = true;
			for (var k = 0; k < terms.length; k++) {
				var term = terms[k], s = 0;
				if (t.indexOf(term) >= 0) s += 10;
				if (h.indexOf(term) >= 0) s += 5;
				if (x.indexOf(term) >= 0) s += 1;
				if (!s) { ok = false; break; }
				score += s;
			}
			if (ok) hits.push({ e: e, score: score, i: i });
		}
		hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
		return hits.slice(0, 12);
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

	function render(q) {
		var hits = search(q);
		var term = fold(q).split(/\s+/).filter(Boolean)[0] || "";
		box.textContent = "";
		if (!hits.length) {
			var p = doc.createElement("p");
			p.className = "sr-empty";
			p.textContent = input.getAttribute("data-empty");
			box.appendChild(p);
		} else {
			var ol = doc.createElement("ol");
			hits.forEach(function (hit) {
				var li = doc.createElement("li");
				var a = doc.createElement("a");
				a.href = root + hit.e.u;
				if (hit.e.l) a.lang = hit.e.l;
				var kind = doc.createElement("span");
				kind.className = "sr-kind";
				kind.textContent = hit.e.k || "";
				var title = doc.createElement("span");
				title.className = "sr-title";
				marked(title, hit.e.t || "", term);
				var snip = doc.createElement("span");
				snip.className = "sr-snippet";
				marked(snip, snippet(hit.e.x || "", term), term);
				a.appendChild(kind);
				a.appendChild(title);
				a.appendChild(snip);
				li.appendChild(a);
				ol.appendChild(li);
			});
			box.appendChild(ol);
		}
		box.hidden = false;
	}

	if (input && box && indexUrl) {
		input.addEventListener("focus", function () { loadIndex(function () {}); });
		input.addEventListener("input", function () {
			clearTimeout(timer);
			var q = input.value;
			if (!q.trim()) { box.hidden = true; return; }
			timer = setTimeout(function () { loadIndex(function () { render(input.value); }); }, 80);
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

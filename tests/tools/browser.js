// Starts Debian's Chromium for the site tests. Exits with 77 (the test is
// skipped) when there is no Chromium or no puppeteer-core: `./build.sh test`
// installs both, a bare checkout may have neither.
"use strict";
const fs = require("fs");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function skip(why) {
	console.log("SKIP: " + why);
	process.exit(77);
}

async function launch() {
	if (!fs.existsSync(CHROMIUM))
		skip(CHROMIUM + " is missing (Debian package chromium; ./build.sh test installs it)");
	let puppeteer;
	try {
		puppeteer = require("puppeteer-core");
	} catch (e) {
		skip("puppeteer-core is missing (npm ci --prefix tests)");
	}
	return puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run"],
	});
}

module.exports = { launch, skip };

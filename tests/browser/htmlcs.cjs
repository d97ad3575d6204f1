// HTML_CodeSniffer, through pa11y, on a list of pages, in each colour scheme asked for.
//
// Reads one JSON object on stdin:
//   {"urls": [...], "standard": "WCAG2AA", "schemes": ["light", "dark"],
//    "viewport": {"width": 1280, "height": 800}, "chromeLaunchConfig": {"executablePath": ..., "args": [...]}}
// and writes one JSON array on stdout, one entry per page and scheme:
//   {"url", "scheme", "palette" (the data-md-color-scheme the page applied), "issues": [{code, type, message, selector, context}]}
// Only errors are reported (pa11y's default level). One browser for the whole run, one fresh
// context per scheme, so a palette Material remembers in localStorage does not carry over.
'use strict';

const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function readStdin() {
	const chunks = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main() {
	const job = await readStdin();
	const browser = await puppeteer.launch(job.chromeLaunchConfig);
	const results = [];
	try {
		for (const scheme of job.schemes) {
			const context = await browser.createBrowserContext();
			const page = await context.newPage();
			await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
			for (const url of job.urls) {
				const report = await pa11y(url, {
					browser,
					page,
					standard: job.standard,
					runners: ['htmlcs'],
					viewport: job.viewport,
					timeout: 60000,
					log: {debug: () => {}, info: () => {}, error: message => process.stderr.write(`${message}\n`)}
				});
				const palette = await page.evaluate(() => document.body.getAttribute('data-md-color-scheme'));
				results.push({
					url,
					scheme,
					palette,
					issues: report.issues.map(({code, type, message, selector, context}) => ({
						code, type, message, selector, context
					}))
				});
			}
			await context.close();
		}
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(results));
}

main().catch(error => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});

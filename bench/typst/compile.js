// compile.js - sets a Typst file as a PDF with Typst's own compiler, from the
// npm package @myriaddreamin/typst-ts-node-compiler (Typst 0.14 in a Node
// native module; no typst binary needed).
//
// usage: node compile.js IN.typ OUT.pdf FONTDIR...
//        node compile.js --version
// Only the fonts in the FONTDIRs are used, so the faces are the ones the
// benchmark names. Prints Typst's diagnostics and exits 1 when it fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

if (process.argv[2] === '--version') {
	// The Typst version inside the package, asked of Typst itself.
	const c = NodeCompiler.create({ fontArgs: [{ fontPaths: [] }] });
	const r = c.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' });
	console.log(c.query(r.result, { selector: '<v>', field: 'value' })[0]);
	process.exit(0);
}
const [input, output, ...fontDirs] = process.argv.slice(2);
if (!input || !output || fontDirs.length === 0) {
	console.error('usage: node compile.js IN.typ OUT.pdf FONTDIR...   or   node compile.js --version');
	process.exit(2);
}
const compiler = NodeCompiler.create({
	workspace: path.dirname(path.resolve(input)),
	fontArgs: [{ fontPaths: fontDirs }],
});
const result = compiler.compile({ mainFileContent: fs.readFileSync(input, 'utf8') });
if (!result.result) {
	const diags = compiler.fetchDiagnostics(result.takeError());
	for (const d of diags)
		console.error(`${input}: ${d.severity || 'error'}: ${d.message}${d.range ? ' (' + d.range + ')' : ''}`);
	process.exit(1);
}
// No creation date in the file: the same input gives the same bytes.
fs.writeFileSync(output, compiler.pdf(result.result));

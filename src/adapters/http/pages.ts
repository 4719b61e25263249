/**
 * Small server-rendered pages for people: errors and link states. Plain HTML, no script.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageOptions {
  state: string;
  title: string;
  heading: string;
  message: string;
  hint?: string;
  lang?: string;
}

export function renderMessagePage(o: PageOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(o.title)} · callink</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1b1f24}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002;margin:1rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
p{margin:.5rem 0}
.hint{color:#555}
h1,p{overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){:root{color-scheme:dark}body{background:#15181c;color:#e6e9ec}main{background:#1f2329}.hint{color:#b4bcc6}}
</style>
</head>
<body data-state="${escapeHtml(o.state)}">
<main role="main">
<h1>${escapeHtml(o.heading)}</h1>
<p id="message" role="status">${escapeHtml(o.message)}</p>
${o.hint ? `<p class="hint">${escapeHtml(o.hint)}</p>` : ''}
</main>
</body>
</html>
`;
}

// ui/view: the health overview page's own style and script, run inside the webview under a nonce-only CSP. The script
// reads the data element, builds every node with createElement and textContent (no markup from data, no inline
// handlers), and posts one kind of message: reveal a token it was given. Plain DOM, no library, to stay small.

/** Theme colours through VS Code's CSS variables; no inline style attribute anywhere (widths are set through CSSOM). */
export const HEALTH_PAGE_STYLE = `
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 16px 24px}
h1{font-size:1.4em;font-weight:600}h2{font-size:1.15em;font-weight:600;margin-top:1.6em}h3{font-size:1em;margin:1em 0 .3em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(290px,1fr));gap:8px 32px}
.muted{opacity:.8}
button{font:inherit;color:inherit;cursor:pointer}
button:focus-visible{outline:1px solid var(--vscode-focusBorder);outline-offset:1px}
button.bar{display:grid;grid-template-columns:8.5em 1fr 2.5em;align-items:center;gap:8px;width:100%;background:none;border:1px solid transparent;padding:2px 4px;text-align:left}
button.bar.wide{grid-template-columns:16em 1fr 2.5em}button.bar>span:first-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
button.bar:hover,.timeline button:hover{background:var(--vscode-list-hoverBackground)}
button[aria-pressed=true]{background:var(--vscode-list-inactiveSelectionBackground);border-color:var(--vscode-focusBorder)}
.track{position:relative;height:10px;background:var(--vscode-editorWidget-background);border:1px solid var(--vscode-widget-border,transparent)}
.fill{display:block;height:100%;background:var(--vscode-charts-blue)}
.risk .fill,.fill.risk{background:var(--vscode-charts-red)}.warn .fill{background:var(--vscode-charts-yellow)}
.limit{position:absolute;top:-4px;bottom:-4px;width:2px;background:var(--vscode-charts-red)}
.count{text-align:right;font-variant-numeric:tabular-nums}
.timeline{display:flex;align-items:flex-end;gap:3px;height:120px;border-bottom:1px solid var(--vscode-panel-border)}
.timeline button{flex:1;min-width:8px;height:100%;display:flex;align-items:flex-end;background:none;border:1px solid transparent;padding:0}
.col{width:100%;min-height:1px;background:var(--vscode-charts-orange)}
.axis{display:flex;justify-content:space-between;font-size:.85em;opacity:.8;margin-top:2px}
details{margin:6px 0}summary{cursor:pointer;color:var(--vscode-textLink-foreground)}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid var(--vscode-panel-border);padding:2px 8px;text-align:left}
#list ul{list-style:none;padding:0}#list li{margin:3px 0}
button.token{background:none;border:none;padding:0;color:var(--vscode-textLink-foreground);text-decoration:underline}
`;

/** Runs once in the webview. Written as plain ES2019 so no build step is needed for it. */
export const HEALTH_PAGE_SCRIPT = `
(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var data = JSON.parse(document.getElementById('data').textContent);
  var s = data.strings;
  var root = document.getElementById('root');
  var list = el('section');
  list.id = 'list';
  list.setAttribute('aria-live', 'polite');
  var pressed = null;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function fill(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\\{(\\d+)\\}/g, function (match, index) { return index < args.length ? String(args[index]) : match; });
  }
  function flagLabel(id) {
    for (var i = 0; i < data.flags.length; i++) if (data.flags[i].id === id) return data.flags[i].label;
    return id;
  }
  function press(button) {
    if (pressed) pressed.setAttribute('aria-pressed', 'false');
    pressed = button;
    button.setAttribute('aria-pressed', 'true');
  }
  function showTokens(title, indexes) {
    list.replaceChildren();
    list.append(el('h2', s.listHeading + ': ' + title));
    if (indexes.length === 0) { list.append(el('p', s.none, 'muted')); return; }
    var items = el('ul');
    indexes.forEach(function (index) {
      var token = data.tokens[index];
      var item = el('li');
      var button = el('button', token.name, 'token');
      button.title = s.reveal;
      button.addEventListener('click', function () {
        vscode.postMessage({ type: 'reveal', tenantId: token.tenantId, tokenId: token.tokenId });
      });
      var flags = token.flags.map(flagLabel).join(', ');
      item.append(button, el('span', ' \\u00b7 ' + token.tenantName + ' \\u00b7 ' + token.owner + (flags ? ' \\u00b7 ' + flags : ''), 'muted'));
      items.append(item);
    });
    list.append(items);
  }
  function barButton(bar, title, scale, className) {
    var button = el('button', undefined, 'bar' + (className ? ' ' + className : ''));
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', fill(s.barLabel, bar.label, bar.count));
    var track = el('span', undefined, 'track');
    var filled = el('span', undefined, 'fill');
    filled.style.width = (scale > 0 ? Math.min(100, (100 * bar.count) / scale) : 0) + '%';
    track.append(filled);
    button.append(el('span', bar.label), track, el('span', bar.count, 'count'));
    button.addEventListener('click', function () { press(button); showTokens(title, bar.tokens); });
    return button;
  }
  function table(headers, rows) {
    var details = el('details');
    details.append(el('summary', s.table));
    var grid = el('table');
    var head = el('tr');
    headers.forEach(function (header) { var cell = el('th', header); cell.scope = 'col'; head.append(cell); });
    grid.append(head);
    rows.forEach(function (row) {
      var line = el('tr');
      row.forEach(function (value) { line.append(el('td', value)); });
      grid.append(line);
    });
    details.append(grid);
    return details;
  }
  function flagsSection() {
    var section = el('section');
    section.append(el('h2', s.flagsHeading));
    if (data.tenants.length === 0) section.append(el('p', s.noTenants, 'muted'));
    var grid = el('div', undefined, 'grid');
    data.tenants.forEach(function (tenant) {
      var part = el('div');
      part.append(el('h3', tenant.name), el('p', fill(s.total, tenant.total), 'muted'));
      tenant.bars.forEach(function (bar, index) {
        var button = barButton(bar, tenant.name + ' \\u00b7 ' + bar.label, tenant.total, data.flags[index].severity);
        button.title = data.flags[index].meaning;
        part.append(button);
      });
      part.append(table([s.flag, s.count], tenant.bars.map(function (bar) { return [bar.label, bar.count]; })));
      grid.append(part);
    });
    section.append(grid);
    return section;
  }
  function timelineSection() {
    var section = el('section');
    section.append(el('h2', s.timelineHeading));
    var most = Math.max.apply(null, data.timeline.map(function (week) { return week.count; }).concat([1]));
    var chart = el('div', undefined, 'timeline');
    data.timeline.forEach(function (week) {
      var button = el('button');
      button.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-label', fill(s.barLabel, s.week + ' ' + week.label, week.count));
      button.title = fill(s.barLabel, week.label, week.count);
      var column = el('span', undefined, 'col');
      column.style.height = (100 * week.count) / most + '%';
      button.append(column);
      button.addEventListener('click', function () { press(button); showTokens(s.week + ' ' + week.label, week.tokens); });
      chart.append(button);
    });
    var axis = el('div', undefined, 'axis');
    axis.append(el('span', data.timeline[0].label), el('span', data.timeline[data.timeline.length - 1].label));
    section.append(chart, axis, table([s.week, s.count], data.timeline.map(function (week) { return [week.label, week.count]; })));
    return section;
  }
  function ownersSection() {
    var section = el('section');
    section.append(el('h2', s.ownersHeading));
    var scale = Math.max.apply(null, data.owners.map(function (owner) { return owner.count; }).concat([data.ownerLimit]));
    data.owners.forEach(function (owner) {
      var title = owner.label + ' \\u00b7 ' + owner.tenantName;
      var shown = { label: data.tenants.length > 1 ? title : owner.label, count: owner.count, tokens: owner.tokens };
      var button = barButton(shown, title, scale, owner.count >= data.ownerLimit ? 'wide risk' : 'wide');
      var limit = el('span', undefined, 'limit');
      limit.style.left = (100 * data.ownerLimit) / scale + '%';
      button.querySelector('.track').append(limit);
      button.title = owner.tenantName;
      section.append(button);
    });
    if (data.owners.length === 0) section.append(el('p', s.none, 'muted'));
    section.append(table([s.owner, s.tenant, s.count], data.owners.map(function (owner) { return [owner.label, owner.tenantName, owner.count]; })));
    return section;
  }
  function failedSection() {
    var section = el('section');
    section.append(el('h2', s.failedHeading));
    var items = el('ul');
    data.failed.forEach(function (tenant) { items.append(el('li', tenant.name + ': ' + tenant.message)); });
    section.append(items);
    return section;
  }

  root.append(el('h1', data.title), el('p', s.listHint, 'muted'));
  if (data.failed.length > 0) root.append(failedSection());
  root.append(flagsSection(), timelineSection(), ownersSection(), list);
})();
`;

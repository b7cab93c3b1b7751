// The Sluice console: polls the JSON endpoints every POLL_MS and redraws what changed. No framework, no CDN:
// uPlot (vendored) draws the time series; the top lists are plain tables with bars.
'use strict';
const POLL_MS = 2000;
const charts = {};

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function fillTable(id, rows, cells, emptyText) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', emptyText || 'none', 'empty');
    td.colSpan = 9;
    tr.append(td);
    body.append(tr);
    return;
  }
  for (const row of rows) {
    const tr = el('tr');
    for (const c of cells(row)) tr.append(c instanceof Node ? c : el('td', c));
    body.append(tr);
  }
}

function num(v) { const td = el('td', v === null || v === undefined ? '' : v, 'n'); return td; }
function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : ''; }

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': ' + r.status);
  return r.json();
}

async function pipeline() {
  const p = await getJson('/api/pipeline?limit=20');
  fillTable('functions', p.functions, f => [el('td', f.function), num(f.processed), num(f.skipped),
    num(f.failed), num(f.retried), num(f.deadLetter)]);
  fillTable('invocations', p.invocations, i => [el('td', time(i.at)), el('td', i.function),
    el('td', i.bucket ? i.bucket + '/' + i.key : i.key), el('td', i.outcome, i.outcome), num(i.rowsIn),
    num(i.rowsOut), num(i.elapsedMillis), el('td', i.detail)], 'no invocation yet: upload a CSV');
  const e = await getJson('/api/errors');
  fillTable('errors', e.reports, r => {
    const a = el('a', r.bucket + '/' + r.key);
    a.href = '/api/errors/content?bucket=' + encodeURIComponent(r.bucket) + '&key=' + encodeURIComponent(r.key);
    a.target = '_blank';
    const td = el('td'); td.append(a);
    return [el('td', new Date(r.lastModified).toLocaleString()), td, num(r.size)];
  }, 'no error report');
  const d = await getJson('/api/dead-letters');
  fillTable('dead-letters', d.deadLetters, x => {
    const b = el('button', 'redeliver');
    b.onclick = async () => {
      b.disabled = true;
      const r = await fetch('/api/dead-letters/redeliver?id=' + encodeURIComponent(x.id), { method: 'POST' });
      b.textContent = r.ok ? 'sent' : (await r.json()).error;
      refresh();
    };
    const td = el('td'); td.append(b);
    return [el('td', x.id), el('td', x.function), el('td', x.bucket + '/' + x.key), num(x.attempts),
      el('td', x.error), td];
  }, 'empty');
}

async function etl() {
  let e;
  try { e = await getJson('/api/etl?limit=10'); } catch (err) {
    document.getElementById('freshness').textContent = 'No warehouse in this run.';
    return false;
  }
  const f = e.freshness;
  const p = document.getElementById('freshness');
  p.replaceChildren();
  p.append('Freshness: ');
  p.append(el('span', f.status, f.status));
  if (f.ageSeconds !== undefined) {
    p.append(' — the newest source change in the warehouse (' + f.newestChange + ' UTC) is '
      + Math.round(f.ageSeconds / 60) + ' min old; target ' + f.targetSeconds / 60 + ' min.');
  } else {
    p.append(' — ' + (f.detail || ''));
  }
  fillTable('batches', e.batches, b => [el('td', time(b.at)), el('td', b.stage), el('td', b.batchId), num(b.rows)],
    'none since start');
  fillTable('loaded', e.loaded, b => [el('td', b.batchId), num(b.rows), el('td', time(b.extractedAt)),
    el('td', time(b.loadedAt))], 'none yet');
  fillTable('watermarks', Object.entries(e.watermarks), w => [el('td', w[0]), el('td', w[1])], 'no extract yet');
  return true;
}

function monthSeconds(ym) { return Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7) - 1, 1) / 1000; }

const COLORS = ['#e63946', '#457b9d', '#2a9d8f', '#f4a261', '#6a4c93', '#8d99ae'];

function drawSeries(id, xs, series) {
  const box = document.querySelector('#' + id + ' .plot');
  const data = [xs, ...series.map(s => s.values)];
  const opts = {
    width: Math.min(1100, box.clientWidth || 900), height: 220,
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2 }))],
    axes: [{}, { size: 100 }],
    scales: { x: { time: true } },
  };
  if (charts[id] && charts[id].series.length === opts.series.length) {
    charts[id].setData(data);
  } else {
    if (charts[id]) charts[id].destroy();
    box.replaceChildren();
    charts[id] = new uPlot(opts, data, box);
  }
}

async function salesByMonth() {
  const d = await getJson('/api/dashboards/sales-by-month');
  const months = [...new Set(d.rows.map(r => r[0]))];
  const currencies = [...new Set(d.rows.map(r => r[1]))];
  const xs = months.map(monthSeconds);
  const series = currencies.map(c => ({
    label: 'revenue ' + c,
    values: months.map(m => { const r = d.rows.find(x => x[0] === m && x[1] === c); return r ? r[3] : 0; }),
  }));
  drawSeries('sales-by-month', xs, series);
  document.getElementById('sales-units-total').textContent = d.rows.reduce((a, r) => a + r[2], 0);
  const revenue = currencies.map(c => c + ' ' + d.rows.filter(r => r[1] === c).reduce((a, r) => a + r[3], 0)
    .toFixed(2));
  document.getElementById('sales-revenue-total').textContent = revenue.join(', ') || '–';
}

async function monthly(name, columns) {
  const d = await getJson('/api/dashboards/' + name);
  const xs = d.rows.map(r => monthSeconds(r[0]));
  drawSeries(name, xs, columns.map(c => ({ label: d.columns[c], values: d.rows.map(r => r[c]) })));
}

async function topList(name, valueColumn) {
  const d = await getJson('/api/dashboards/' + name + '?limit=8');
  const max = Math.max(1, ...d.rows.map(r => r[valueColumn]));
  const body = document.querySelector('#' + name + ' tbody');
  body.replaceChildren();
  for (const r of d.rows) {
    const tr = el('tr');
    tr.append(el('td', r[0]));
    const bar = el('span', null, 'bar');
    bar.style.width = Math.round(160 * r[valueColumn] / max) + 'px';
    const td = el('td'); td.append(bar);
    tr.append(td, num(typeof r[valueColumn] === 'number' ? r[valueColumn].toLocaleString() : r[valueColumn]));
    body.append(tr);
  }
  if (d.rows.length === 0) body.append(el('tr', 'no data yet', 'empty'));
}

async function dashboards() {
  await salesByMonth();
  await monthly('purchases-by-month', [3]);
  await monthly('payments-by-month', [2, 3]);
  await topList('top-designs', 2);
  await topList('top-staff', 3);
  await topList('top-counterparties', 2);
  await topList('sales-by-location', 3);
}

let running = false;
async function refresh() {
  if (running) return;
  running = true;
  try {
    await pipeline();
    if (await etl()) await dashboards();
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (err) {
    document.getElementById('updated').textContent = 'update failed: ' + err.message;
  } finally {
    running = false;
  }
}

refresh();
setInterval(refresh, POLL_MS);

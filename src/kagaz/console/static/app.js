// kagaz review console: one ES module, no framework, no build step.
// Security: the access token lives in sessionStorage (this tab only; no cookie, so no CSRF
// surface) and is sent as the Token header; it never goes into a URL. Every value from the
// server is put into the page as text (textContent), never as HTML.

const LOW_CONFIDENCE_DEFAULT = 0.9;
const POLL_MS = 2000;
const PAGE_SIZE = 50;
const KEY = { token: 'kagaz.token', client: 'kagaz.client', reviewer: 'kagaz.reviewer' };
const STATUSES = ['queued', 'fetching', 'processing', 'done', 'failed'];

const $ = (sel, root = document) => root.querySelector(sel);
const view = $('#view');
let lowConfidence = LOW_CONFIDENCE_DEFAULT;
let pollTimer = null;
let renderSeq = 0; // a newer navigation cancels the older one's late answers
const objectUrls = new Set();

class AuthError extends Error {}

// -- DOM helpers --------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Live tables are redrawn while they poll: a keyboard user on one of their links keeps it.
function keepFocus(container, redraw) {
  const el = document.activeElement;
  const href = el && container.contains(el) && el.getAttribute('href');
  redraw();
  if (href) {
    const again = [...container.querySelectorAll('a[href]')].find((a) => a.getAttribute('href') === href);
    if (again) again.focus({ preventScroll: true });
  }
}

function toast(message, kind = 'ok') {
  const t = $('#toast');
  t.textContent = message;
  t.className = `toast show ${kind}`;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.className = 'toast'; }, 4000);
}

function announce(message) {
  const live = $('#live');
  if (live.textContent !== message) live.textContent = message;
}

const pct = (x) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const fmtConf = (c) => (typeof c === 'number' ? c.toFixed(2) : '—');
const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
const isFinal = (s) => s === 'done' || s === 'failed';

// -- session ------------------------------------------------------------------------------

const session = {
  get token() { return sessionStorage.getItem(KEY.token); },
  get client() { return sessionStorage.getItem(KEY.client) || ''; },
  get reviewer() { return sessionStorage.getItem(KEY.reviewer) || sessionStorage.getItem(KEY.client) || ''; },
  save(token, client, reviewer) {
    sessionStorage.setItem(KEY.token, token);
    sessionStorage.setItem(KEY.client, client);
    sessionStorage.setItem(KEY.reviewer, reviewer || client);
  },
  clear() { Object.values(KEY).forEach((k) => sessionStorage.removeItem(k)); },
};

async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const token = session.token;
  if (!token) throw new AuthError('Not signed in');
  const opts = { method, headers: { ...headers, Token: token }, cache: 'no-store' };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, opts);
  if (r.status === 401) {
    signOut('Your session has ended. Please sign in again.');
    throw new AuthError('Signed out');
  }
  if (!r.ok) {
    let message = `${r.status} ${r.statusText}`;
    try { message = (await r.json()).error_message || message; } catch { /* not JSON */ }
    const err = new Error(message);
    err.status = r.status;
    throw err;
  }
  return raw ? r : r.json();
}

function showSignin(message = '') {
  stopPolling();
  $('#session').hidden = true;
  view.replaceChildren();
  const section = $('#signin');
  section.hidden = false;
  $('#signin-error').textContent = message;
  document.title = 'Sign in · kagaz';
  const first = $('#signin-form input[name=client_id]');
  if (!first.value) first.focus(); else $('#signin-form input[name=client_secret]').focus();
}

function signOut(message = '') {
  session.clear();
  for (const u of objectUrls) URL.revokeObjectURL(u);
  objectUrls.clear();
  if (location.hash && location.hash !== '#/') history.replaceState(null, '', '#/');
  showSignin(message);
}

async function signIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const data = new FormData(form);
  const clientId = String(data.get('client_id')).trim();
  const button = $('button[type=submit]', form);
  button.disabled = true;
  $('#signin-error').textContent = '';
  try {
    const r = await fetch('/v1/bulk/authtoken', {
      method: 'POST',
      headers: { 'Client-Id': clientId, 'Client-Secret': String(data.get('client_secret')) },
      cache: 'no-store',
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      $('#signin-error').textContent = body.error_message || `Sign-in failed (${r.status})`;
      return;
    }
    session.save(body.access_token, clientId, String(data.get('reviewer') || '').trim());
    form.reset();
    $('input[name=client_id]', form).value = clientId;
    start();
  } catch (e) {
    $('#signin-error').textContent = `Cannot reach the server: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

async function start() {
  $('#signin').hidden = true;
  $('#session').hidden = false;
  $('#who').textContent = session.reviewer === session.client ? session.client : `${session.reviewer} · ${session.client}`;
  try {
    const cfg = await api('/v1/console/config');
    if (typeof cfg.low_confidence === 'number') lowConfidence = cfg.low_confidence;
  } catch (e) {
    if (e instanceof AuthError) return;
  }
  route();
}

// -- routing ------------------------------------------------------------------------------

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

function poll(fn) {
  stopPolling();
  pollTimer = setTimeout(fn, POLL_MS);
}

async function route() {
  if (!session.token) { showSignin(); return; }
  stopPolling();
  const seq = ++renderSeq;
  const { parts, params } = parseHash();
  try {
    if (parts[0] === 'batch' && parts[1]) await renderDocuments('batch', parts[1], params, seq);
    else if (parts[0] === 'flow' && parts[1]) await renderDocuments('flow', parts[1], params, seq);
    else if (parts[0] === 'doc' && parts[1]) await renderDocument(parts[1], params, seq);
    else await renderBatches(params, seq);
  } catch (e) {
    if (e instanceof AuthError || seq !== renderSeq) return;
    view.replaceChildren(h('section', { class: 'empty card' },
      h('h1', { text: e.status === 404 ? 'Not found' : 'Something went wrong' }),
      h('p', { text: e.message }),
      h('a', { href: '#/', class: 'btn' }, 'Back to batches')));
  }
}

function breadcrumb(...items) {
  return h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('ol', {}, items.map((it, i) => h('li', {},
      it.href && i < items.length - 1 ? h('a', { href: it.href, text: it.label })
        : h('span', { 'aria-current': 'page', text: it.label })))));
}

// -- progress -----------------------------------------------------------------------------

function progressBar(row) {
  const total = row.total || 0;
  const c = row.counts || {};
  const pending = (c.queued || 0) + (c.fetching || 0) + (c.processing || 0);
  const bar = h('div', {
    class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total),
    'aria-valuenow': String((c.done || 0) + (c.failed || 0)),
    'aria-label': `${(c.done || 0) + (c.failed || 0)} of ${total} finished`,
  });
  if (total) {
    for (const [cls, n] of [['done', c.done || 0], ['failed', c.failed || 0], ['pending', pending]]) {
      if (!n) continue;
      const seg = h('span', { class: `seg ${cls}` });
      seg.style.width = pct(n / total);
      bar.append(seg);
    }
  }
  return bar;
}

function countChips(counts) {
  return h('span', { class: 'chips' }, STATUSES.filter((s) => counts && counts[s]).map((s) =>
    h('span', { class: `chip ${s}` }, `${counts[s]} ${s}`)));
}

function statusBadge(status) {
  return h('span', { class: `badge ${status}` }, status);
}

// A check whose evidence decides nothing (an Aadhaar QR without a UIDAI certificate of its
// period) is "not decided", never shown as passed.
const checkClass = (v) => (v && v.valid === false ? 'fail' : v && v.valid === null ? 'na' : 'pass');

// The Aadhaar's UIDAI-signed QR: a verified badge, or the reason it is not verified.
function qrBadge(qr) {
  if (!qr) return '';
  if (qr.valid === true) return h('span', { class: 'chip done', title: qr.message || '', text: 'UIDAI QR verified' });
  const why = !qr.present ? 'no QR code found' : !qr.decoded ? 'QR unreadable'
    : qr.signature_valid === false ? 'signature invalid'
    : Object.values(qr.fields_match || {}).includes(false) ? 'QR disagrees with the card'
    : 'signature not checkable';
  return h('span', { class: `chip ${qr.valid === false ? 'failed' : 'queued'}`, title: qr.message || '', text: `QR not verified: ${why}` });
}

// -- batches and flows --------------------------------------------------------------------

async function renderBatches(params, seq) {
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
  document.title = 'Batches · kagaz';
  const tbody = h('tbody');
  const pager = h('div', { class: 'pager' });
  const table = h('table', { class: 'grid batches' },
    h('caption', { class: 'sr-only', text: 'Batches and flows, newest first' }),
    h('thead', {}, h('tr', {},
      ['Batch or flow', 'Product', 'Created', 'Progress', 'Documents'].map((t) => h('th', { scope: 'col', text: t })))),
    tbody);
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { text: 'Batches and flows' })),
    uploadZone(),
    h('div', { class: 'card table-wrap' }, table),
    pager);
  if (seq === renderSeq) $('#main').focus({ preventScroll: true });

  const refresh = async () => {
    const body = await api(`/v1/console/batches?page=${page}&per_page=25`);
    if (seq !== renderSeq) return;
    keepFocus(tbody, () => tbody.replaceChildren(...(body.data.length ? body.data.map(batchRow) : [
      h('tr', {}, h('td', { colspan: '5', class: 'empty-row', text: 'No batches yet. Drop files above to create one.' }))])));
    pager.replaceChildren(
      page > 1 ? h('a', { class: 'btn', href: `#/?page=${page - 1}` }, '← Newer') : '',
      h('span', { class: 'muted', text: `${body.total_items} in all` }),
      body.has_next ? h('a', { class: 'btn', href: `#/?page=${page + 1}` }, 'Older →') : '');
    const open = body.data.filter((b) => !b.finished);
    if (open.length) {
      const left = open.reduce((n, b) => n + b.total - (b.counts.done + b.counts.failed), 0);
      announce(`${open.length} batch${open.length > 1 ? 'es' : ''} processing, ${left} document${left === 1 ? '' : 's'} left`);
      poll(() => refresh().catch(pollError));
    } else if (body.data.length) {
      announce('All batches finished');
    }
  };
  renderBatches.refresh = refresh;
  await refresh();
}

function pollError(e) {
  if (!(e instanceof AuthError)) toast(`Refresh failed: ${e.message}`, 'err');
}

function batchRow(b) {
  const href = `#/${b.kind}/${encodeURIComponent(b.id)}`;
  const label = b.kind === 'flow' ? (b.application_id || b.id) : b.id;
  return h('tr', { class: b.finished ? '' : 'live' },
    h('th', { scope: 'row' },
      h('a', { href, class: 'mono' }, label),
      ' ', h('span', { class: `kind ${b.kind}`, text: b.kind === 'flow' ? 'flow' : b.family }),
      b.cross_check_failures ? h('span', { class: 'chip failed', text: `${b.cross_check_failures} cross-check${b.cross_check_failures > 1 ? 's' : ''} failed` }) : ''),
    h('td', { text: b.product_type }),
    h('td', { text: fmtTime(b.created_at) }),
    h('td', { class: 'progress-cell' }, progressBar(b),
      h('span', { class: 'muted small', text: b.finished ? 'finished' : 'processing…' })),
    h('td', {}, h('strong', { text: String(b.total) }), ' ', countChips(b.counts)));
}

function uploadZone() {
  const input = h('input', { type: 'file', id: 'upload-input', multiple: true, accept: '.pdf,.png,.jpg,.jpeg,.webp,.tif,.tiff,application/pdf,image/*', class: 'sr-only' });
  const product = h('input', { id: 'product-type', name: 'product_type', value: 'CONSOLE', maxlength: '128', required: true, spellcheck: 'false' });
  const status = h('p', { class: 'upload-status muted', 'aria-live': 'polite' });
  const zone = h('section', { class: 'drop card', id: 'dropzone', 'aria-labelledby': 'upload-title' },
    h('div', { class: 'drop-text' },
      h('h2', { id: 'upload-title', text: 'Upload documents' }),
      h('p', {}, 'Drag PDF or image files here, or ',
        h('label', { for: 'upload-input', class: 'linkish', tabindex: '0', role: 'button',
          onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } } },
        'choose files'), '. They become one new batch.'),
      status),
    h('label', { class: 'product' }, 'Product type', product),
    input);
  const send = async (files) => {
    files = [...files].filter((f) => f.size > 0);
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    form.append('product_type', product.value.trim() || 'CONSOLE');
    zone.classList.add('busy');
    status.textContent = `Uploading ${files.length} file${files.length > 1 ? 's' : ''}…`;
    try {
      const answer = await api('/v1/bulk/upload', { method: 'POST', body: form });
      const batchId = Array.isArray(answer) ? answer[0]?.batch_id : answer.batch_id;
      status.textContent = `Created ${batchId} with ${files.length} document${files.length > 1 ? 's' : ''}.`;
      toast(`Batch ${batchId} created`);
      if (renderBatches.refresh) await renderBatches.refresh();
    } catch (e) {
      if (!(e instanceof AuthError)) { status.textContent = `Upload failed: ${e.message}`; toast('Upload failed', 'err'); }
    } finally {
      zone.classList.remove('busy', 'over');
      input.value = '';
    }
  };
  input.addEventListener('change', () => send(input.files));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('over'); });
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); send(e.dataTransfer.files); });
  return zone;
}

// -- documents of a batch or flow ---------------------------------------------------------

async function renderDocuments(kind, id, params, seq) {
  const base = `/v1/console/${kind === 'flow' ? 'flows' : 'batches'}/${encodeURIComponent(id)}/documents`;
  const filters = {
    status: params.get('status') || '',
    type: params.get('type') || '',
    low_confidence: params.get('low_confidence') === '1',
    failed: params.get('failed') === '1',
  };
  const query = () => {
    const q = new URLSearchParams();
    if (filters.status) q.set('status', filters.status);
    if (filters.type) q.set('type', filters.type);
    if (filters.low_confidence) q.set('low_confidence', 'true');
    if (filters.failed) q.set('failed', 'true');
    return q;
  };
  const first = await api(`${base}?${query()}&limit=${PAGE_SIZE}`);
  if (seq !== renderSeq) return;
  document.title = `${first.application_id || id} · kagaz`;

  const summary = h('div', { class: 'summary card' });
  const tbody = h('tbody');
  const more = h('div', { class: 'pager' });
  const typeSelect = h('select', { name: 'type', id: 'f-type' },
    h('option', { value: '', text: 'All types' }),
    first.document_types.map((t) => h('option', { value: t, text: t, selected: t === filters.type })));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter documents' },
    h('label', {}, 'Status', h('select', { name: 'status', id: 'f-status' },
      h('option', { value: '', text: 'Any status' }),
      STATUSES.map((s) => h('option', { value: s, text: s, selected: s === filters.status })))),
    h('label', {}, 'Type', typeSelect),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'low_confidence', checked: filters.low_confidence }), `Low confidence (< ${lowConfidence})`),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'failed', checked: filters.failed }), 'Failed reads or checks'));
  form.addEventListener('change', () => {
    const d = new FormData(form);
    const q = new URLSearchParams();
    if (d.get('status')) q.set('status', d.get('status'));
    if (d.get('type')) q.set('type', d.get('type'));
    if (d.get('low_confidence')) q.set('low_confidence', '1');
    if (d.get('failed')) q.set('failed', '1');
    const qs = q.toString();
    history.replaceState(null, '', `#/${kind}/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`);
    route();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  const crossCol = kind === 'flow';
  const table = h('table', { class: 'grid docs' },
    h('caption', { class: 'sr-only', text: 'Documents' }),
    h('thead', {}, h('tr', {}, ['Document', 'Type', 'Status', 'Lowest confidence', 'Failed validations', ...(crossCol ? ['Failed cross-checks'] : []), 'Error · corrections']
      .map((t) => h('th', { scope: 'col', text: t })))),
    tbody);
  view.replaceChildren(
    breadcrumb({ href: '#/', label: 'Batches' }, { label: first.application_id || id }),
    h('div', { class: 'page-head' },
      h('h1', {}, kind === 'flow' ? 'Flow ' : 'Batch ', h('span', { class: 'mono', text: first.application_id || id })),
      h('span', { class: 'muted', text: `${first.product_type} · created ${fmtTime(first.created_at)}` })),
    summary, form,
    h('div', { class: 'card table-wrap' }, table), more);
  $('#main').focus({ preventScroll: true });

  let rows = [];
  const draw = (body) => {
    summary.replaceChildren(
      h('div', { class: 'summary-main' }, progressBar(body),
        h('p', {}, h('strong', { text: `${body.counts.done + body.counts.failed} of ${body.total}` }), ' finished ', countChips(body.counts))),
      crossChecks(body.cross_checks));
    keepFocus(tbody, () => tbody.replaceChildren(...(rows.length ? rows.map((d) => docRow(d, crossCol)) : [
      h('tr', {}, h('td', { colspan: crossCol ? '7' : '6', class: 'empty-row', text: 'No documents match these filters.' }))])));
    more.replaceChildren(body.next_offset !== null && body.next_offset !== undefined
      ? h('button', { type: 'button', class: 'btn', onclick: () => loadMore(body.next_offset) }, 'Load more') : '');
    announce(body.finished ? `${id}: all ${body.total} documents finished` : `${id}: ${body.counts.done + body.counts.failed} of ${body.total} finished`);
  };
  const loadMore = async (offset) => {
    const body = await api(`${base}?${query()}&limit=${PAGE_SIZE}&offset=${offset}`);
    if (seq !== renderSeq) return;
    rows = rows.concat(body.data);
    draw(body);
  };
  rows = first.data;
  draw(first);
  const refresh = async () => {
    if (seq !== renderSeq) return;
    const body = await api(`${base}?${query()}&limit=${Math.max(PAGE_SIZE, rows.length)}`);
    if (seq !== renderSeq) return;
    rows = body.data;
    draw(body);
    if (!body.finished) poll(() => refresh().catch(pollError));
  };
  if (!first.finished) poll(() => refresh().catch(pollError));
}

const CHECK_MARKS = { MATCH: ['pass', '✓', 'Match'], PARTIAL: ['partial', '≈', 'Partial match'],
  MISMATCH: ['fail', '✕', 'Mismatch'], NOT_APPLICABLE: ['na', '–', 'Not applicable'] };

function crossChecks(checks) {
  if (!checks || !checks.length) return '';
  return h('div', { class: 'cross' }, h('h2', { text: 'Cross-checks' }),
    h('ul', { class: 'checks' }, checks.map((c) => {
      const [cls, mark, label] = CHECK_MARKS[c.result] || (c.failed ? CHECK_MARKS.MISMATCH : CHECK_MARKS.MATCH);
      return h('li', { class: cls },
        h('span', { class: 'mark', 'aria-hidden': 'true', text: mark }),
        h('span', { class: 'sr-only', text: `${label}: ` }),
        h('strong', { text: c.name }), c.message ? ` — ${c.message}` : '');
    })));
}

function confCell(value) {
  if (typeof value !== 'number') return h('td', { class: 'muted', text: '—' });
  return h('td', { class: value < lowConfidence ? 'conf low' : 'conf' }, fmtConf(value),
    value < lowConfidence ? h('span', { class: 'sr-only', text: ' (low)' }) : '');
}

function docRow(d, crossCol) {
  const checks = d.failed_validations.length
    ? h('td', {}, d.failed_validations.map((n) => h('span', { class: 'chip failed', text: n })))
    : h('td', { class: 'muted', text: d.status === 'done' ? 'none' : '—' });
  return h('tr', { class: isFinal(d.status) ? '' : 'live' },
    h('th', { scope: 'row' }, h('a', { href: `#/doc/${encodeURIComponent(d.file_uuid)}`, class: 'mono' }, d.document_id),
      h('div', { class: 'muted small mono', text: d.file_uuid.slice(0, 8) })),
    h('td', { text: d.document_type || '—' }),
    h('td', {}, statusBadge(d.status)),
    confCell(d.lowest_confidence),
    checks,
    crossCol ? h('td', {}, d.failed_cross_checks.length ? d.failed_cross_checks.map((n) => h('span', { class: 'chip failed', text: n })) : h('span', { class: 'muted', text: 'none' })) : '',
    h('td', { class: 'small' }, d.error_code ? h('span', { class: 'mono', text: d.error_code }) : '',
      d.corrected_fields ? h('span', { class: 'chip corrected', text: `${d.corrected_fields} corrected` }) : ''));
}

// -- one document -------------------------------------------------------------------------

function fieldList(data) {
  return Object.entries(data || {}).filter(([k, v]) => k !== 'validations' && k !== 'document_type'
    && v && typeof v === 'object' && !Array.isArray(v) && 'value' in v);
}

function isScalar(v) {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function displayValue(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (isScalar(v)) return String(v);
  if (Array.isArray(v)) return `${v.length} row${v.length === 1 ? '' : 's'}`;
  return Object.entries(v).map(([k, x]) => `${k}: ${isScalar(x) ? x : JSON.stringify(x)}`).join(', ');
}

function validBox(b) {
  return Array.isArray(b) && b.length === 4 && b.every((x) => typeof x === 'number' && x >= 0 && x <= 1.0001) && b[2] > b[0] && b[3] > b[1];
}

async function pageImage(fileUuid, page) {
  const r = await api(`/v1/files/${encodeURIComponent(fileUuid)}/pages/${page}`, { raw: true });
  const url = URL.createObjectURL(await r.blob());
  objectUrls.add(url);
  return url;
}

async function renderDocument(fileUuid, params, seq) {
  const doc = await api(`/v1/console/documents/${encodeURIComponent(fileUuid)}`);
  if (seq !== renderSeq) return;
  for (const u of objectUrls) URL.revokeObjectURL(u);
  objectUrls.clear();
  const fields = fieldList(doc.file_data);
  const title = `${doc.document_type || 'Document'} · ${doc.document_id}`;
  document.title = `${title} · kagaz`;
  const parentHref = doc.flow_uuid ? `#/flow/${encodeURIComponent(doc.flow_uuid)}` : `#/batch/${encodeURIComponent(doc.batch_id)}`;

  let active = params.get('field') || (fields[0] && fields[0][0]) || null;
  let page = 1;
  const boxesByField = new Map();
  const img = h('img', { alt: `Page image of ${doc.document_type || 'the document'} (Aadhaar numbers masked)`, class: 'page-img' });
  const overlay = h('div', { class: 'overlay', 'aria-hidden': 'true' });
  // The overlay covers exactly the image (the sheet), so fractions map to the displayed page;
  // the stage around it scrolls when the page is taller than the window.
  const stage = h('div', { class: 'stage loading' }, h('div', { class: 'sheet' }, img, overlay));
  const pageLabel = h('span', { class: 'muted', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'btn small', 'aria-label': 'Previous page', onclick: () => showPage(page - 1) }, '‹');
  const next = h('button', { type: 'button', class: 'btn small', 'aria-label': 'Next page', onclick: () => showPage(page + 1) }, '›');
  const list = h('ol', { class: 'fields', 'aria-label': 'Extracted fields' });

  const fieldPage = (f) => (Number.isInteger(f.page) && f.page >= 1 ? f.page : 1);

  const drawBoxes = () => {
    overlay.replaceChildren();
    boxesByField.clear();
    for (const [name, f] of fields) {
      const add = (box, p, cls, row = null) => {
        if (!validBox(box) || p !== page) return;
        const el = h('div', { class: cls, dataset: row === null ? { field: name } : { field: name, row: String(row) } });
        el.style.left = pct(box[0]);
        el.style.top = pct(box[1]);
        el.style.width = pct(box[2] - box[0]);
        el.style.height = pct(box[3] - box[1]);
        el.title = `${name}: ${displayValue(f.value)}`;
        el.addEventListener('click', () => select(name, true));
        overlay.append(el);
        if (!boxesByField.has(name)) boxesByField.set(name, []);
        boxesByField.get(name).push(el);
      };
      const low = typeof f.confidence_score === 'number' && f.confidence_score < lowConfidence;
      const cls = `box${low ? ' low' : ''}${f.corrected ? ' corrected' : ''}${name === active ? ' active' : ''}`;
      add(f.bbox, fieldPage(f), cls);
      if (Array.isArray(f.value)) {
        f.value.forEach((row, i) => { if (row && typeof row === 'object') add(row.bbox, Number.isInteger(row.page) ? row.page : fieldPage(f), `${cls} row`, i); });
      }
    }
  };

  const showPage = async (p) => {
    if (p < 1 || p > doc.pages) return;
    page = p;
    pageLabel.textContent = `Page ${page} of ${doc.pages}`;
    prev.disabled = page <= 1;
    next.disabled = page >= doc.pages;
    drawBoxes();
    stage.classList.add('loading');
    try {
      const url = await pageImage(doc.file_uuid, page);
      if (seq !== renderSeq || p !== page) return;
      img.src = url;
      await img.decode().catch(() => {});
      stage.classList.remove('missing');
    } catch (e) {
      if (e instanceof AuthError) return;
      img.removeAttribute('src');
      stage.classList.add('missing');
      stage.dataset.message = e.status === 404 ? 'No page image (the original was purged or is not an image)' : `Page image unavailable: ${e.message}`;
    } finally {
      stage.classList.remove('loading');
    }
  };

  const select = (name, focus = false) => {
    active = name;
    for (const li of list.children) {
      const on = li.dataset.field === name;
      li.classList.toggle('active', on);
      $('button.field', li).setAttribute('aria-current', on ? 'true' : 'false');
      if (on && focus) $('button.field', li).focus();
    }
    const f = fields.find(([n]) => n === name);
    if (f && fieldPage(f[1]) !== page) showPage(fieldPage(f[1]));
    for (const el of overlay.children) el.classList.toggle('active', el.dataset.field === name);
    const first = (boxesByField.get(name) || [])[0];
    if (first) first.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  // A row named by the statement analysis: its field selected, its page shown, its box marked.
  const showRow = async (i) => {
    const tx = fields.find(([n]) => n === 'transactions');
    const row = tx && Array.isArray(tx[1].value) ? tx[1].value[i] : null;
    if (!row) return;
    select('transactions');
    const p = Number.isInteger(row.page) ? row.page : fieldPage(tx[1]);
    if (p !== page) await showPage(p);
    for (const el of overlay.querySelectorAll('.box.flagged')) el.classList.remove('flagged');
    const box = overlay.querySelector(`.box.row[data-row="${i}"]`);
    if (box) { box.classList.add('flagged'); box.scrollIntoView({ block: 'center', inline: 'nearest' }); }
    announce(`Row ${i}: ${row.date || ''} ${row.description || ''}`);
  };

  const edit = (li, name, f) => {
    if ($('form', li)) return;
    const original = f.value;
    const input = h('input', { name: 'value', value: original === null || original === undefined ? '' : String(original), 'aria-label': `Corrected value of ${name}`, autocomplete: 'off', spellcheck: 'false' });
    const cancel = () => { form.remove(); $('button.field', li).focus(); };
    const form = h('form', { class: 'correct' }, input,
      h('button', { type: 'submit', class: 'btn primary small' }, 'Save'),
      h('button', { type: 'button', class: 'btn small', onclick: cancel }, 'Cancel'));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); } });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      // A corrected value is text; an empty box means "not on the document" (null).
      const value = input.value.trim() === '' ? null : input.value.trim();
      $('button[type=submit]', form).disabled = true;
      try {
        await api(`/v1/files/${encodeURIComponent(doc.file_uuid)}/fields/${encodeURIComponent(name)}`,
          { method: 'PUT', body: { value, reviewer: session.reviewer } });
        toast(`Saved ${name}`);
        history.replaceState(null, '', `#/doc/${encodeURIComponent(doc.file_uuid)}?field=${encodeURIComponent(name)}`);
        await route();
        const btn = $(`li[data-field="${CSS.escape(name)}"] button.field`);
        if (btn) btn.focus();
      } catch (err) {
        if (!(err instanceof AuthError)) { toast(`Not saved: ${err.message}`, 'err'); $('button[type=submit]', form).disabled = false; }
      }
    });
    li.append(form);
    input.focus();
    input.select();
  };

  for (const [name, f] of fields) {
    const low = typeof f.confidence_score === 'number' && f.confidence_score < lowConfidence;
    const button = h('button', { type: 'button', class: 'field', 'aria-describedby': `conf-${name}` },
      h('span', { class: 'fname', text: name }),
      h('span', { class: 'fvalue', text: displayValue(f.value) }));
    const meta = h('span', { class: 'fmeta', id: `conf-${name}` },
      h('span', { class: `conf${low ? ' low' : ''}`, text: f.corrected ? '1.00' : fmtConf(f.confidence_score), title: 'Confidence' }),
      low && !f.corrected ? h('span', { class: 'tag low', text: 'low' }) : '',
      f.corrected ? h('span', { class: 'tag corrected', text: 'corrected' }) : '',
      validBox(f.bbox) || (Array.isArray(f.value) && f.value.some((r) => r && validBox(r.bbox))) ? '' : h('span', { class: 'tag none', text: 'no box' }),
      isScalar(f.value) ? h('button', { type: 'button', class: 'btn ghost small edit', tabindex: '-1', 'aria-label': `Correct ${name}`, onclick: () => edit(li, name, f) }, 'Correct') : '');
    const li = h('li', { class: `${low ? 'low' : ''}${f.corrected ? ' corrected' : ''}`, dataset: { field: name } }, button, meta);
    if (Array.isArray(f.value) && f.value.length) {
      li.append(h('details', { class: 'rows' }, h('summary', { text: 'Show rows' }),
        h('ol', {}, f.value.slice(0, 200).map((row) => h('li', { text: displayValue(row && typeof row === 'object' ? Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'bbox' && k !== 'page')) : row) })))));
    }
    button.addEventListener('click', () => select(name));
    button.addEventListener('focus', () => { if (active !== name) select(name); });
    button.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && isScalar(f.value)) { e.preventDefault(); edit(li, name, f); }
    });
    list.append(li);
  }
  list.addEventListener('keydown', (e) => {
    if (e.target.closest('form')) return;
    const names = fields.map(([n]) => n);
    const i = names.indexOf(active);
    if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); select(names[Math.min(names.length - 1, i + 1)], true); }
    else if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); select(names[Math.max(0, i - 1)], true); }
    else if (e.key === 'Home') { e.preventDefault(); select(names[0], true); }
    else if (e.key === 'End') { e.preventDefault(); select(names[names.length - 1], true); }
  });

  const vals = Object.entries(doc.validations || {});
  view.replaceChildren(
    breadcrumb({ href: '#/', label: 'Batches' }, { href: parentHref, label: doc.flow_uuid || doc.batch_id }, { label: doc.document_id }),
    h('div', { class: 'page-head' },
      h('h1', { text: title }),
      statusBadge(doc.status),
      doc.error_code ? h('span', { class: 'chip failed mono', text: doc.error_code }) : '',
      qrBadge(doc.validations && doc.validations.aadhaar_qr),
      h('span', { class: 'muted small', text: `lowest confidence ${fmtConf(doc.lowest_confidence)} · ${doc.low_confidence_fields} low · ${doc.corrected_fields} corrected` })),
    doc.error_message ? h('p', { class: 'error', text: doc.error_message }) : '',
    h('div', { class: 'doc' },
      h('section', { class: 'viewer card', 'aria-label': 'Page image with field boxes' },
        h('div', { class: 'viewer-bar' }, prev, pageLabel, next,
          h('span', { class: 'legend' }, h('span', { class: 'key ok' }), 'field', h('span', { class: 'key low' }), 'low confidence', h('span', { class: 'key corrected' }), 'corrected')),
        stage),
      h('section', { class: 'panel card', 'aria-labelledby': 'fields-title' },
        h('h2', { id: 'fields-title' }, `Fields (${fields.length})`),
        h('p', { class: 'hint muted small' }, h('kbd', {}, '↑'), h('kbd', {}, '↓'), ' or ', h('kbd', {}, 'j'), h('kbd', {}, 'k'), ' move · ', h('kbd', {}, 'Enter'), ' correct · ', h('kbd', {}, 'Esc'), ' cancel'),
        fields.length ? list : h('p', { class: 'muted', text: isFinal(doc.status) ? 'No fields were read.' : 'Still processing…' }),
        vals.length ? h('div', { class: 'validations' }, h('h2', { text: 'Validations' }),
          h('ul', { class: 'checks' }, vals.map(([k, v]) => h('li', { class: checkClass(v) },
            h('span', { class: 'mark', 'aria-hidden': 'true', text: { fail: '✕', na: '–', pass: '✓' }[checkClass(v)] }),
            h('span', { class: 'sr-only', text: { fail: 'Failed: ', na: 'Not decided: ', pass: 'Passed: ' }[checkClass(v)] }),
            h('strong', { text: k }), v && v.message ? ` — ${v.message}` : '')))) : '',
        crossChecks(doc.cross_checks),
        statementAnalysis(doc.file_data && doc.file_data.analysis, (i) => showRow(i)),
        doc.corrections && doc.corrections.length ? h('div', { class: 'history' }, h('h2', { text: 'Corrections' }),
          h('table', { class: 'grid small' }, h('thead', {}, h('tr', {}, ['Field', 'From', 'To', 'By', 'When'].map((t) => h('th', { scope: 'col', text: t })))),
            h('tbody', {}, doc.corrections.map((c) => h('tr', {},
              h('td', { text: c.field }), h('td', { text: displayValue(c.previous_value) }), h('td', { text: displayValue(c.value) }),
              h('td', { text: c.reviewer || '' }), h('td', { text: fmtTime(c.corrected_at) })))))) : '')));
  // Focus first, then load the image: a reviewer may already be moving through the fields
  // when it arrives, and nothing may take the focus from them then.
  const focusBtn = active && $(`li[data-field="${CSS.escape(active)}"] button.field`);
  if (focusBtn && params.get('field')) focusBtn.focus(); else $('#main').focus({ preventScroll: true });
  if (active) select(active);
  if (!isFinal(doc.status)) poll(() => route());
  await showPage(active ? fieldPage((fields.find(([n]) => n === active) || [null, {}])[1]) : 1);
}

// -- statement analysis -------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const money = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en-IN', { maximumFractionDigits: 0 }));
const dayOf = (ddmmyyyy) => { const [d, m, y] = ddmmyyyy.split('/').map(Number); return Date.UTC(y, m - 1, d); };

// End-of-day balance as a line over the period, each month's credits and debits as bars on the
// same scale (rupees), drawn as inline SVG: nothing is fetched, nothing runs from elsewhere.
function balanceChart(a) {
  const eod = (a.end_of_day_balances || []).map((p) => [dayOf(p.date), Number(p.balance)]);
  const months = a.monthly || [];
  if (!eod.length || !months.length) return '';
  const W = 720, H = 220, L = 64, R = 8, T = 10, B = 28;
  const t0 = eod[0][0], t1 = Math.max(eod[eod.length - 1][0], t0 + 86400000);
  const values = [...eod.map((p) => p[1]), ...months.flatMap((m) => [Number(m.credits_total), Number(m.debits_total)]), 0];
  const hi = Math.max(...values), lo = Math.min(...values);
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v) => T + ((hi - v) / (hi - lo || 1)) * (H - T - B);
  const bars = months.flatMap((m) => {
    const [yy, mm] = m.month.split('-').map(Number);
    const start = Math.max(t0, Date.UTC(yy, mm - 1, 1)), end = Math.min(t1, Date.UTC(yy, mm, 0));
    const w = Math.max(2, (x(end) - x(start)) / 3);
    const mid = (x(start) + x(end)) / 2;
    return [
      svg('rect', { class: 'cbar credit', x: mid - w, y: y(Number(m.credits_total)), width: w, height: Math.max(0, y(0) - y(Number(m.credits_total))) },
        svg('title', {}, `${m.month} credits ${money(m.credits_total)} (${m.credits_count})`)),
      svg('rect', { class: 'cbar debit', x: mid, y: y(Number(m.debits_total)), width: w, height: Math.max(0, y(0) - y(Number(m.debits_total))) },
        svg('title', {}, `${m.month} debits ${money(m.debits_total)} (${m.debits_count})`)),
      svg('text', { class: 'tick', x: mid, y: H - 8, 'text-anchor': 'middle' }, m.month),
    ];
  });
  const line = eod.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-title' },
    svg('title', { id: 'chart-title' }, 'End-of-day balance (line) with credits and debits per month (bars)'),
    svg('line', { class: 'axis', x1: L, x2: W - R, y1: y(0), y2: y(0) }),
    svg('text', { class: 'tick', x: L - 4, y: y(hi) + 4, 'text-anchor': 'end' }, money(hi)),
    svg('text', { class: 'tick', x: L - 4, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    lo < 0 ? svg('text', { class: 'tick', x: L - 4, y: y(lo), 'text-anchor': 'end' }, money(lo)) : null,
    bars, svg('path', { class: 'balance', d: line }));
}

function rowLinks(rows, showRow) {
  return (rows || []).slice(0, 12).map((i) => h('button', { type: 'button', class: 'btn ghost small rowlink', onclick: () => showRow(i), 'aria-label': `Show row ${i}` }, `row ${i}`));
}

function statementAnalysis(a, showRow) {
  if (!a || typeof a !== 'object') return '';
  const abb = a.average_bank_balance || {};
  const salary = a.salary || {};
  const facts = [
    ['Average bank balance', `${money(abb.value)} (${abb.method === 'fixed_days' ? `days ${(abb.days || []).join(', ')}` : 'mean of end-of-day balances'})`],
    ['Salary', salary.count ? `${salary.count} credits, ${money(salary.total)} from ${(salary.employers || []).join(', ') || '—'}; ${salary.regular === true ? 'regular' : salary.regular === false ? 'irregular' : 'regularity unknown'}` : 'none found'],
    ['EMIs', (a.emi || []).map((g) => `${g.counterparty} ${money(g.amount)} × ${g.count}`).join('; ') || 'none found'],
    ['Returns', (a.bounces || []).length ? `${a.bounces.length}` : 'none'],
    ['Cash', `deposits ${money(a.cash && a.cash.deposits_total)} (${a.cash ? a.cash.deposits_count : 0}), withdrawals ${money(a.cash && a.cash.withdrawals_total)} (${a.cash ? a.cash.withdrawals_count : 0})`],
  ];
  return h('div', { class: 'analysis' }, h('h2', { text: 'Statement analysis' }),
    balanceChart(a),
    h('p', { class: 'legend small' }, h('span', { class: 'key balance' }), 'end-of-day balance', h('span', { class: 'key credit' }), 'credits', h('span', { class: 'key debit' }), 'debits'),
    h('dl', { class: 'facts small' }, facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])),
    h('details', { class: 'monthly' }, h('summary', { text: 'Months' }),
      h('table', { class: 'grid small' }, h('thead', {}, h('tr', {}, ['Month', 'Credits', 'Debits', 'Closing', 'Average'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, (a.monthly || []).map((m) => h('tr', {}, h('td', { text: m.month }), h('td', { text: `${money(m.credits_total)} (${m.credits_count})` }),
          h('td', { text: `${money(m.debits_total)} (${m.debits_count})` }), h('td', { text: money(m.closing_balance) }), h('td', { text: money(m.average_balance) })))))),
    h('h3', { text: `Flags (${(a.flags || []).length})` }),
    (a.flags || []).length ? h('ul', { class: 'checks flags' }, a.flags.map((f) => h('li', { class: 'fail' },
      h('span', { class: 'mark', 'aria-hidden': 'true', text: '!' }),
      h('span', {}, h('strong', { class: 'mono', text: f.code }), ` — ${f.message} `, rowLinks(f.rows, showRow))))) : h('p', { class: 'muted small', text: 'No flags.' }));
}

// -- export -------------------------------------------------------------------------------

async function exportCorrections() {
  try {
    const r = await api('/v1/corrections/export', { raw: true });
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', { href: url, download: `kagaz-corrections-${new Date().toISOString().slice(0, 10)}.jsonl` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    toast('Corrections exported');
  } catch (e) {
    if (!(e instanceof AuthError)) toast(`Export failed: ${e.message}`, 'err');
  }
}

// -- start --------------------------------------------------------------------------------

$('#signin-form').addEventListener('submit', signIn);
$('#signout').addEventListener('click', () => signOut('Signed out.'));
$('#export').addEventListener('click', exportCorrections);
window.addEventListener('hashchange', route);
if (session.token) start(); else showSignin();

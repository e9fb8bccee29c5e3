// The testing panel: lists actions, asks for the attributes the chosen one reads, runs it through
// POST /api/actions/{name}/test and shows the outcome, attributes, request and response (masked by the API).
// The History view lists recorded executions (filters, pages by cursor) and shows one with its request and response.
// When the API needs a key it asks for one and keeps it in sessionStorage (this tab only, never on disk).
// The list and the broken files refresh every few seconds, so an edited or new definition shows up by itself.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const KEY = 'webhook-actions.api-key';
  const REFRESH_MS = 3000;
  let actions = [];
  let shownList = '';
  let shownProblems = '';
  let current = null;
  let lastResult = null;

  /** fetch with the tab's API key; a 401 asks for a (new) key. */
  async function api(path, options) {
    const init = Object.assign({}, options || {});
    init.headers = Object.assign({}, init.headers || {});
    const key = sessionStorage.getItem(KEY);
    if (key) init.headers.Authorization = 'Bearer ' + key;
    const response = await fetch(path, init);
    if (response.status === 401) {
      askForKey(key ? 'That key was not accepted; check it or create another with: keys create NAME --role tester' : null);
      throw new Error('an API key is needed');
    }
    return response;
  }

  function askForKey(message) {
    $('key-form').hidden = false;
    $('key-message').hidden = !message;
    $('key-message').textContent = message || '';
    $('key-input').focus();
  }

  function text(tag, content, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = content == null ? '' : String(content);
    return node;
  }

  async function loadActions() {
    let loaded;
    try {
      const response = await api('/api/actions');
      loaded = await response.json();
      if (!response.ok) throw new Error(loaded.error || ('HTTP ' + response.status));
    } catch (e) {
      $('list-message').textContent = 'Could not load actions: ' + e.message;
      return;
    }
    $('key-form').hidden = true;
    const serialised = JSON.stringify(loaded);
    if (serialised === shownList) return;
    shownList = serialised;
    actions = loaded;
    const list = $('action-list');
    list.replaceChildren();
    $('list-message').textContent = actions.length ? '' : 'No actions are loaded. Add a *.webhook.json file to the routes folder.';
    for (const action of actions) {
      const item = document.createElement('li');
      const card = document.createElement('button');
      card.type = 'button';
      card.className = 'action-card';
      card.dataset.action = action.name;
      card.append(text('span', action.name, 'name'));
      if (action.legacy) card.append(text('span', 'Legacy Webhook Action', 'legacy'));
      if (action.description) card.append(text('span', action.description, 'description'));
      card.append(text('span', action.url, 'url'));
      card.append(text('span', action.method, 'chip ' + action.method));
      card.addEventListener('click', () => choose(action.name));
      item.append(card);
      list.append(item);
    }
    const wanted = current ? current.name : decodeURIComponent(location.hash.slice(1));
    if (wanted && actions.some((a) => a.name === wanted)) choose(wanted, true);
  }

  async function loadProblems() {
    let problems;
    try {
      const response = await api('/api/problems');
      if (!response.ok) return;
      problems = await response.json();
    } catch (e) {
      return;
    }
    const serialised = JSON.stringify(problems);
    if (serialised === shownProblems) return;
    shownProblems = serialised;
    const list = $('problem-list');
    list.replaceChildren();
    for (const problem of problems) {
      const item = document.createElement('li');
      item.append(text('span', problem.file, 'file'));
      const errors = document.createElement('ul');
      for (const error of problem.errors) errors.append(text('li', error));
      item.append(errors);
      list.append(item);
    }
    $('problems').hidden = problems.length === 0;
  }

  function refresh() {
    loadActions();
    loadProblems();
  }

  /** @param keep true when the list was refreshed: the same action stays chosen, its inputs keep their values */
  function choose(name, keep) {
    const previous = current;
    current = actions.find((a) => a.name === name);
    if (!current) return;
    if (keep && previous && JSON.stringify(previous) === JSON.stringify(current)) {
      document.querySelectorAll('.action-card').forEach((card) => card.classList.toggle('selected', card.dataset.action === name));
      return;
    }
    history.replaceState(null, '', '#' + encodeURIComponent(name));
    document.querySelectorAll('.action-card').forEach((card) => card.classList.toggle('selected', card.dataset.action === name));
    $('empty').hidden = true;
    $('action').hidden = false;
    $('result').hidden = true;
    $('action-name').textContent = current.name;
    $('action-method').textContent = current.method;
    $('action-method').className = 'chip ' + current.method;
    $('action-description').textContent = current.legacy ? 'Legacy Webhook Action' + (current.description ? ' · ' + current.description : '') : current.description;
    $('action-url').textContent = current.url;
    const fields = $('input-fields');
    fields.replaceChildren();
    for (const input of current.inputs) {
      const field = document.createElement('div');
      field.className = 'field';
      const id = 'input-' + input.replace(/[^a-zA-Z0-9_-]/g, '-');
      const label = text('label', input);
      label.htmlFor = id;
      const box = document.createElement('input');
      box.id = id;
      box.name = input;
      box.dataset.input = input;
      field.append(label, box);
      fields.append(field);
    }
    $('no-inputs').hidden = current.inputs.length > 0;
  }

  // A value that looks like a JSON array or object is sent as one (collections, composites); anything else as text.
  function valueOf(raw) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      try { return JSON.parse(trimmed); } catch (e) { /* keep it as text */ }
    }
    return raw;
  }

  function contexts() {
    const body = {};
    document.querySelectorAll('#input-fields input').forEach((box) => {
      if (box.value === '') return;
      const dot = box.dataset.input.indexOf('.');
      const context = box.dataset.input.slice(0, dot);
      const name = box.dataset.input.slice(dot + 1);
      (body[context] = body[context] || {})[name] = valueOf(box.value);
    });
    return body;
  }

  async function run(event) {
    event.preventDefault();
    if (!current) return;
    $('run').disabled = true;
    $('run').textContent = 'Running…';
    try {
      const response = await api('/api/actions/' + encodeURIComponent(current.name) + '/test', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(contexts()),
      });
      const result = await response.json();
      if (!response.ok) throw new Error(result.error || ('HTTP ' + response.status));
      show(result);
    } catch (e) {
      show({ success: false, status_code: null, duration_ms: 0, attributes: { user: {}, session: {} }, request: null, response: null, error: e.message });
    } finally {
      $('run').disabled = false;
      $('run').textContent = 'Run';
    }
  }

  function show(result) {
    lastResult = result;
    $('result').hidden = false;
    const outcome = $('outcome');
    outcome.className = 'outcome ' + (result.success ? 'success' : 'failure');
    outcome.dataset.success = String(result.success);
    $('outcome-icon').textContent = result.success ? '✓' : '✗';
    $('outcome-text').textContent = (result.success ? 'Success' : 'Failed')
      + (result.status_code != null ? ' · ' + result.status_code : ' · no response') + ' · ' + result.duration_ms + ' ms';
    $('outcome-text').dataset.status = result.status_code == null ? '' : String(result.status_code);
    $('error').hidden = !result.error;
    $('error').textContent = result.error || '';
    const rows = $('attribute-rows');
    rows.replaceChildren();
    for (const context of ['user', 'session']) {
      for (const [name, value] of Object.entries((result.attributes || {})[context] || {})) {
        const row = document.createElement('tr');
        row.dataset.attribute = context + '.' + name;
        row.append(text('td', context + '.' + name), text('td', typeof value === 'string' ? value : JSON.stringify(value)));
        rows.append(row);
      }
    }
    renderExchange($('exchange'), result);
  }

  function headers(map) {
    return Object.entries(map || {}).map(([k, v]) => k + ': ' + v).join('\n') || '(none)';
  }

  function pretty(body) {
    if (body == null) return '(none)';
    if (typeof body !== 'string') return JSON.stringify(body, null, 2);
    try { return JSON.stringify(JSON.parse(body), null, 2); } catch (e) { return body; }
  }

  function renderExchange(target, result) {
    target.replaceChildren();
    const request = document.createElement('div');
    request.className = 'part';
    request.append(text('h4', 'Request sent'));
    if (result.request) {
      request.append(text('pre', result.request.method + ' ' + result.request.url),
        text('pre', headers(result.request.headers)), text('pre', pretty(result.request.body)));
    } else {
      request.append(text('pre', '(not sent)'));
    }
    const response = document.createElement('div');
    response.className = 'part';
    response.append(text('h4', 'Response received'));
    if (result.response) {
      response.append(text('pre', 'HTTP ' + result.response.status), text('pre', headers(result.response.headers)),
        text('pre', pretty(result.response.body)));
    } else {
      response.append(text('pre', '(nothing received)'));
    }
    target.append(request, response);
  }

  // --- History view: GET /api/executions (filters, cursor pages), /api/executions/{id}, the CSV export. ---
  const PAGE = 25;
  // The cursor each shown page started from: the first page has none; "Older" pushes the next one, "Newer" pops.
  let historyPages = [null];
  let historyNext = null;
  let historyShownId = null;

  function showView(view) {
    $('view-test').hidden = view !== 'test';
    $('view-history').hidden = view !== 'history';
    document.querySelectorAll('.view-tab').forEach((tab) => {
      tab.classList.toggle('selected', tab.dataset.view === view);
      tab.setAttribute('aria-pressed', String(tab.dataset.view === view));
    });
    if (view === 'history') {
      const names = $('history-actions');
      names.replaceChildren();
      for (const action of actions) {
        const option = document.createElement('option');
        option.value = action.name;
        names.append(option);
      }
      loadHistory();
    }
  }

  /** The filters as query parameters; the time inputs are local time, the API takes UTC instants. */
  function historyFilters() {
    const query = new URLSearchParams();
    const action = $('history-action').value.trim();
    if (action) query.set('action', action);
    if ($('history-success').value) query.set('success', $('history-success').value);
    if ($('history-source').value) query.set('source', $('history-source').value);
    for (const [name, id] of [['since', 'history-since'], ['until', 'history-until']]) {
      const value = $(id).value;
      if (value) {
        const instant = new Date(value);
        if (!isNaN(instant)) query.set(name, instant.toISOString());
      }
    }
    return query;
  }

  async function loadHistory() {
    const query = historyFilters();
    query.set('limit', String(PAGE));
    const cursor = historyPages[historyPages.length - 1];
    if (cursor) query.set('before', cursor);
    let page;
    try {
      const response = await api('/api/executions?' + query);
      page = await response.json();
      if (!response.ok) throw new Error(page.error || ('HTTP ' + response.status));
    } catch (e) {
      $('history-message').textContent = 'Could not load the history: ' + e.message;
      $('history-rows').replaceChildren();
      historyNext = null;
      historyPaging();
      return;
    }
    historyNext = page.next;
    const rows = $('history-rows');
    rows.replaceChildren();
    for (const item of page.items) rows.append(historyRow(item));
    $('history-message').textContent = page.items.length ? ''
      : (historyPages.length > 1 ? 'No older executions.' : 'No executions match these filters yet.');
    historyPaging();
  }

  function historyPaging() {
    $('history-older').disabled = !historyNext;
    $('history-newer').disabled = historyPages.length <= 1;
    $('history-newest').disabled = historyPages.length <= 1;
  }

  /** 2026-11-28T16:13:10.597807Z -> 2026-11-28 16:13:10.597 (UTC, as the column says). */
  function when(instant) {
    return instant.replace('T', ' ').replace('Z', '').replace(/(\.\d{3})\d+$/, '$1');
  }

  function historyRow(item) {
    const row = document.createElement('tr');
    row.dataset.id = item.id;
    row.dataset.success = String(item.success);
    row.tabIndex = 0;
    row.classList.toggle('selected', item.id === historyShownId);
    const result = text('td', (item.success ? '✓ ' : '✗ ') + (item.status_code != null ? item.status_code : 'no response'),
      item.success ? 'ok' : 'bad');
    row.append(text('td', when(item.started_at), 'time'), text('td', item.action, 'action'), result,
      text('td', item.duration_ms + ' ms'), text('td', item.source), text('td', item.caller));
    row.addEventListener('click', () => showExecution(item.id));
    row.addEventListener('keydown', (event) => { if (event.key === 'Enter') showExecution(item.id); });
    return row;
  }

  async function showExecution(id) {
    let record;
    try {
      const response = await api('/api/executions/' + encodeURIComponent(id));
      record = await response.json();
      if (!response.ok) throw new Error(record.error || ('HTTP ' + response.status));
    } catch (e) {
      $('history-message').textContent = 'Could not load that execution: ' + e.message;
      return;
    }
    historyShownId = id;
    document.querySelectorAll('#history-rows tr').forEach((row) => row.classList.toggle('selected', row.dataset.id === id));
    $('history-detail').hidden = false;
    $('history-detail').dataset.id = id;
    $('history-detail-title').textContent = record.action;
    const outcome = $('history-outcome');
    outcome.className = 'outcome ' + (record.success ? 'success' : 'failure');
    outcome.dataset.success = String(record.success);
    $('history-outcome-icon').textContent = record.success ? '✓' : '✗';
    $('history-outcome-text').textContent = (record.success ? 'Success' : 'Failed')
      + (record.status_code != null ? ' · ' + record.status_code : ' · no response') + ' · ' + record.duration_ms + ' ms';
    $('history-error').hidden = !record.error;
    $('history-error').textContent = record.error || '';
    const meta = $('history-meta');
    meta.replaceChildren();
    for (const [label, value] of [['Started', when(record.started_at) + ' UTC'], ['Source', record.source],
      ['Caller', record.caller], ['Id', record.id]]) {
      meta.append(text('dt', label), text('dd', value));
    }
    $('history-truncated').hidden = !record.truncated;
    const rows = $('history-attribute-rows');
    rows.replaceChildren();
    for (const context of ['user', 'session']) {
      for (const [name, value] of Object.entries((record.attributes || {})[context] || {})) {
        const row = document.createElement('tr');
        row.dataset.attribute = context + '.' + name;
        row.append(text('td', context + '.' + name), text('td', typeof value === 'string' ? value : JSON.stringify(value)));
        rows.append(row);
      }
    }
    renderExchange($('history-exchange'), record);
  }

  /** The CSV of the current filters, fetched with the tab's key and handed to the browser as a download. */
  async function exportCsv() {
    try {
      const response = await api('/api/executions.csv?' + historyFilters());
      if (!response.ok) {
        const error = await response.json();
        throw new Error(error.error || ('HTTP ' + response.status));
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = 'executions.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (e) {
      $('history-message').textContent = 'Could not export: ' + e.message;
    }
  }

  document.querySelectorAll('.view-tab').forEach((tab) => tab.addEventListener('click', () => showView(tab.dataset.view)));
  $('history-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    historyPages = [null];
    loadHistory();
  });
  $('history-older').addEventListener('click', () => {
    if (!historyNext) return;
    historyPages.push(historyNext);
    loadHistory();
  });
  $('history-newer').addEventListener('click', () => {
    if (historyPages.length > 1) historyPages.pop();
    loadHistory();
  });
  $('history-newest').addEventListener('click', () => {
    historyPages = [null];
    loadHistory();
  });
  $('history-csv').addEventListener('click', exportCsv);
  $('history-detail-close').addEventListener('click', () => {
    $('history-detail').hidden = true;
    historyShownId = null;
    document.querySelectorAll('#history-rows tr.selected').forEach((row) => row.classList.remove('selected'));
  });

  // Back/forward and shared links (#get_user) select the action they name.
  window.addEventListener('hashchange', () => {
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && (!current || current.name !== wanted)) choose(wanted);
  });
  $('inputs').addEventListener('submit', run);
  $('popout').addEventListener('click', () => {
    if (!lastResult) return;
    renderExchange($('modal-exchange'), lastResult);
    $('modal').hidden = false;
  });
  $('modal-close').addEventListener('click', () => { $('modal').hidden = true; });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') $('modal').hidden = true; });
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key-input').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    $('key-input').value = '';
    refresh();
  });
  refresh();
  setInterval(refresh, REFRESH_MS);
})();

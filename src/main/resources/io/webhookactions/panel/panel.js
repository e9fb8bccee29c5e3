// The testing panel: lists actions, asks for the attributes the chosen one reads, runs it through
// POST /api/actions/{name}/test and shows the outcome, attributes, request and response (masked by the API).
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  let actions = [];
  let current = null;
  let lastResult = null;

  function text(tag, content, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = content == null ? '' : String(content);
    return node;
  }

  async function loadActions() {
    try {
      const response = await fetch('/api/actions');
      actions = await response.json();
    } catch (e) {
      $('list-message').textContent = 'Could not load actions: ' + e.message;
      return;
    }
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
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && actions.some((a) => a.name === wanted)) choose(wanted);
  }

  function choose(name) {
    current = actions.find((a) => a.name === name);
    if (!current) return;
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
      const response = await fetch('/api/actions/' + encodeURIComponent(current.name) + '/test', {
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
  loadActions();
})();

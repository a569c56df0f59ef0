/* Spillway dashboard: plain JavaScript (no build step), kept to what JavaFX's WebView runs. */
(function () {
  'use strict';

  var KEY_STORAGE = 'spillway.masterKey';
  var MAX_ROWS = 200;
  var COLORS = ['#2b6cb0', '#dd8a1c', '#2f9e66', '#b83280', '#6b46c1', '#c53030', '#319795', '#718096'];
  var state = { summary: null, events: null, refreshTimer: null, spendTimer: null, summaryPending: false };

  function $(id) { return document.getElementById(id); }

  // ---- key handling -----------------------------------------------------------------------------

  function storedKey() {
    try { return window.sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; }
  }

  function storeKey(key) {
    try {
      if (key) { window.sessionStorage.setItem(KEY_STORAGE, key); } else { window.sessionStorage.removeItem(KEY_STORAGE); }
    } catch (e) { /* storage unavailable: the key lives only in memory */ }
    state.key = key;
  }

  /** An app embedding the page may pass the key as #key=..., which never reaches the server. */
  function takeKeyFromFragment() {
    var match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash || '');
    if (match) {
      storeKey(decodeURIComponent(match[1]));
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, '', window.location.pathname);
      }
    }
  }

  window.spillwaySetKey = function (key) { storeKey(key); start(); };

  function headers(extra) {
    var h = extra || {};
    var key = state.key || storedKey();
    if (key) { h['x-api-key'] = key; }
    return h;
  }

  function askForKey(rejected) {
    $('key-error').hidden = !rejected;
    $('key-dialog').hidden = false;
    $('key-input').focus();
  }

  function KeyNeeded() { this.name = 'KeyNeeded'; }

  function api(path, options) {
    options = options || {};
    return fetch(path, {
      method: options.method || 'GET',
      headers: headers(options.body ? { 'content-type': 'application/json' } : {}),
      body: options.body ? JSON.stringify(options.body) : undefined,
      cache: 'no-store'
    }).then(function (res) {
      if (res.status === 401) {
        askForKey(Boolean(state.key || storedKey()));
        throw new KeyNeeded();
      }
      return res.json().then(function (body) {
        if (!res.ok) {
          var message = body && body.error && body.error.message ? body.error.message : 'HTTP ' + res.status;
          throw new Error(message);
        }
        return body;
      });
    });
  }

  // ---- formatting -------------------------------------------------------------------------------

  function money(n) {
    n = Number(n) || 0;
    if (n === 0) { return '$0'; }
    if (n < 0.01) { return '$' + n.toFixed(4); }
    return '$' + n.toFixed(2);
  }

  function count(n) { return (Number(n) || 0).toLocaleString('en-US'); }

  function tokens(n) {
    n = Number(n) || 0;
    if (n >= 1e6) { return (n / 1e6).toFixed(2) + 'M'; }
    if (n >= 1e4) { return (n / 1e3).toFixed(1) + 'k'; }
    return count(n);
  }

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function cell(text, className) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) { td.className = className; }
    return td;
  }

  function row(cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) { tr.appendChild(c); });
    return tr;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // ---- summary ----------------------------------------------------------------------------------

  function loadSummary() {
    if (state.summaryPending) { return Promise.resolve(); }
    state.summaryPending = true;
    return api('/ui/api/summary').then(function (s) {
      state.summary = s;
      renderSummary(s);
    }).catch(ignoreKeyNeeded).then(function () { state.summaryPending = false; });
  }

  function renderSummary(s) {
    $('version').textContent = s.version;
    $('requests-today').textContent = count(s.today.requests);
    $('spend-today').textContent = money(s.today.costUsd);
    $('tokens-today').textContent = tokens(s.today.totalTokens);
    $('started').textContent = new Date(s.started).toLocaleString();
    var overall = 'primary';
    s.groups.forEach(function (g) {
      if (g.state === 'down') { overall = 'down'; } else if (g.state === 'fallback' && overall !== 'down') { overall = 'fallback'; }
    });
    var pill = $('overall');
    pill.title = '';
    pill.className = 'pill ' + overall;
    pill.textContent = overall === 'primary' ? 'Serving via primary' : overall === 'fallback' ? 'Serving via fallback' : 'Some groups down';

    var groups = $('groups');
    clear(groups);
    s.groups.forEach(function (g) {
      var cooled = g.cooledDown.map(function (c) { return c.deployment + ' until ' + clock(c.until); }).join(', ');
      groups.appendChild(row([cell(g.name), cell(g.state, 'state ' + g.state), cell(g.servedBy || '–'),
        cell(g.fallbackGroups.join(', ') || '–'), cell(cooled || '–')]));
    });
    var deployments = $('deployments');
    clear(deployments);
    s.deployments.forEach(function (d) {
      var label = d.state === 'healthy' ? 'healthy' : 'cooling down until ' + clock(d.coolingDownUntil);
      deployments.appendChild(row([cell(d.id), cell(d.group), cell(d.provider), cell(d.model),
        cell(label, 'state ' + d.state), cell(d.requestsPerMinute, 'num')]));
    });
    $('spend-off').hidden = s.spendHistory;
    $('spend-on').hidden = !s.spendHistory;
    $('reset').hidden = !s.spendHistory;
    $('all-time').textContent = s.allTime ? 'All time: ' + count(s.allTime.requests) + ' requests, ' +
      tokens(s.allTime.totalTokens) + ' tokens, ' + money(s.allTime.costUsd) + '.' : '';
  }

  /** Coalesces refreshes: many events in a burst cause one summary request. */
  function refreshSoon() {
    if (state.refreshTimer) { return; }
    state.refreshTimer = setTimeout(function () { state.refreshTimer = null; loadSummary(); }, 500);
  }

  /** The chart follows new requests too, at most every few seconds. */
  function refreshSpendSoon() {
    if (state.spendTimer) { return; }
    state.spendTimer = setTimeout(function () { state.spendTimer = null; loadSpend(); }, 3000);
  }

  // ---- live requests ----------------------------------------------------------------------------

  function requestRow(r, fresh) {
    var failed = r.status >= 400;
    var tr = row([cell(clock(r.time)), cell(r.group || r.requestedModel), cell(r.cacheHit ? 'cache' : (r.provider || '–')),
      cell(r.fallback ? 'yes' : '', r.fallback ? 'fallback-yes' : ''), cell(r.status, failed ? 'num status-bad' : 'num'),
      cell(r.latencyMs + ' ms', 'num'), cell(tokens(r.totalTokens), 'num'), cell(money(r.costUsd), 'num')]);
    tr.setAttribute('data-id', r.id);
    if (fresh) { tr.className = 'fresh'; }
    return tr;
  }

  function loadRequests() {
    return api('/ui/api/requests?limit=' + MAX_ROWS).then(function (body) {
      var tbody = $('requests');
      clear(tbody);
      body.requests.forEach(function (r) { tbody.appendChild(requestRow(r, false)); });
      $('no-requests').hidden = body.requests.length > 0;
    }).catch(ignoreKeyNeeded);
  }

  function addRequest(r) {
    var tbody = $('requests');
    if (tbody.querySelector('tr[data-id="' + r.id + '"]')) { return; }
    tbody.insertBefore(requestRow(r, true), tbody.firstChild);
    while (tbody.childNodes.length > MAX_ROWS) { tbody.removeChild(tbody.lastChild); }
    $('no-requests').hidden = true;
    if (state.summary) {
      var today = state.summary.today;
      today.requests += 1;
      today.costUsd = (Number(today.costUsd) || 0) + (Number(r.costUsd) || 0);
      today.totalTokens += r.totalTokens;
      $('requests-today').textContent = count(today.requests);
      $('spend-today').textContent = money(today.costUsd);
      $('tokens-today').textContent = tokens(today.totalTokens);
    }
  }

  function notice(text) {
    var box = $('notices');
    var line = document.createElement('div');
    line.textContent = new Date().toLocaleTimeString() + ' — ' + text;
    box.insertBefore(line, box.firstChild);
    while (box.childNodes.length > 10) { box.removeChild(box.lastChild); }
    box.hidden = false;
  }

  // ---- event stream (fetch, so that the key can go in a header; EventSource cannot send one) ------

  function connectEvents() {
    if (state.events) { return; }
    var controller = window.AbortController ? new AbortController() : null;
    state.events = controller || {};
    fetch('/ui/api/events', {
      headers: headers({ accept: 'text/event-stream' }), cache: 'no-store', signal: controller ? controller.signal : undefined
    }).then(function (res) {
      if (res.status === 401) { askForKey(true); throw new KeyNeeded(); }
      if (!res.ok || !res.body || !res.body.getReader) { throw new Error('no event stream'); }
      setLive(true);
      return readEvents(res.body.getReader());
    }).catch(function (e) {
      if (e instanceof KeyNeeded) { state.events = null; setLive(false); return; }
    }).then(function () {
      if (state.events === null) { return; }
      state.events = null;
      setLive(false);
      setTimeout(connectEvents, 2000);
    });
  }

  function readEvents(reader) {
    var decoder = new TextDecoder();
    var buffer = '';
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { return; }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, '\n');
        var end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return pump();
      });
    }
    return pump();
  }

  function dispatch(block) {
    var type = 'message';
    var data = '';
    block.split('\n').forEach(function (line) {
      if (!line || line.charAt(0) === ':') { return; }
      var colon = line.indexOf(':');
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') { type = value; } else if (field === 'data') { data += (data ? '\n' : '') + value; }
    });
    var body = data ? JSON.parse(data) : {};
    switch (type) {
      case 'hello': case 'resync': case 'reset':
        loadSummary(); loadRequests(); loadSpend(); break;
      case 'request':
        addRequest(body); refreshSoon(); refreshSpendSoon(); break;
      case 'routing':
        notice(body.message); refreshSoon(); break;
      case 'deployment':
        refreshSoon(); break;
      default: break;
    }
  }

  function setLive(on) {
    var live = $('live');
    live.className = 'live ' + (on ? 'on' : 'off');
  }

  // ---- spend chart ------------------------------------------------------------------------------

  function isoDay(d) {
    var m = d.getMonth() + 1;
    var day = d.getDate();
    return d.getFullYear() + '-' + (m < 10 ? '0' : '') + m + '-' + (day < 10 ? '0' : '') + day;
  }

  function spendQuery() {
    var range = $('range').value;
    var to = new Date();
    var from = new Date();
    if (range === 'custom') {
      if (!$('from').value || !$('to').value) { return null; }
      return 'from=' + $('from').value + '&to=' + $('to').value;
    }
    from.setDate(to.getDate() - (range === 'today' ? 0 : Number(range) - 1));
    return 'from=' + isoDay(from) + '&to=' + isoDay(to);
  }

  function loadSpend() {
    if (state.summary && !state.summary.spendHistory) { return Promise.resolve(); }
    var query = spendQuery();
    if (!query) { return Promise.resolve(); }
    return api('/ui/api/spend?' + query + '&by=' + $('by').value).then(function (body) {
      if (body.enabled) { renderSpend(body); }
    }).catch(function (e) {
      if (!(e instanceof KeyNeeded)) { $('all-time').textContent = 'Could not load spend: ' + e.message; }
    });
  }

  function value(totals, metric) {
    if (!totals) { return 0; }
    return metric === 'cost' ? Number(totals.costUsd) || 0 : totals.totalTokens;
  }

  function renderSpend(body) {
    var metric = $('metric').value;
    var colors = {};
    body.keys.forEach(function (k, i) { colors[k] = COLORS[i % COLORS.length]; });
    drawChart(body, metric, colors);

    var legend = $('legend');
    clear(legend);
    body.keys.forEach(function (k) {
      var item = document.createElement('span');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colors[k];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(k));
      legend.appendChild(item);
    });

    $('key-head').textContent = body.by === 'provider' ? 'Provider' : body.by === 'model' ? 'Model group' : 'Key';
    var tbody = $('spend-totals');
    clear(tbody);
    body.keys.forEach(function (k) {
      var t = body.totalsByKey[k];
      tbody.appendChild(totalsRow(k, t));
    });
    var foot = $('spend-sum');
    clear(foot);
    foot.appendChild(totalsRow('Total', body.totals));
  }

  function totalsRow(label, t) {
    return row([cell(label), cell(count(t.requests), 'num'), cell(tokens(t.inputTokens), 'num'),
      cell(tokens(t.outputTokens), 'num'), cell(tokens(t.cacheReadTokens), 'num'),
      cell(tokens(t.cacheWriteTokens), 'num'), cell(money(t.costUsd), 'num')]);
  }

  function svg(name, attributes) {
    var node = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.keys(attributes || {}).forEach(function (a) { node.setAttribute(a, attributes[a]); });
    return node;
  }

  /** 1, 2 or 5 times a power of ten: split into five, the axis ticks are round numbers. */
  function niceCeiling(v) {
    if (v <= 0) { return 0; }
    var power = Math.pow(10, Math.floor(Math.log(v) / Math.LN10));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (v <= steps[i] * power) { return steps[i] * power; }
    }
    return 10 * power;
  }

  function drawChart(body, metric, colors) {
    var box = $('chart');
    clear(box);
    var width = Math.max(box.clientWidth || 600, 320);
    var height = 240;
    var left = 64;
    var bottom = 24;
    var top = 10;
    var max = 0;
    body.days.forEach(function (d) {
      var sum = 0;
      body.keys.forEach(function (k) { sum += value(d.byKey[k], metric); });
      max = Math.max(max, sum);
    });
    var chart = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    var plotHeight = height - top - bottom;
    max = niceCeiling(max);
    var scale = max > 0 ? plotHeight / max : 0;
    for (var i = 0; i <= 5; i++) {
      var y = top + plotHeight - plotHeight * i / 5;
      chart.appendChild(svg('line', { x1: left, x2: width, y1: y, y2: y, 'class': 'axis' }));
      var label = svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' });
      var tick = max * i / 5;
      label.textContent = metric === 'cost' ? money(tick) : tokens(Math.round(tick));
      chart.appendChild(label);
    }
    var slot = (width - left) / Math.max(body.days.length, 1);
    var barWidth = Math.max(2, Math.min(48, slot * 0.7));
    var every = Math.ceil(body.days.length / Math.max(1, Math.floor((width - left) / 56)));
    body.days.forEach(function (d, index) {
      var x = left + slot * index + (slot - barWidth) / 2;
      var base = top + plotHeight;
      body.keys.forEach(function (k) {
        var v = value(d.byKey[k], metric);
        if (v <= 0) { return; }
        var h = Math.max(1, v * scale);
        base -= h;
        var rect = svg('rect', { x: x, y: base, width: barWidth, height: h, fill: colors[k] });
        var title = svg('title');
        title.textContent = d.day + ' · ' + k + ': ' + (metric === 'cost' ? money(v) : count(v) + ' tokens');
        rect.appendChild(title);
        chart.appendChild(rect);
      });
      if (index % every === 0) {
        var day = svg('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' });
        day.textContent = d.day.slice(5);
        chart.appendChild(day);
      }
    });
    box.appendChild(chart);
  }

  // ---- reset ------------------------------------------------------------------------------------

  function openReset() {
    $('reset-error').hidden = true;
    $('reset-dialog').hidden = false;
  }

  function confirmReset() {
    api('/ui/api/reset', { method: 'POST', body: { confirm: 'reset' } }).then(function () {
      $('reset-dialog').hidden = true;
      loadSummary(); loadRequests(); loadSpend();
    }).catch(function (e) {
      if (e instanceof KeyNeeded) { $('reset-dialog').hidden = true; return; }
      $('reset-error').textContent = e.message;
      $('reset-error').hidden = false;
    });
  }

  // ---- start ------------------------------------------------------------------------------------

  /** A failed request (Spillway stopped, say) shows in the header; the next refresh clears it. */
  function ignoreKeyNeeded(e) {
    if (e instanceof KeyNeeded) { return; }
    var pill = $('overall');
    pill.className = 'pill down';
    pill.textContent = 'Spillway not reachable';
    pill.title = e && e.message ? e.message : '';
  }

  function start() {
    $('key-dialog').hidden = true;
    loadSummary().then(function () { loadSpend(); });
    loadRequests();
    connectEvents();
  }

  function wire() {
    takeKeyFromFragment();
    $('key-form').addEventListener('submit', function (event) {
      event.preventDefault();
      storeKey($('key-input').value.trim());
      $('key-input').value = '';
      start();
    });
    $('range').addEventListener('change', function () {
      $('custom-range').hidden = $('range').value !== 'custom';
      if ($('range').value === 'custom' && !$('from').value) {
        var from = new Date();
        from.setDate(from.getDate() - 13);
        $('from').value = isoDay(from);
        $('to').value = isoDay(new Date());
      }
      loadSpend();
    });
    ['from', 'to', 'by', 'metric'].forEach(function (id) { $(id).addEventListener('change', loadSpend); });
    $('reset').addEventListener('click', openReset);
    $('reset-cancel').addEventListener('click', function () { $('reset-dialog').hidden = true; });
    $('reset-confirm').addEventListener('click', confirmReset);
    window.addEventListener('resize', function () { loadSpend(); });
    setInterval(loadSummary, 5000);
    start();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
}());

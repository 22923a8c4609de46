// SocialSla board: the live board, the case view and the KPI view, in plain JavaScript (no framework, no build, no
// network beyond the page's own origin). Charts are drawn here as inline SVG. Times show in the viewer's time zone.
// Served by `socialsla serve` at /, and inlined by `socialsla report` (then the KPI view reads the embedded data).
(function () {
  'use strict';

  var POLL_MS = 4000;
  var TOKEN_KEY = 'socialsla.token';
  var STATES = { running: 'Running', warning: 'Warning', atRisk: 'At risk', breached: 'Breached', paused: 'Paused', idle: 'On target' };
  var LEVEL_STATE = { warning: 'warning', atRisk: 'atRisk', breached: 'breached', windowClosing: 'atRisk' };
  var reportNode = document.getElementById('report-data');
  var REPORT = reportNode ? JSON.parse(reportNode.textContent) : null;

  var dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  var dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  var percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
  var integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  var decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

  var app = {
    token: null, role: null, name: null,
    cases: [], alertsByCase: {}, offsetMs: 0, signature: '', rows: [], renderGeneration: 0, complete: false, askedOnce: false,
    pollTimer: null, tickTimer: null, firstPaintMs: null, loading: false
  };
  window.socialslaBoard = app; // for tests and the curious: read-only use

  // ---------- helpers ----------
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var key in attrs) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'className') node.className = attrs[key];
      else if (key === 'style') node.style.cssText = attrs[key]; // CSSOM: allowed by the page's style-src 'self'
      else node.setAttribute(key, attrs[key]);
    }
    if (children) children.forEach(function (c) { if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fmtTime(iso) { return iso ? dateTime.format(new Date(iso)) : '–'; }
  function fmtDuration(seconds) {
    if (seconds == null || isNaN(seconds)) return '–';
    var sign = seconds < 0 ? '−' : '';
    var s = Math.abs(Math.round(seconds));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    if (d > 0) return sign + d + 'd ' + h + 'h';
    if (h > 0) return sign + h + 'h ' + pad(m) + 'm';
    return sign + m + 'm ' + pad(r) + 's';
  }
  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function fmtPercent(v) { return v == null ? '–' : percent.format(v); }
  function serverNow() { return Date.now() + app.offsetMs; }
  function stateLabel(s) { return STATES[s] || s; }
  // Ids go into the path encoded, but with their slashes as they are: the server's routes take the rest of the path
  // and do not decode an encoded slash.
  function idPath(id) { return encodeURIComponent(id).replace(/%2F/g, '/'); }

  function api(path, options) {
    options = options || {};
    var headers = { 'Authorization': 'Bearer ' + app.token, 'Accept': options.accept || 'application/json' };
    return fetch(path, { method: options.method || 'GET', headers: headers, cache: 'no-store' }).then(function (response) {
      if (response.status === 401) { signOut('The token was not accepted. Sign in again.'); throw new Error('unauthorized'); }
      if (!response.ok) {
        return response.text().then(function (text) {
          var reason = text;
          try { reason = JSON.parse(text).error || text; } catch (e) { /* not JSON */ }
          throw new Error(response.status + ': ' + reason);
        });
      }
      return options.accept === 'text/csv' ? response.text() : response.json();
    });
  }

  // ---------- sign-in ----------
  function signIn(token) {
    app.token = token;
    return api('/api/me').then(function (me) {
      app.role = me.role; app.name = me.name;
      app.offsetMs = Date.parse(me.now) - Date.now();
      sessionStorage.setItem(TOKEN_KEY, token);
      $('who').textContent = 'Signed in as ' + me.name + ' (' + (me.role === 'read' ? 'read only' : me.role) + ')';
      $('sign-out').hidden = false;
      route();
    });
  }
  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    app.token = null; app.role = null;
    stopBoard();
    $('who').textContent = '';
    $('sign-out').hidden = true;
    show('login-view');
    $('login-error').textContent = message || '';
    $('token').focus();
  }

  function show(id) {
    ['login-view', 'board-view', 'case-view', 'kpi-view'].forEach(function (v) { $(v).hidden = v !== id; });
    $('nav-board').toggleAttribute('aria-current', id === 'board-view');
    $('nav-kpis').toggleAttribute('aria-current', id === 'kpi-view');
    if (id === 'board-view') $('nav-board').setAttribute('aria-current', 'page');
    if (id === 'kpi-view') $('nav-kpis').setAttribute('aria-current', 'page');
  }

  function route() {
    if (REPORT) { show('kpi-view'); loadKpis(); return; }
    if (!app.token) { signOut(); return; }
    var hash = location.hash || '#/';
    if (hash.indexOf('#/case/') === 0) { stopBoard(); show('case-view'); loadCase(decodeURIComponent(hash.slice(7))); }
    else if (hash === '#/kpis') { stopBoard(); show('kpi-view'); loadKpis(); }
    else { show('board-view'); startBoard(); }
  }

  // ---------- board ----------
  function startBoard() {
    stopBoard();
    refreshBoard();
    app.pollTimer = setInterval(refreshBoard, POLL_MS);
    app.tickTimer = setInterval(tick, 1000);
  }
  function stopBoard() {
    if (app.pollTimer) clearInterval(app.pollTimer);
    if (app.tickTimer) clearInterval(app.tickTimer);
    app.pollTimer = app.tickTimer = null;
  }

  // The first load asks for the most urgent cases only, paints them, then asks for all: the first paint does not
  // wait for thousands of cases to be judged, sent and parsed.
  var FIRST_LIMIT = 200;

  function refreshBoard() {
    if (app.loading) return;
    app.loading = true;
    var started = performance.now();
    var partial = !app.askedOnce;
    app.askedOnce = true;
    Promise.all([api('/api/cases?state=open&limit=' + (partial ? FIRST_LIMIT : 10000)), api('/api/alerts?limit=1000')]).then(function (answers) {
      var list = answers[0], alerts = answers[1].alerts;
      app.offsetMs = Date.parse(list.now) - Date.now();
      app.cases = list.cases;
      app.complete = !partial || list.cases.length < FIRST_LIMIT;
      var byCase = {};
      alerts.forEach(function (a) {
        var entry = byCase[a.case] || (byCase[a.case] = { open: [], acked: [] });
        (a.acknowledgedAt ? entry.acked : entry.open).push(a);
      });
      app.alertsByCase = byCase;
      fillFilters();
      renderBoard(false);
      if (app.firstPaintMs == null) {
        requestAnimationFrame(function () {
          app.firstPaintMs = performance.now() - started;
          document.body.setAttribute('data-first-paint-ms', app.firstPaintMs.toFixed(1)); // from the API request
          document.body.setAttribute('data-since-navigation-ms', performance.now().toFixed(1)); // from the page's navigation
        });
      }
      $('board-status').textContent = (app.complete ? '' : 'the first ') + app.cases.length + ' open cases · updated ' + new Date().toLocaleTimeString();
      if (!app.complete) setTimeout(refreshBoardSoon, 0);
    }).catch(function (e) {
      if (e.message !== 'unauthorized') $('board-status').textContent = 'Could not update: ' + e.message;
    }).then(function () { app.loading = false; });
  }

  function fillFilters() {
    var sets = { account: {}, channel: {}, priority: {}, tag: {} };
    app.cases.forEach(function (c) {
      sets.account[c.account] = 1; sets.channel[c.channel] = 1; sets.priority[c.priority] = 1;
      (c.tags || []).forEach(function (t) { sets.tag[t] = 1; });
    });
    Object.keys(sets).forEach(function (key) {
      var select = $('f-' + key), current = select.value;
      var values = Object.keys(sets[key]).sort();
      if (current && values.indexOf(current) < 0) values.push(current);
      var existing = Array.prototype.slice.call(select.options, 1).map(function (o) { return o.value; });
      if (existing.join('\u0001') === values.join('\u0001')) return;
      while (select.options.length > 1) select.remove(1);
      values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
      select.value = current;
    });
  }

  function filtered() {
    var f = { account: $('f-account').value, channel: $('f-channel').value, priority: $('f-priority').value, tag: $('f-tag').value };
    return app.cases.filter(function (c) {
      return (!f.account || c.account === f.account) && (!f.channel || c.channel === f.channel) &&
        (!f.priority || c.priority === f.priority) && (!f.tag || (c.tags || []).indexOf(f.tag) >= 0);
    });
  }

  function renderBoard(force) {
    var cases = filtered();
    cases.sort(function (a, b) {
      var x = a.nextThresholdAt ? Date.parse(a.nextThresholdAt) : Infinity, y = b.nextThresholdAt ? Date.parse(b.nextThresholdAt) : Infinity;
      return x !== y ? x - y : (a.openedAt || '').localeCompare(b.openedAt || '');
    });
    var signature = app.role + '|' + cases.map(function (c) {
      var alerts = app.alertsByCase[c.id] || { open: [], acked: [] };
      return c.id + ',' + c.urgency + ',' + c.nextThresholdAt + ',' + c.priority + ',' + alerts.open.length + ',' + alerts.acked.length;
    }).join(';');
    if (!force && signature === app.signature) { tick(); return; }
    app.signature = signature;
    var body = $('cases').tBodies[0];
    var generation = ++app.renderGeneration;
    app.rows = [];
    clear(body);
    if (cases.length === 0) body.appendChild(el('tr', null, [el('td', { colspan: '10', text: app.cases.length ? 'No open case matches the filters.' : 'No open cases.' })]));
    // The most urgent rows first, in this frame; the rest in slices after it, so thousands of open cases do not
    // hold back the first paint (nor the countdowns).
    function append(from, to) {
      var fragment = document.createDocumentFragment();
      for (var i = from; i < to && i < cases.length; i++) fragment.appendChild(caseRow(cases[i]));
      body.appendChild(fragment);
      tick();
      if (to < cases.length) setTimeout(function () { if (generation === app.renderGeneration) append(to, to + 1000); }, 0);
      else if (app.complete) body.setAttribute('data-rendered', String(cases.length));
    }
    body.removeAttribute('data-rendered');
    append(0, 100);
  }

  function caseRow(c) {
    var alerts = app.alertsByCase[c.id] || { open: [], acked: [] };
    var countdown = el('td', { className: 'countdown' });
    var pill = el('span', { className: 'pill' });
    var link = el('a', { href: '#/case/' + encodeURIComponent(c.id), text: c.customerHandle ? '@' + c.customerHandle : c.id });
    var reasons = (c.priorityReasons || []).length ? el('span', { className: 'reasons', text: c.priorityReasons.join(', ') }) : null;
    var tags = el('td', null, (c.tags || []).map(function (t) { return el('span', { className: 'tag', text: t }); }));
    var alertCell = el('td');
    if (alerts.open.length) alertCell.appendChild(el('span', { text: alerts.open.length + ' unacknowledged' }));
    else if (alerts.acked.length) alertCell.appendChild(el('span', { className: 'acked', text: '✓ acknowledged by ' + alerts.acked[0].acknowledgedBy }));
    var actions = el('td', { className: 'actions' });
    if ((app.role === 'agent' || app.role === 'admin')) {
      if (alerts.open.length) {
        var ack = el('button', { type: 'button', 'data-action': 'ack', text: 'Acknowledge', 'aria-label': 'Acknowledge alerts of ' + (c.customerHandle || c.id) });
        ack.addEventListener('click', function () { acknowledge(alerts.open, ack); });
        actions.appendChild(ack);
      }
      var resolve = el('button', { type: 'button', className: 'danger', 'data-action': 'resolve', text: 'Resolve', 'aria-label': 'Resolve case of ' + (c.customerHandle || c.id) });
      resolve.addEventListener('click', function () { resolveCase(c.id, resolve); });
      actions.appendChild(resolve);
    }
    var row = el('tr', { 'data-case': c.id }, [
      countdown, el('td', null, [pill]),
      el('td', null, [el('span', { className: 'prio-' + c.priority, text: c.priority }), reasons]),
      el('td', { text: c.channel + ' · ' + c.account }),
      el('td', null, [link]),
      el('td', { className: 'excerpt', text: c.excerpt }),
      el('td', { className: 'sent-' + (c.sentiment ? c.sentiment.label : 'neutral'), text: c.sentiment ? c.sentiment.label + ' (' + c.sentiment.score.toFixed(2) + ')' : '–' }),
      tags, alertCell, actions
    ]);
    app.rows.push({ c: c, row: row, countdown: countdown, pill: pill, due: c.nextThresholdAt ? Date.parse(c.nextThresholdAt) : null, shown: null });
    return row;
  }

  // Every second: the countdowns move and a row whose threshold passed takes that threshold's colour at once.
  function tick() {
    var now = serverNow();
    for (var i = 0; i < app.rows.length; i++) {
      var r = app.rows[i], urgency = r.c.urgency;
      var text;
      if (r.due == null) text = '–';
      else {
        var left = (r.due - now) / 1000;
        text = fmtDuration(left) + ' to ' + (r.c.nextThreshold === 'atRisk' ? 'at risk' : r.c.nextThreshold || 'next');
        if (left <= 0 && LEVEL_STATE[r.c.nextThreshold] && urgency !== 'paused') urgency = LEVEL_STATE[r.c.nextThreshold];
      }
      if (r.countdown.textContent !== text) r.countdown.textContent = text;
      if (r.shown !== urgency) {
        r.shown = urgency;
        r.pill.className = 'pill state-' + urgency;
        r.pill.textContent = stateLabel(urgency);
        r.row.className = 'row-' + urgency;
        r.row.setAttribute('data-urgency', urgency);
      }
    }
  }

  function acknowledge(alerts, button) {
    button.disabled = true;
    Promise.all(alerts.map(function (a) { return api('/api/alerts/' + idPath(a.id) + '/ack', { method: 'POST' }); }))
      .then(function () { app.signature = ''; refreshBoardSoon(); })
      .catch(function (e) { button.disabled = false; $('board-status').textContent = 'Could not acknowledge: ' + e.message; });
  }
  function resolveCase(id, button) {
    button.disabled = true;
    api('/api/cases/' + idPath(id) + '/resolve', { method: 'POST' }).then(function () {
      app.cases = app.cases.filter(function (c) { return c.id !== id; });
      renderBoard(true);
      $('board-status').textContent = 'Resolved ' + id + '.';
    }).catch(function (e) { button.disabled = false; $('board-status').textContent = 'Could not resolve: ' + e.message; });
  }
  function refreshBoardSoon() { app.loading = false; refreshBoard(); }

  // ---------- case view ----------
  function loadCase(id) {
    var body = $('case-body');
    clear(body);
    body.appendChild(el('p', { className: 'status', text: 'Loading…' }));
    api('/api/cases/' + idPath(id)).then(function (c) {
      clear(body);
      $('case-title').textContent = 'Case ' + c.id;
      body.appendChild(el('p', null, [
        el('span', { className: 'pill state-' + c.urgency, text: stateLabel(c.urgency) }), ' ',
        c.status + ' · ' + c.channel + ' · ' + c.account + ' · priority ' + c.priority +
        (c.priorityReasons.length ? ' (' + c.priorityReasons.join(', ') + ')' : '') + ' · sentiment ' + c.sentiment.label +
        ' · opened ' + fmtTime(c.openedAt) + (c.customerHandle ? ' · @' + c.customerHandle : '')
      ]));
      if (c.tags.length) body.appendChild(el('p', null, c.tags.map(function (t) { return el('span', { className: 'tag', text: t }); })));
      if ((app.role === 'agent' || app.role === 'admin') && c.status === 'open') {
        var resolve = el('button', { type: 'button', className: 'danger', text: 'Resolve this case' });
        resolve.addEventListener('click', function () {
          resolve.disabled = true;
          api('/api/cases/' + idPath(c.id) + '/resolve', { method: 'POST' }).then(function () { loadCase(c.id); })
            .catch(function (e) { resolve.disabled = false; alert(e.message); });
        });
        body.appendChild(el('p', null, [resolve]));
      }

      body.appendChild(el('h3', { text: 'Clocks' }));
      var clocks = el('table', { id: 'clocks' }, [el('thead', null, [el('tr', null, ['Clock', 'State', 'Target', 'Elapsed (open time)', 'Warning at', 'At risk at', 'Due', 'Next threshold'].map(function (h) { return el('th', { scope: 'col', text: h }); }))])]);
      var tbody = el('tbody');
      c.clocks.forEach(function (k) {
        tbody.appendChild(el('tr', null, [
          el('td', { text: k.clock + (k.sequence ? ' #' + (k.sequence + 1) : '') }),
          el('td', { text: k.state }),
          el('td', { text: fmtDuration(k.targetSeconds) }),
          el('td', { text: fmtDuration(k.elapsedSeconds) + ' (' + fmtPercent(k.targetSeconds ? k.elapsedSeconds / k.targetSeconds : null) + ')' }),
          el('td', { text: fmtDuration(k.targetSeconds * 0.5) + ' elapsed' }),
          el('td', { text: fmtDuration(k.targetSeconds * 0.8) + ' elapsed' }),
          el('td', { text: fmtTime(k.dueAt) }),
          el('td', { text: k.nextThreshold ? k.nextThreshold + ' at ' + fmtTime(k.nextThresholdAt) : '–' })
        ]));
      });
      clocks.appendChild(tbody);
      body.appendChild(clocks);

      body.appendChild(el('h3', { text: 'Messages' }));
      var list = el('ol', { className: 'timeline' });
      c.messages.forEach(function (m) {
        list.appendChild(el('li', { className: m.fromBrand ? 'brand' : 'customer' }, [
          el('div', { className: 'meta', text: (m.fromBrand ? 'Brand reply' : 'Customer') + (m.handle ? ' @' + m.handle : '') + ' · ' + fmtTime(m.createdAt) + (m.verb ? ' · ' + m.verb : '') }),
          el('div', { text: m.text })
        ]));
      });
      body.appendChild(list);

      body.appendChild(el('h3', { text: 'Alerts' }));
      if (!c.alerts.length) body.appendChild(el('p', { className: 'status', text: 'No alert raised.' }));
      var alertList = el('ul', { id: 'case-alerts' });
      c.alerts.forEach(function (a) {
        var deliveries = (a.deliveries || []).map(function (d) { return d.sink + ': ' + d.status + (d.deliveredAt ? ' ' + fmtTime(d.deliveredAt) : '') + (d.lastError ? ' (' + d.lastError + ')' : ''); }).join('; ');
        var item = el('li', { 'data-alert': a.id }, [
          el('strong', { text: a.clock + ' ' + a.level }), ' raised ' + fmtTime(a.raisedAt) + ' · ' + (deliveries || 'no delivery') + ' · ',
          a.acknowledgedAt ? el('span', { className: 'acked', text: '✓ acknowledged by ' + a.acknowledgedBy + ' ' + fmtTime(a.acknowledgedAt) }) : el('span', { text: 'not acknowledged' })
        ]);
        if (!a.acknowledgedAt && (app.role === 'agent' || app.role === 'admin')) {
          var ack = el('button', { type: 'button', text: 'Acknowledge' });
          ack.addEventListener('click', function () {
            ack.disabled = true;
            api('/api/alerts/' + idPath(a.id) + '/ack', { method: 'POST' }).then(function () { loadCase(c.id); });
          });
          item.appendChild(document.createTextNode(' '));
          item.appendChild(ack);
        }
        alertList.appendChild(item);
      });
      body.appendChild(alertList);
    }).catch(function (e) { clear(body); body.appendChild(el('p', { className: 'error', text: 'Could not load the case: ' + e.message })); });
  }

  // ---------- KPI view ----------
  function kpiQuery(extra) {
    var parts = [];
    var from = $('k-from').value, to = $('k-to').value, dimension = $('k-dimension').value;
    if (from) parts.push('from=' + from);
    if (to) parts.push('to=' + to);
    if (dimension && !(extra && extra.noDimension)) parts.push('dimension=' + dimension);
    if (extra && extra.granularity) parts.push('granularity=' + extra.granularity);
    return parts.join('&');
  }

  function kpiData() {
    var dimension = $('k-dimension').value;
    if (REPORT) {
      return Promise.resolve({ day: REPORT.day[dimension || 'none'], hour: REPORT.hour, week: REPORT.lastWeek, cases: null });
    }
    var weekAgo = new Date(serverNow() - 7 * 86400000).toISOString();
    return Promise.all([
      api('/api/kpis?' + kpiQuery({ granularity: 'day' })),
      api('/api/kpis?' + kpiQuery({ granularity: 'hour', noDimension: true })),
      api('/api/kpis?from=' + encodeURIComponent(weekAgo)),
      api('/api/cases?state=all&limit=10000&' + kpiQuery({ noDimension: true }))
    ]).then(function (a) { return { day: a[0], hour: a[1], week: a[2], cases: a[3].cases }; });
  }

  function loadKpis() {
    $('kpi-status').textContent = 'Loading…';
    kpiData().then(function (data) {
      renderTiles(data.day.total, data.week.total);
      drawDistribution($('chart-distribution'), data.day.total.firstReplyDistribution);
      drawTrend($('chart-trend'), data.day);
      drawHeatmap($('chart-heatmap'), data.hour.buckets);
      drawSentiment($('chart-sentiment'), data.cases);
      $('kpi-status').textContent = REPORT ? 'Replay of ' + REPORT.source + ' · ' + integer.format(REPORT.replay.input.rows) + ' rows' : 'Updated ' + new Date().toLocaleTimeString();
    }).catch(function (e) { $('kpi-status').textContent = 'Could not load the KPIs: ' + e.message; });
  }

  function sumBreaches(alerts) {
    var total = 0;
    for (var clock in alerts) if (alerts[clock].breached != null) total += alerts[clock].breached;
    return total;
  }

  function renderTiles(total, week) {
    var tiles = $('tiles');
    clear(tiles);
    function tile(id, label, value, title) {
      var node = el('div', { className: 'tile', id: 'tile-' + id, 'data-value': value == null ? '' : String(value) }, [
        el('div', { className: 'label', text: label }), el('div', { className: 'value', text: title })
      ]);
      tiles.appendChild(node);
      return node;
    }
    tile('cases', 'Cases', total.cases, integer.format(total.cases));
    tile('p50', 'First reply p50', total.firstReply.p50Seconds, fmtDuration(total.firstReply.p50Seconds));
    tile('p90', 'First reply p90', total.firstReply.p90Seconds, fmtDuration(total.firstReply.p90Seconds));
    tile('within15m', 'Within 15 min', total.firstReply.within15m, fmtPercent(total.firstReply.within15m));
    tile('within1h', 'Within 1 hour', total.firstReply.within1h, fmtPercent(total.firstReply.within1h));
    tile('responseRate', 'Response rate', total.responseRate, fmtPercent(total.responseRate));
    tile('breaches', 'Breaches', sumBreaches(total.alerts), integer.format(sumBreaches(total.alerts)));
    var triage = REPORT && REPORT.replay.triage;
    if (triage) {
      tile('triageMentions', 'Customer messages triaged', triage.mentions, integer.format(triage.mentions));
      tile('actionable', 'Actionable', triage.actionable, integer.format(triage.actionable));
      tile('noise', 'Noise', triage.noise, integer.format(triage.noise));
      tile('urgent', 'Urgent / high priority', triage.priority.urgent + triage.priority.high,
        integer.format(triage.priority.urgent) + ' / ' + integer.format(triage.priority.high));
    }
    var rate = week.responseRate, mean = week.firstReply.meanSeconds;
    var meter = tile('veryResponsive', 'Very responsive (last 7 days)', week.veryResponsive, week.veryResponsive ? 'Yes' : 'No');
    meter.classList.add('meter');
    if (!week.veryResponsive) meter.classList.add('no');
    var fill = Math.max(0, Math.min(1, Math.min((rate || 0) / 0.9, mean ? 900 / mean : 0)));
    meter.appendChild(el('div', { className: 'bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(fill * 100)), 'aria-label': 'Progress towards very responsive' }, [el('span', { style: 'width:' + Math.round(fill * 100) + '%' })]));
    meter.appendChild(el('div', { className: 'label', text: 'response rate ' + fmtPercent(rate) + ' (≥ 90 %), mean first reply ' + fmtDuration(mean) + ' (≤ 15 min)' }));
  }

  // ---------- SVG charts ----------
  var SVG = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#0b4f9c', '#b35c00', '#1e6b1e', '#8a1c7c', '#5c4500', '#a00000', '#006d77', '#4a4a4a'];
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text != null) node.textContent = text;
    return node;
  }
  function chartRoot(container, width, height, label) {
    clear(container);
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': label });
    root.appendChild(svg('title', {}, label));
    container.appendChild(root);
    return root;
  }
  function empty(container, message) {
    clear(container);
    container.appendChild(el('p', { className: 'status', text: message }));
  }

  function drawDistribution(container, bins) {
    var total = bins.reduce(function (s, b) { return s + b.count; }, 0);
    if (!total) { empty(container, 'No first reply in this range.'); return; }
    var W = 460, H = 220, left = 40, bottom = 40, top = 10;
    var root = chartRoot(container, W, H, 'First replies per time bin: ' + bins.map(function (b) { return binLabel(b) + ' ' + b.count; }).join(', '));
    var max = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    var bw = (W - left - 10) / bins.length;
    axis(root, left, top, W - 10, H - bottom, max);
    bins.forEach(function (b, i) {
      var h = (H - bottom - top) * b.count / max;
      var x = left + i * bw + 2;
      var rect = svg('rect', { x: x, y: H - bottom - h, width: bw - 4, height: Math.max(h, 0), fill: '#0b4f9c', 'data-count': b.count });
      rect.appendChild(svg('title', {}, binLabel(b) + ': ' + b.count));
      root.appendChild(rect);
      root.appendChild(svg('text', { x: x + (bw - 4) / 2, y: H - bottom + 14, 'text-anchor': 'middle' }, binLabel(b)));
    });
  }
  function binLabel(b) { return b.upToSeconds == null ? '> 24h' : '≤ ' + (b.upToSeconds >= 3600 ? b.upToSeconds / 3600 + 'h' : b.upToSeconds / 60 + 'm'); }

  function axis(root, x0, y0, x1, y1, max, asPercent) {
    root.appendChild(svg('line', { x1: x0, y1: y1, x2: x1, y2: y1, stroke: '#666' }));
    root.appendChild(svg('line', { x1: x0, y1: y0, x2: x0, y2: y1, stroke: '#666' }));
    [0, 0.5, 1].forEach(function (f) {
      var y = y1 - (y1 - y0) * f;
      root.appendChild(svg('text', { x: x0 - 4, y: y + 4, 'text-anchor': 'end' }, asPercent ? Math.round(f * 100) + '%' : decimal.format(max * f)));
      if (f > 0) root.appendChild(svg('line', { x1: x0, y1: y, x2: x1, y2: y, stroke: '#ddd' }));
    });
  }

  function drawTrend(container, day) {
    var dimension = day.dimension;
    var series = {};
    day.buckets.forEach(function (b) {
      var key = dimension ? b[dimension] : 'all';
      if (b.firstReply.within15m == null) return;
      (series[key] = series[key] || []).push({ t: Date.parse(b.start), v: b.firstReply.within15m });
    });
    var keys = Object.keys(series).sort();
    if (!keys.length) { empty(container, 'No first reply in this range.'); return; }
    var all = [].concat.apply([], keys.map(function (k) { return series[k]; }));
    var tMin = Math.min.apply(null, all.map(function (p) { return p.t; })), tMax = Math.max.apply(null, all.map(function (p) { return p.t; }));
    var W = 460, H = 220, left = 40, bottom = 40, top = 10, right = 10;
    var root = chartRoot(container, W, H, 'Share of first replies within 15 minutes by day' + (dimension ? ' per ' + dimension : ''));
    axis(root, left, top, W - right, H - bottom, 1, true);
    function x(t) { return tMax === tMin ? (left + W - right) / 2 : left + (W - right - left) * (t - tMin) / (tMax - tMin); }
    function y(v) { return H - bottom - (H - bottom - top) * v; }
    keys.forEach(function (k, i) {
      var points = series[k].sort(function (a, b) { return a.t - b.t; });
      var color = PALETTE[i % PALETTE.length];
      root.appendChild(svg('polyline', { points: points.map(function (p) { return x(p.t) + ',' + y(p.v); }).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
      points.forEach(function (p) {
        var dot = svg('circle', { cx: x(p.t), cy: y(p.v), r: 3, fill: color });
        dot.appendChild(svg('title', {}, k + ' ' + dayFormat.format(new Date(p.t)) + ': ' + fmtPercent(p.v)));
        root.appendChild(dot);
      });
    });
    root.appendChild(svg('text', { x: left, y: H - bottom + 14 }, dayFormat.format(new Date(tMin))));
    root.appendChild(svg('text', { x: W - right, y: H - bottom + 14, 'text-anchor': 'end' }, dayFormat.format(new Date(tMax))));
    var legend = el('div', { className: 'legend' }, keys.map(function (k, i) { return el('span', null, [el('i', { style: 'background:' + PALETTE[i % PALETTE.length] }), k]); }));
    container.appendChild(legend);
  }

  function drawHeatmap(container, buckets) {
    var grid = [], max = 0, total = 0;
    for (var d = 0; d < 7; d++) { grid.push([]); for (var h = 0; h < 24; h++) grid[d].push(0); }
    buckets.forEach(function (b) {
      var t = new Date(b.start); // the viewer's zone: getDay/getHours are local
      var day = (t.getDay() + 6) % 7, hour = t.getHours();
      grid[day][hour] += b.cases; total += b.cases;
      if (grid[day][hour] > max) max = grid[day][hour];
    });
    if (!total) { empty(container, 'No case opened in this range.'); return; }
    var W = 460, H = 200, left = 36, top = 16, cw = (W - left - 4) / 24, ch = (H - top - 4) / 7;
    var root = chartRoot(container, W, H, 'Cases opened by weekday and hour, darker is more');
    var days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (var hh = 0; hh < 24; hh += 3) root.appendChild(svg('text', { x: left + hh * cw + cw / 2, y: 11, 'text-anchor': 'middle' }, String(hh)));
    days.forEach(function (name, day) {
      root.appendChild(svg('text', { x: left - 4, y: top + day * ch + ch / 2 + 4, 'text-anchor': 'end' }, name));
      for (var hour = 0; hour < 24; hour++) {
        var v = grid[day][hour], f = max ? v / max : 0;
        var cell = svg('rect', { x: left + hour * cw, y: top + day * ch, width: cw - 1, height: ch - 1, fill: v ? 'rgba(11,79,156,' + (0.12 + 0.88 * f).toFixed(3) + ')' : '#f0f0f0', 'data-count': v });
        cell.appendChild(svg('title', {}, name + ' ' + hour + ':00 – ' + v + ' cases'));
        root.appendChild(cell);
      }
    });
  }

  // A replay report has no case list: with triage, the sentiment of every triaged customer message as one bar.
  function drawSentimentShares(container, sentiment) {
    var labels = ['negative', 'neutral', 'positive', 'unknown'];
    var colors = { negative: '#a00000', neutral: '#8a8a8a', positive: '#1e6b1e', unknown: '#c8c8c8' };
    var total = labels.reduce(function (s, k) { return s + (sentiment[k] || 0); }, 0);
    var caption = container.parentNode.querySelector('figcaption');
    if (caption) caption.textContent = 'Sentiment of the triaged customer messages';
    if (!total) { empty(container, 'No customer message was triaged.'); return; }
    var W = 460, H = 90, left = 10, right = 10, top = 20, bh = 34;
    var root = chartRoot(container, W, H, 'Customer messages by sentiment: ' + labels.map(function (k) { return k + ' ' + (sentiment[k] || 0); }).join(', '));
    var x = left;
    labels.forEach(function (k) {
      var w = (W - left - right) * (sentiment[k] || 0) / total;
      if (!w) return;
      var rect = svg('rect', { x: x, y: top, width: w, height: bh, fill: colors[k], 'data-count': sentiment[k] });
      rect.appendChild(svg('title', {}, k + ': ' + integer.format(sentiment[k]) + ' (' + fmtPercent(sentiment[k] / total) + ')'));
      root.appendChild(rect);
      if (w > 60) root.appendChild(svg('text', { x: x + w / 2, y: top + bh + 16, 'text-anchor': 'middle' }, fmtPercent(sentiment[k] / total)));
      x += w;
    });
    container.appendChild(el('div', { className: 'legend' }, labels.map(function (k) { return el('span', null, [el('i', { style: 'background:' + colors[k] }), k]); })));
  }

  function drawSentiment(container, cases) {
    if (!cases && REPORT && REPORT.replay.triage) { drawSentimentShares(container, REPORT.replay.triage.sentiment); return; }
    if (!cases) { empty(container, 'A replay report carries no sentiment (the export is not triaged).'); return; }
    var days = {};
    cases.forEach(function (c) {
      if (!c.openedAt) return;
      var t = new Date(c.openedAt);
      var key = t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate());
      var entry = days[key] || (days[key] = { negative: 0, neutral: 0, positive: 0, t: new Date(t.getFullYear(), t.getMonth(), t.getDate()) });
      entry[c.sentiment.label] = (entry[c.sentiment.label] || 0) + 1;
    });
    var keys = Object.keys(days).sort();
    if (!keys.length) { empty(container, 'No case opened in this range.'); return; }
    var W = 460, H = 220, left = 40, bottom = 40, top = 10;
    var max = Math.max.apply(null, keys.map(function (k) { return days[k].negative + days[k].neutral + days[k].positive; }));
    var root = chartRoot(container, W, H, 'Cases by sentiment per day');
    axis(root, left, top, W - 10, H - bottom, max);
    var bw = Math.min(40, (W - left - 10) / keys.length);
    var colors = { negative: '#a00000', neutral: '#8a8a8a', positive: '#1e6b1e' };
    keys.forEach(function (k, i) {
      var y = H - bottom, x = left + i * bw + 2;
      ['negative', 'neutral', 'positive'].forEach(function (label) {
        var h = (H - bottom - top) * days[k][label] / max;
        if (!h) return;
        y -= h;
        var rect = svg('rect', { x: x, y: y, width: bw - 4, height: h, fill: colors[label] });
        rect.appendChild(svg('title', {}, dayFormat.format(days[k].t) + ' ' + label + ': ' + days[k][label]));
        root.appendChild(rect);
      });
      if (keys.length <= 14 || i % Math.ceil(keys.length / 10) === 0) root.appendChild(svg('text', { x: x + (bw - 4) / 2, y: H - bottom + 14, 'text-anchor': 'middle' }, dayFormat.format(days[k].t)));
    });
    container.appendChild(el('div', { className: 'legend' }, Object.keys(colors).map(function (k) { return el('span', null, [el('i', { style: 'background:' + colors[k] }), k]); })));
  }

  function download(path, name) {
    api(path, { accept: 'text/csv' }).then(function (text) {
      var url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      var a = el('a', { href: url, download: name });
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }).catch(function (e) { $('kpi-status').textContent = 'Could not export: ' + e.message; });
  }

  // ---------- wiring ----------
  function init() {
    if (REPORT) {
      document.body.classList.add('report');
      $('k-from').disabled = $('k-to').disabled = true;
      $('k-csv').hidden = $('c-csv').hidden = true;
      $('kpi-form').addEventListener('submit', function (e) { e.preventDefault(); loadKpis(); });
      $('k-dimension').addEventListener('change', loadKpis);
      route();
      return;
    }
    $('login-form').addEventListener('submit', function (e) {
      e.preventDefault();
      $('login-error').textContent = '';
      signIn($('token').value.trim()).catch(function (err) { if (err.message !== 'unauthorized') $('login-error').textContent = 'Could not sign in: ' + err.message; });
    });
    $('sign-out').addEventListener('click', function () { signOut('Signed out.'); });
    ['f-account', 'f-channel', 'f-priority', 'f-tag'].forEach(function (id) { $(id).addEventListener('change', function () { renderBoard(true); }); });
    $('kpi-form').addEventListener('submit', function (e) { e.preventDefault(); loadKpis(); });
    $('k-dimension').addEventListener('change', loadKpis);
    $('k-csv').addEventListener('click', function () { download('/api/kpis.csv?' + kpiQuery({ granularity: 'day' }), 'kpis.csv'); });
    $('c-csv').addEventListener('click', function () { download('/api/cases.csv?' + kpiQuery({ noDimension: true }), 'cases.csv'); });
    window.addEventListener('hashchange', route);
    var saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved).catch(function () { signOut(); });
    else signOut();
  }
  init();
})();

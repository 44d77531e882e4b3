// The Outdial dashboard: campaigns and one campaign's live view, through the public API only.
// Data from the API reaches the page through textContent and attributes, never as HTML.
'use strict';

(() => {
  const KEY_STORAGE = 'outdial.apiKey';
  const LIST_REFRESH_MS = 5000;
  // Details (statuses, outcomes, waiting contacts) are re-read at most this often while events arrive.
  const DETAIL_REFRESH_MS = 4000;
  const PAGE_LIMIT = 500;
  // Calls read for the chart and the outcome breakdown: 10 pages of 500, the oldest first.
  const MAX_CALL_PAGES = 10;
  const CHART_MINUTES = 60;
  // The chart spans at least this many minutes, so that one busy minute still reads as a bar in time.
  const CHART_MIN_SPAN = 10;
  // Details are also re-read this often without events: waiting contacts become due as time passes.
  const DETAIL_IDLE_REFRESH_MS = 15000;
  // After the final event, the counters are read from the campaign until they stop moving.
  const SETTLE_INTERVAL_MS = 2000;
  const SETTLE_READS = 30;
  const EXAMPLES = 8;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const REASONS = {
    outside_local_hours: 'Outside legal calling hours at the callee',
    frequency_cap: 'Attempt cap for the number reached (24 h)',
    timezone_unknown: 'Timezone unknown: set the contact\u2019s timezone or state',
    campaign_window: 'Outside the campaign\u2019s calling window',
    retry_delay: 'Waiting for its retry',
    dnc_list: 'On the do-not-call list',
    contact_dnc: 'Contact marked do-not-call',
    no_consent: 'No consent recorded',
    invalid_number: 'Invalid number',
  };
  const FINISHED = new Set(['completed', 'cancelled']);

  const $ = (id) => document.getElementById(id);
  const views = ['sign-in-view', 'campaigns-view', 'campaign-view'];

  /** What the current view must stop when the page moves on (timers, the event stream). */
  let leaveView = () => {};

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  async function request(path, method = 'GET', accept = 'application/json') {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${apiKey()}`, Accept: accept },
      cache: 'no-store',
    });
    if (response.status === 401) {
      signOut('The API key was refused (unknown, revoked or expired): sign in again.');
      throw new ApiError(401, 'unauthorized');
    }
    if (!response.ok) {
      throw new ApiError(response.status, await problemDetail(response));
    }
    return response;
  }

  async function api(path, method = 'GET') {
    const response = await request(path, method);
    return response.status === 204 ? null : response.json();
  }

  async function problemDetail(response) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  // ---- DOM helpers: text only ----

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setText(id, value) {
    $(id).textContent = value === null || value === undefined ? '\u2013' : String(value);
  }

  function count(n) {
    return Number(n ?? 0).toLocaleString();
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '\u2013';
  }

  function reasonLabel(code) {
    return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  }

  function showNotice(message) {
    const notice = $('notice');
    notice.textContent = message;
    notice.hidden = !message;
  }

  function reportFailure(error) {
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
    showNotice(error instanceof ApiError ? `The server answered ${error.status}: ${error.message}` : `Failed: ${error.message}`);
  }

  function show(viewId) {
    for (const id of views) {
      $(id).hidden = id !== viewId;
    }
    $('sign-out').hidden = viewId === 'sign-in-view';
  }

  function statusBadge(node, status) {
    node.textContent = status ?? 'unknown';
    node.className = `status status-${status ?? 'unknown'}`;
  }

  // ---- Sign in and out ----

  function signOut(message) {
    sessionStorage.removeItem(KEY_STORAGE);
    leaveView();
    leaveView = () => {};
    show('sign-in-view');
    showNotice(message || '');
    $('api-key').value = '';
    $('api-key').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      showNotice('Enter your API key.');
      return;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    try {
      await api('/api/crm/campaigns?limit=1');
    } catch (error) {
      reportFailure(error);
      return;
    }
    $('api-key').value = '';
    showNotice('');
    route();
  }

  // ---- Campaign list ----

  function showCampaigns() {
    show('campaigns-view');
    document.title = 'Campaigns \u2013 Outdial';
    let timer = null;
    let stopped = false;
    const load = async () => {
      try {
        const list = await api('/api/crm/campaigns?limit=100');
        if (stopped) {
          return;
        }
        renderCampaigns(list);
        showNotice('');
      } catch (error) {
        reportFailure(error);
      }
      if (!stopped) {
        timer = setTimeout(load, LIST_REFRESH_MS);
      }
    };
    $('refresh-campaigns').onclick = () => {
      clearTimeout(timer);
      load();
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  function renderCampaigns(list) {
    const rows = list.campaigns.map((c) => {
      const link = el('a', { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.name);
      const status = el('span', {});
      statusBadge(status, c.status);
      return el('tr', { 'data-campaign-id': c.id },
        el('th', { scope: 'row' }, link),
        el('td', {}, status),
        el('td', { class: 'number' }, count(c.totalContacts)),
        el('td', { class: 'number' }, count(c.contactsCalled)),
        el('td', { class: 'number' }, count(c.contactsCompleted)),
        el('td', { class: 'number' }, count(c.contactsAnswered)),
        el('td', { class: 'number' }, count(c.maxConcurrentCalls)),
        el('td', {}, when(c.createdAt)));
    });
    $('campaign-rows').replaceChildren(...rows);
    $('campaigns-note').textContent = list.total === 0 ? 'No campaigns yet.'
      : list.total > list.campaigns.length ? `The newest ${list.campaigns.length} of ${count(list.total)} campaigns.` : '';
    $('campaigns-updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  }

  // ---- One campaign ----

  function showCampaign(id) {
    show('campaign-view');
    const base = `/api/crm/campaigns/${encodeURIComponent(id)}`;
    let stream = null;
    let stopped = false;
    let detailTimer = null;
    let lastDetails = 0;
    let status = null;
    let lastProgress = null;

    const setStatus = (next, pauseReason) => {
      status = next;
      statusBadge($('campaign-status'), next);
      $('pause-reason').textContent = next === 'paused' && pauseReason ? `(paused by the system: ${pauseReason})` : '';
      $('pause').disabled = next !== 'running';
      $('resume').disabled = next !== 'paused';
      $('cancel').disabled = FINISHED.has(next);
    };

    const showProgress = (p) => {
      lastProgress = p;
      setText('total-contacts', count(p.totalContacts));
      setText('contacts-called', count(p.contactsCalled));
      setText('contacts-completed', count(p.contactsCompleted));
      setText('contacts-answered', count(p.contactsAnswered));
      setText('calls-in-progress', count(p.callsInProgress));
      setText('max-concurrent-calls', count(p.maxConcurrentCalls));
      const completion = $('completion');
      completion.max = Math.max(1, p.totalContacts);
      completion.value = p.contactsCompleted;
      $('completion-text').textContent = `${count(p.contactsCompleted)} of ${count(p.totalContacts)}`;
      const concurrency = $('concurrency');
      concurrency.max = Math.max(1, p.maxConcurrentCalls);
      concurrency.value = p.callsInProgress;
      $('concurrency-text').textContent = `${count(p.callsInProgress)} of ${count(p.maxConcurrentCalls)} calls`;
    };

    // Re-reads the details now, or once DETAIL_REFRESH_MS has passed since the last reading.
    const refreshDetails = () => {
      if (stopped || detailTimer) {
        return;
      }
      const wait = Math.max(0, lastDetails + DETAIL_REFRESH_MS - Date.now());
      detailTimer = setTimeout(async () => {
        lastDetails = Date.now();
        try {
          await loadDetails(base, id, () => stopped);
        } catch (error) {
          reportFailure(error);
        }
        detailTimer = null;
      }, wait);
    };

    const follow = () => {
      const url = `${base}/events?access_token=${encodeURIComponent(apiKey())}`;
      stream = new EventSource(url);
      $('live-state').textContent = 'Connecting\u2026';
      stream.onopen = () => {
        $('live-state').textContent = 'Live';
      };
      stream.onerror = () => {
        // The browser reconnects by itself unless the server refused the stream.
        $('live-state').textContent = stream.readyState === EventSource.CLOSED ? 'Not live: reload to retry' : 'Reconnecting\u2026';
      };
      stream.addEventListener('progress', (event) => {
        const p = JSON.parse(event.data);
        showProgress(p);
        setStatus(p.status, p.pauseReason);
        refreshDetails();
        if (p.deleted || FINISHED.has(p.status)) {
          // The server ends the stream here; closing keeps the browser from reconnecting.
          stream.close();
          if (p.deleted) {
            $('live-state').textContent = 'The campaign was deleted';
          } else {
            settle();
          }
        }
      });
      stream.addEventListener('status', (event) => {
        const s = JSON.parse(event.data);
        setStatus(s.status, s.pauseReason);
        refreshDetails();
      });
    };

    // The status can turn final before the last counts arrive from call-result-service, and the
    // stream ends with that status: read the campaign until every called contact is counted and
    // two readings agree.
    const settle = async () => {
      $('live-state').textContent = 'Finished: reading the final counts\u2026';
      let previous = null;
      for (let read = 0; read < SETTLE_READS && !stopped; read++) {
        try {
          const c = await api(base);
          if (stopped) {
            return;
          }
          showProgress({ ...lastProgress, ...c, callsInProgress: lastProgress ? lastProgress.callsInProgress : 0 });
          setStatus(c.status, c.pauseReason);
          const counts = [c.totalContacts, c.contactsCalled, c.contactsCompleted, c.contactsAnswered].join();
          if (counts === previous && c.contactsCompleted >= c.contactsCalled) {
            break;
          }
          previous = counts;
        } catch (error) {
          reportFailure(error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
      }
      if (!stopped) {
        refreshDetails();
        $('live-state').textContent = 'Finished: no more updates';
      }
    };

    const act = async (action) => {
      try {
        const campaign = await api(`${base}/${action}`, 'POST');
        setStatus(campaign.status, campaign.pauseReason);
        showNotice('');
        refreshDetails();
      } catch (error) {
        reportFailure(error);
      }
    };
    $('pause').onclick = () => act('pause');
    $('resume').onclick = () => act('resume');
    $('cancel').onclick = () => {
      if (window.confirm('Cancel this campaign? Contacts not yet called will not be called, and it cannot be resumed.')) {
        act('cancel');
      }
    };
    $('export-results').onclick = () => download(`${base}/results.csv`, `campaign-${id}-results.csv`);
    $('export-calls').onclick = () => download(`${base}/calls.csv`, `campaign-${id}-calls.csv`);

    (async () => {
      try {
        const campaign = await api(base);
        if (stopped) {
          return;
        }
        $('campaign-name').textContent = campaign.name;
        document.title = `${campaign.name} \u2013 Outdial`;
        setStatus(campaign.status, campaign.pauseReason);
        showProgress({ ...campaign, callsInProgress: 0 });
        follow();
        refreshDetails();
      } catch (error) {
        reportFailure(error);
      }
    })();

    const idleRefresh = setInterval(refreshDetails, DETAIL_IDLE_REFRESH_MS);

    return () => {
      stopped = true;
      clearTimeout(detailTimer);
      clearInterval(idleRefresh);
      if (stream) {
        stream.close();
      }
    };
  }

  async function loadDetails(base, id, stopped) {
    const [pending, skipped, calls] = await Promise.all([
      api(`${base}/contacts?status=pending&limit=${PAGE_LIMIT}`),
      api(`${base}/contacts?status=skipped&limit=${PAGE_LIMIT}`),
      readCalls(id),
    ]);
    if (stopped()) {
      return;
    }
    renderBreakdown('status-rows', Object.entries(pending.statusCounts || {}).filter(([, n]) => n > 0), (s) => s);
    renderOutcomes(calls);
    renderReasons('wait-rows', 'waiting-note', pending, (c) => c.waitReason, 'Ready to call');
    renderReasons('skip-rows', 'skipped-note', skipped, (c) => c.skipReason, 'No reason recorded');
    renderExamples([...pending.contacts.filter((c) => c.waitReason), ...skipped.contacts]);
    drawAttempts(calls.calls);
    $('details-updated').textContent = `Details updated ${new Date().toLocaleTimeString()}`;
  }

  /** The campaign's calls, oldest first, up to MAX_CALL_PAGES pages. */
  async function readCalls(id) {
    const calls = [];
    let cursor = null;
    let total = 0;
    for (let page = 0; page < MAX_CALL_PAGES; page++) {
      const query = `campaignId=${encodeURIComponent(id)}&limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await api(`/api/crm/calls?${query}`);
      calls.push(...answer.calls);
      total = answer.total;
      cursor = answer.nextCursor;
      if (!cursor) {
        break;
      }
    }
    return { calls, total };
  }

  function renderBreakdown(tbodyId, entries, label) {
    const rows = entries.sort((a, b) => b[1] - a[1])
      .map(([key, n]) => el('tr', {}, el('th', { scope: 'row' }, label(key)), el('td', { class: 'number' }, count(n))));
    $(tbodyId).replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: '2', class: 'muted' }, 'None'))]));
  }

  function renderOutcomes({ calls, total }) {
    const byOutcome = new Map();
    for (const call of calls) {
      const key = call.outcome || `(${call.status || 'unknown'})`;
      byOutcome.set(key, (byOutcome.get(key) || 0) + 1);
    }
    renderBreakdown('outcome-rows', [...byOutcome], (k) => k);
    $('outcomes-note').textContent = total > calls.length ? `Over the first ${count(calls.length)} of ${count(total)} calls.` : '';
  }

  function renderReasons(tbodyId, noteId, page, reasonOf, noReason) {
    const byReason = new Map();
    for (const contact of page.contacts) {
      const key = reasonOf(contact) || '';
      byReason.set(key, (byReason.get(key) || 0) + 1);
    }
    renderBreakdown(tbodyId, [...byReason], (k) => (k ? reasonLabel(k) : noReason));
    $(noteId).textContent = page.total > page.contacts.length
      ? `Counted over the first ${count(page.contacts.length)} of ${count(page.total)} in dialing order.` : '';
  }

  function renderExamples(contacts) {
    const rows = contacts.slice(0, EXAMPLES).map((c) => el('tr', {},
      el('td', { class: 'id' }, c.contactId),
      el('td', {}, c.status),
      el('td', {}, reasonLabel(c.waitReason || c.skipReason || '')),
      el('td', {}, c.status === 'skipped' ? 'never' : c.nextEligibleAt ? when(c.nextEligibleAt) : 'when its data changes'),
      el('td', { class: 'number' }, count(c.attempts))));
    $('example-rows').replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No contact is waiting or skipped.'))]));
  }

  /** Bars of attempts started per minute, over the last CHART_MINUTES minutes that had calls. */
  function drawAttempts(calls) {
    const svg = $('attempts-chart');
    const minute = 60_000;
    const starts = calls.map((c) => Date.parse(c.initiatedAt || c.queuedAt)).filter((t) => !Number.isNaN(t));
    if (starts.length === 0) {
      svg.replaceChildren();
      $('attempts-summary').textContent = 'No attempts yet.';
      return;
    }
    const last = Math.floor(Math.max(...starts) / minute);
    const first = Math.min(Math.max(Math.floor(Math.min(...starts) / minute), last - CHART_MINUTES + 1),
      last - CHART_MIN_SPAN + 1);
    const buckets = new Array(last - first + 1).fill(0);
    for (const t of starts) {
      const index = Math.floor(t / minute) - first;
      if (index >= 0) {
        buckets[index]++;
      }
    }
    const peak = Math.max(...buckets);
    const width = 640;
    const height = 200;
    const top = 16;
    const bottom = 24;
    const slot = width / buckets.length;
    const shapes = buckets.map((n, i) => {
      const barHeight = ((height - top - bottom) * n) / peak;
      const bar = document.createElementNS(SVG_NS, 'rect');
      bar.setAttribute('x', String(i * slot + 1));
      bar.setAttribute('y', String(height - bottom - barHeight));
      bar.setAttribute('width', String(Math.max(1, slot - 2)));
      bar.setAttribute('height', String(barHeight));
      bar.setAttribute('class', 'bar');
      const title = document.createElementNS(SVG_NS, 'title');
      title.textContent = `${new Date((first + i) * minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${n} attempts`;
      bar.append(title);
      return bar;
    });
    const label = (x, y, text, anchor) => {
      const node = document.createElementNS(SVG_NS, 'text');
      node.setAttribute('x', String(x));
      node.setAttribute('y', String(y));
      node.setAttribute('text-anchor', anchor);
      node.setAttribute('class', 'axis');
      node.textContent = text;
      return node;
    };
    const clock = (m) => new Date(m * minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    shapes.push(label(2, 12, `${peak} per minute`, 'start'));
    shapes.push(label(2, height - 6, clock(first), 'start'));
    shapes.push(label(width - 2, height - 6, clock(last), 'end'));
    svg.replaceChildren(...shapes);
    const total = buckets.reduce((a, b) => a + b, 0);
    $('attempts-summary').textContent = `${count(total)} attempts over ${buckets.length} minute${buckets.length === 1 ? '' : 's'}`
      + ` (${clock(first)} to ${clock(last)}), at most ${peak} in one minute.`;
  }

  /** CSV exports need the Authorization header, so they are fetched and handed to the browser as a file. */
  async function download(path, fallbackName) {
    try {
      const response = await request(path, 'GET', 'text/csv');
      const blob = await response.blob();
      const disposition = response.headers.get('Content-Disposition') || '';
      const named = /filename="?([^";]+)"?/.exec(disposition);
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: named ? named[1] : fallbackName, hidden: '' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      reportFailure(error);
    }
  }

  // ---- Routing: #/ is the list, #/campaigns/{id} a campaign ----

  function route() {
    leaveView();
    leaveView = () => {};
    if (!apiKey()) {
      signOut('');
      return;
    }
    showNotice('');
    const match = /^#\/campaigns\/([^/]+)$/.exec(window.location.hash);
    leaveView = match ? showCampaign(decodeURIComponent(match[1])) : showCampaigns();
    $('main').focus({ preventScroll: true });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => signOut('Signed out.'));
    window.addEventListener('hashchange', route);
    route();
  });
})();
